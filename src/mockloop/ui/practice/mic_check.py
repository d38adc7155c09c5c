"""The "Test microphone" action: record about two seconds with the core's recorder, then judge.

Runs on a worker thread; `level()` may be read from the GUI thread meanwhile. The clip goes
to a temporary folder and is deleted: a check is not a round and is not kept.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

CHECK_SECONDS = 2.0


class MicCheck:
    def __init__(self, device: str | int | None, *, stream_factory: Callable | None = None,
                 seconds: float = CHECK_SECONDS) -> None:
        self.device = device
        self.stream_factory = stream_factory
        self.seconds = seconds
        self._recorder = None
        self._done = threading.Event()

    def level(self) -> tuple[float, float]:
        recorder = self._recorder
        return recorder.level() if recorder is not None else (-120.0, -120.0)

    def run(self) -> str | None:
        """Record, then return a warning for the user, or None when the input sounds fine."""
        from mockloop.audio import Recorder, check_input, load_audio

        with tempfile.TemporaryDirectory(prefix="mockloop-mic-") as tmp:
            path = Path(tmp) / "check.wav"
            kwargs = {"device": self.device}
            if self.stream_factory is not None:
                kwargs["stream_factory"] = self.stream_factory
            recorder = Recorder(path, **kwargs)
            recorder.start()
            self._recorder = recorder
            try:
                # Wait on the recorder's own clock, so a slow start does not shorten the check.
                while recorder.elapsed_s < self.seconds and recorder.error is None:
                    if self._done.wait(0.05):
                        break
            finally:
                result = recorder.stop()
                self._recorder = None
            if result.error:
                return result.error
            return check_input(load_audio(path))

    def abort(self) -> None:
        self._done.set()
