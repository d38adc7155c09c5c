"""Answer analysis: signals hit with evidence, lens share and delivery measures (Qt-free)."""

from mockloop.analysis.engine import analyze, prepare
from mockloop.analysis.results import Analysis, Delivery, LensShare, SignalResult

__all__ = ["Analysis", "Delivery", "LensShare", "SignalResult", "analyze", "prepare"]
