"""Audio in and out: input devices, the crash-safe recorder, file loading and playback.

Qt-free; the window and the headless `practice` command both build on it.
"""

from mockloop.audio.devices import InputDevice, list_input_devices, rescan, resolve_device
from mockloop.audio.filestream import FileInputStream, wav_stream_factory
from mockloop.audio.levels import check_input, levels
from mockloop.audio.loader import MAX_DURATION_S, SAMPLE_RATE, audio_duration, load_audio
from mockloop.audio.player import Player
from mockloop.audio.recorder import Recorder, RecordingResult
from mockloop.audio.wavfile import DiskFullError, WavWriter, recover_wav

__all__ = [
    "MAX_DURATION_S",
    "SAMPLE_RATE",
    "DiskFullError",
    "FileInputStream",
    "InputDevice",
    "Player",
    "Recorder",
    "RecordingResult",
    "WavWriter",
    "audio_duration",
    "check_input",
    "levels",
    "list_input_devices",
    "load_audio",
    "recover_wav",
    "rescan",
    "resolve_device",
    "wav_stream_factory",
]
