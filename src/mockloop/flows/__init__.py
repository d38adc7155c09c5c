"""The flows of a round over the services container (mockloop.session.Services).

* analyze: a typed answer or an audio file, in one go;
* finish: a round whose recording stopped early, from its saved audio;
* live: a round from the microphone (LiveRound), and the headless wait for its stop;
* corrections: a saved transcript corrected, undone, reverted, each re-scored.

They share one transcribe step and one report-and-save path (steps), one `Recording` value
for a report's "recording" key, and one hard-stop rule (timing.should_stop) that the command
line and the window both ask. mockloop.session re-exports what callers used from it.
"""

from mockloop.flows.live import LiveRound, RoundRequest, new_recording_path, record_until_stop
from mockloop.flows.recording import Recording
from mockloop.flows.timing import hard_stop_s, should_stop

__all__ = [
    "LiveRound",
    "Recording",
    "RoundRequest",
    "hard_stop_s",
    "new_recording_path",
    "record_until_stop",
    "should_stop",
]
