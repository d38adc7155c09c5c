"""analyze(): one answer in, signals with evidence, lens share and delivery out."""

from __future__ import annotations

from mockloop.analysis.delivery import measure_delivery
from mockloop.analysis.lens import lens_share
from mockloop.analysis.results import Analysis
from mockloop.analysis.signals import detect_signals
from mockloop.analysis.teach import with_named
from mockloop.analysis.units import split_both
from mockloop.rubric.model import Role, Round
from mockloop.transcript import Transcript


def prepare() -> None:
    """Compile every rule now (about 0.25 s), so no later answer pays for it: the app calls
    this while the speech model warms up, and each debrief then takes a few milliseconds."""
    from mockloop.analysis.families import families
    from mockloop.analysis.lens import lexicon

    for fams in families().values():
        for fam in fams:
            fam.acts, fam.unless  # noqa: B018 - compiled on first access
    lexicon()


def analyze(transcript: Transcript, round_: Round, role: Role) -> Analysis:
    """Analyse one answer for one round and role. Pure: reads only packaged rule data."""
    words, units, across = split_both(transcript)
    signals = with_named(detect_signals(tuple(round_.signals), transcript, words, units,
                                        across), transcript, words, units)
    tokens = [t for u in units for t in u.tokens]
    return Analysis(
        signals=signals,
        lens=lens_share(tokens, round_, role),
        delivery=measure_delivery(transcript, words, round_, signals),
    )
