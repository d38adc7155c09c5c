"""Seconds from Stop to the finished report, live (incremental) vs whole-file after Stop.

Speech (espeak-ng reading answers from the dev set) is played into the real recorder through
its injected stream at real-time pace, exactly as a microphone delivers it. Each measured round
runs in a fresh process so peak memory and CPU share are its own. Prints Markdown tables.

    python benchmarks/bench_latency.py                      # 90 s, 5 min, 10 min; 3 runs each
    python benchmarks/bench_latency.py --lengths 90 --runs 1 --soak 0 --startup 0
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "bench-latency"
sys.path.insert(0, str(ROOT / "tests"))


# -- speech material -----------------------------------------------------------------------

def _answers() -> list[str]:
    texts = []
    for line in (ROOT / "tests" / "devset" / "dev.jsonl").read_text().splitlines():
        if not line.strip():
            continue
        text = json.loads(line)["text"]
        # espeak reads digits and symbols in its own way; keep plain words for a fair WER.
        if not any(ch.isdigit() or ch in "$%&/" for ch in text):
            texts.append(text)
    return texts


def speech_of_length(seconds: float) -> tuple[Path, str]:
    """A WAV of about `seconds` of spoken answers with natural pauses, and its script."""
    CACHE.mkdir(parents=True, exist_ok=True)
    wav = CACHE / f"speech-{int(seconds)}.wav"
    script = CACHE / f"speech-{int(seconds)}.txt"
    if wav.exists() and script.exists():
        return wav, script.read_text()
    import numpy as np
    import soundfile as sf
    from support.speech import synth

    parts, said, total = [], [], 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(_answers()):
            if total >= seconds - 5:
                break
            path = synth(text, Path(tmp) / f"a{i}.wav")
            audio, _ = sf.read(path, dtype="float32")
            if total + len(audio) / 16000 > seconds + 5:
                continue
            gap = 3.5 if i % 5 == 4 else 0.8  # now and then a long thinking pause
            parts += [audio, np.zeros(int(gap * 16000), np.float32)]
            said.append(text)
            total += len(audio) / 16000 + gap
    sf.write(wav, np.concatenate(parts), 16000, subtype="PCM_16")
    script.write_text(" ".join(said))
    return wav, script.read_text()


# -- one measured round (child process) ----------------------------------------------------

def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def one_round(length: float) -> dict:
    from support.speech import wer

    from mockloop.audio import load_audio, wav_stream_factory
    from mockloop.session import LiveRound, Services

    wav, script = speech_of_length(length)
    audio_s = len(load_audio(wav)) / 16000
    services = Services()
    t0 = time.perf_counter()
    services.speech_model()
    model_s = time.perf_counter() - t0
    live = LiveRound(services, "mle", "ml-design", stream_factory=wav_stream_factory(wav))
    live.start()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    time.sleep(audio_s + 0.5)
    cpu_share = (time.process_time() - cpu0) / (time.perf_counter() - wall0)
    report = live.stop()
    live_latency = report.timings["report_latency_s"]
    live_wer = wer(script, report.transcript.text)

    # The same audio, transcribed whole after Stop (what the product did before).
    t0 = time.perf_counter()
    whole = services.speech_model().transcribe(load_audio(live.path))
    services.build_report("mle", "ml-design", whole)
    whole_latency = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"length": length, "audio_s": round(audio_s, 1), "live_latency_s": live_latency,
            "whole_latency_s": round(whole_latency, 3), "live_wer": round(live_wer, 4),
            "whole_wer": round(wer(script, whole.text), 4), "peak_mb": round(peak, 1),
            "cpu_share": round(cpu_share, 3), "model_load_s": round(model_s, 3),
            "dropped_frames": report.recording["dropped_frames"]}


def soak(rounds: int) -> dict:
    """Many short rounds in one process: does memory grow?"""
    import threading

    from mockloop.audio import wav_stream_factory
    from mockloop.session import LiveRound, Services

    wav, _ = speech_of_length(20)
    services = Services()
    services.speech_model()
    rss = []
    threads0 = threading.active_count()
    for _ in range(rounds):
        live = LiveRound(services, "swe", "coding", stream_factory=wav_stream_factory(wav))
        live.start()
        time.sleep(21)
        live.stop()
        rss.append(_rss_mb())
    return {"rounds": rounds, "rss_first_mb": round(rss[0], 1), "rss_last_mb": round(rss[-1], 1),
            "rss_max_mb": round(max(rss), 1), "threads_before": threads0,
            "threads_after": threading.active_count(),
            "saved": len(services.store.list_rounds())}


STARTUP = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from mockloop.session import Services
from mockloop.ui.main_window import MainWindow
services = Services()
w = MainWindow(services)
w.show(); w.start_up(); app.processEvents()
print("shown", time.perf_counter() - t0, flush=True)
"""


