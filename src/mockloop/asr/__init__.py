"""Speech recognition: locating and loading the model, whole-file and incremental transcription."""

from mockloop.asr.incremental import IncrementalTranscriber
from mockloop.asr.model import SpeechModel
from mockloop.asr.model_dir import locate_model
from mockloop.asr.settings import FILLER_PROMPT, DecodeSettings

__all__ = ["FILLER_PROMPT", "DecodeSettings", "IncrementalTranscriber", "SpeechModel",
           "locate_model"]
