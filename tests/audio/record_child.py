"""A separate process that records, for tests that kill it, starve its disk or pull its mic.

Usage: python record_child.py MODE OUT_WAV [SOURCE]
  crash     record SOURCE (fed at real-time pace) forever, printing 'delivered <s>' per block
  diskfull  record SOURCE as fast as possible until the recording fails, print the result
  mic       record the default input device, printing 'elapsed <s>', until the device fails
  nodevice  try to record and to play with whatever devices this environment has
Results are printed as one 'result <json>' line.
"""

from __future__ import annotations

import json
import sys
import threading
import time

from mockloop.audio import Player, Recorder, list_input_devices, wav_stream_factory
from mockloop.errors import UserError


def emit(tag: str, value: object) -> None:
    print(tag, json.dumps(value), flush=True)


def result_dict(result) -> dict:
    return {
        "duration_s": result.duration_s,
        "error": result.error,
        "dropped_frames": result.dropped_frames,
        "overflows": result.overflows,
    }


def crash(out: str, source: str) -> None:
    inner = wav_stream_factory(source, realtime=True)

    def factory(**kw):
        callback = kw["callback"]
        delivered = [0]

        def counting(indata, frames, time_info, status):
            callback(indata, frames, time_info, status)
            delivered[0] += frames
            emit("delivered", delivered[0] / 16000)

        return inner(**{**kw, "callback": counting})

    Recorder(out, stream_factory=factory).start()
    while True:
        time.sleep(60)  # until SIGKILL


def until_error(recorder: Recorder, failed: threading.Event, report) -> None:
    recorder.start()
    deadline = time.monotonic() + 20
    while not failed.wait(0.1) and time.monotonic() < deadline:
        report()
    emit("result", result_dict(recorder.stop()))


def diskfull(out: str, source: str) -> None:
    failed = threading.Event()
    rec = Recorder(
        out,
        stream_factory=wav_stream_factory(source, realtime=False),
        on_error=lambda message: failed.set(),
    )
    until_error(rec, failed, lambda: None)


def mic(out: str) -> None:
    failed = threading.Event()
    rec = Recorder(out, on_error=lambda message: failed.set())
    until_error(rec, failed, lambda: emit("elapsed", rec.elapsed_s))


def nodevice(out: str, source: str) -> None:
    report = {"inputs": [d.name for d in list_input_devices()]}
    for what, action in (
        ("record", lambda: Recorder(out).start()),
        ("play", lambda: Player(source).play()),
    ):
        try:
            action()
            report[what] = None
        except UserError as exc:
            report[what] = {"type": type(exc).__name__, "message": str(exc)}
    emit("result", report)


if __name__ == "__main__":
    mode, out, *rest = sys.argv[1:]
    {"crash": crash, "diskfull": diskfull, "mic": mic, "nodevice": nodevice}[mode](out, *rest)