def startup_seconds() -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-c", STARTUP], stdout=subprocess.PIPE, text=True,
                         env=env)
    for line in p.stdout:
        if line.startswith("shown"):
            break
    elapsed = time.perf_counter() - t0
    p.kill()
    p.wait()
    return elapsed


def _child(kind: str, arg: float) -> dict:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, MOCKLOOP_HOME=home, HF_HUB_OFFLINE="1")
        out = subprocess.run([sys.executable, __file__, f"--child-{kind}", str(arg)], env=env,
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(out.stderr)
        return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lengths", default="90,300,600")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--soak", type=int, default=20, help="rounds in one process (0 = skip)")
    ap.add_argument("--startup", type=int, default=3, help="app start measurements (0 = skip)")
    ap.add_argument("--child-round", type=float)
    ap.add_argument("--child-soak", type=float)
    args = ap.parse_args()
    if args.child_round:
        print(json.dumps(one_round(args.child_round)))
        return
    if args.child_soak:
        print(json.dumps(soak(int(args.child_soak))))
        return

    cpu = platform.processor() or platform.machine()
    print(f"Machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
          "embedded tiny.en int8, median of runs\n")
    print("| answer | runs | Stop → report, live | Stop → report, whole file | WER live | "
          "WER whole | peak memory | CPU while recording | dropped frames |")
    print("|---|---|---|---|---|---|---|---|---|")
    loads = []
    for length in [float(x) for x in args.lengths.split(",")]:
        speech_of_length(length)
        rs = [_child("round", length) for _ in range(args.runs)]
        loads += [r["model_load_s"] for r in rs]
        med = lambda k, rs=rs: statistics.median(r[k] for r in rs)  # noqa: E731
        m, s = divmod(int(rs[0]["audio_s"]), 60)
        print(f"| {m}:{s:02d} | {len(rs)} | {med('live_latency_s'):.2f} s | "
              f"{med('whole_latency_s'):.2f} s | {100 * med('live_wer'):.1f}% | "
              f"{100 * med('whole_wer'):.1f}% | {max(r['peak_mb'] for r in rs):.0f} MB | "
              f"{100 * med('cpu_share'):.0f}% of one core | "
              f"{max(r['dropped_frames'] for r in rs)} |", flush=True)
    if loads:
        print(f"\nModel load + warm-up: median {statistics.median(loads):.2f} s")
    if args.startup:
        times = [startup_seconds() for _ in range(args.startup)]
        print(f"App start to window shown (offscreen): median {statistics.median(times):.2f} s "
              f"of {len(times)}")
    if args.soak:
        r = _child("soak", args.soak)
        print(f"\nSoak: {r['rounds']} rounds of 20 s in one process: resident memory "
              f"{r['rss_first_mb']} MB after the first, {r['rss_last_mb']} MB after the last "
              f"(max {r['rss_max_mb']} MB); threads {r['threads_before']} before, "
              f"{r['threads_after']} after; {r['saved']} rounds in the history")


if __name__ == "__main__":
    main()
