"""Filled pauses as people make them: how many um/uh come back, file and live (prints a table).

bench_fillers.py lets a synthetic voice *say* "um," as a word between commas, and counts fillers
per answer without aligning them, so any "um" anywhere counts as found. People do not say a
word: they hum a steady vowel with falling pitch for 0.3-0.8 s between words. This benchmark
speaks interview sentences with Piper (or espeak), splices a filled pause into each filler slot
(tests/support/voices.py: ``hum`` = a synthesised "uh"/"um"/"mm" vowel; ``piper`` = Piper saying
"uhh" slowed down; ``word`` = the voice saying "um" inline, no commas), and runs the result
through the app's paths: SpeechModel.transcribe (a file) and IncrementalTranscriber (live).

Recall is aligned: a filler counts as found only where it was said (difflib alignment of the
normalised words; a hesitation in the hypothesis inside the replaced stretch counts).
"invented" counts hesitations on filler-free sentences (and unmatched ones in the filled set).
"at least" is the app's own lower bound (Transcript.extra["fillers"]["at_least"]) when the
filled-pause detector is on.

    nice -n 10 python benchmarks/bench_filled_pauses.py                  # default settings
    python benchmarks/bench_filled_pauses.py --variants default "beam 1" --live
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support import voices  # noqa: E402

from mockloop.asr import DecodeSettings, IncrementalTranscriber, SpeechModel  # noqa: E402

# {f} marks a filled pause (scored as um/uh); "like" and "you know" are said as words.
SCRIPT = [
    "So {f} the main problem was label leakage in the training data.",
    "We retrained the model every week {f} on a rolling window of three months.",
    "{f} the latency budget was really tight so we cached the features.",
    "I would start with a simple baseline and then {f} add features one at a time.",
    "The data pipeline was fragile and {f} nobody owned the alerts.",
    "We shipped the first version in {f} about six weeks.",
    "The hardest part was {f} the evaluation because labels arrived late.",
    "Then we added a feature store and {f} monitoring for drift.",
    "I think the cache was {f} the right call for reads.",
    "It was like really slow you know so we moved it to a queue.",
]
CLEAN = [  # no fillers: nothing may be invented here
    "We split the data by time so that no future information leaks into training.",
    "The model was evaluated on a held out week with precision and recall.",
    "I owned the rollout plan and wrote the runbook for the batch job.",
    "Support tickets about billing fell by about a third in the first month.",
]
HESITATIONS = {"um", "umm", "ummm", "uhm", "uh", "uhh", "uhhh", "er", "err", "erm", "hmm", "hm",
               "hmmm", "mm", "mmm", "ah", "eh"}
FILLER = "{f}"
VARIANTS = {
    "default": {},
    "vocabulary after prompt (old)": {"vocabulary_first": False},
    "no vocabulary": {"_vocabulary": ()},
    "no prompt": {"prompt": None},
    "prompt 'Um, uh, hmm.'": {"prompt": "Um, uh, hmm, so, um, I think, uh..."},
    "beam 1": {"beam_size": 1},
    "beam 3": {"beam_size": 3},
    "timestamp tokens": {"extra": {"without_timestamps": False}},
    "suppress_tokens []": {"extra": {"suppress_tokens": []}},
    "temperature fallback": {"temperature": (0.0, 0.2, 0.4)},
    "filled-pause detector": {"filled_pauses": True},
}
VOCABULARY = ("AUC", "precision", "recall", "XGBoost", "feature store", "embeddings", "holdout")


def tokens(text: str) -> list[str]:
    return re.sub(r"[^a-z' ]+", " ", text.lower().replace("-", " ")).split()


def render(line: str, voice: str, mode: str, kind: str, seed: int, cache: Path) -> np.ndarray:
    """One sentence with a filled pause in each slot (mode word/hum/piper)."""
    if mode == "word":
        with voices_tmp() as tmp:
            return voices.read(voices.speak(line.replace(FILLER, "um"), tmp / "s.wav",
                                            voice=voice, cache_dir=cache))
    parts: list = []
    chunks = [c.strip() for c in line.split(FILLER)]
    rng = np.random.default_rng(seed)
    for i, chunk in enumerate(chunks):
        if chunk:
            with voices_tmp() as tmp:
                parts.append(voices.trim(voices.read(voices.speak(
                    chunk, tmp / "s.wav", voice=voice, cache_dir=cache)), 0.003))
        if i < len(chunks) - 1:
            dur = float(rng.uniform(0.3, 0.8))
            if mode == "hum":
                pause = voices.filled_pause(dur, kind, seed=seed + i,
                                            f0=(float(rng.uniform(115, 135)),
                                                float(rng.uniform(85, 100))))
            else:
                pause = _piper_pause(cache)
            parts += [float(rng.uniform(0.08, 0.2)), pause, float(rng.uniform(0.05, 0.15))]
    return voices.splice(parts)


_PIPER_PAUSE: list[np.ndarray] = []


def _piper_pause(cache: Path) -> np.ndarray:
    """Piper's "uhh", made once and kept (Piper's sampling differs from run to run)."""
    if not _PIPER_PAUSE:
        path = cache / "piper-uhh-3.0.wav"
        if not path.is_file():
            cache.mkdir(parents=True, exist_ok=True)
            voices.write(path, voices.piper_filler("uhh", stretch=3.0))
        _PIPER_PAUSE.append(voices.read(path))
    return _PIPER_PAUSE[0]


class voices_tmp:
    def __enter__(self) -> Path:
        import tempfile

        self._d = tempfile.TemporaryDirectory(prefix="fp-")
        return Path(self._d.name)

    def __exit__(self, *exc) -> None:
        self._d.cleanup()


def build(lines: list[str], voice: str, mode: str, kind: str, cache: Path) -> np.ndarray:
    parts: list = [0.3]
    for i, line in enumerate(lines):
        parts += [render(line, voice, mode, kind, 100 + i, cache), 0.7]
    return voices.splice(parts)


def aligned(ref_lines: list[str], hyp: str) -> tuple[int, int, int]:
    """(fillers said, found where said, hesitations in the hypothesis not matched)."""
    ref = tokens(" ".join(line.replace(FILLER, "um") for line in ref_lines))
    h = tokens(hyp)
    said = sum(w == "um" for w in ref)
    found = 0
    used = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ref, b=h, autojunk=False).get_opcodes():
        r_f = sum(w == "um" for w in ref[i1:i2])
        h_f = sum(w in HESITATIONS for w in h[j1:j2])
        if op == "equal":
            found += r_f
            used += r_f
        elif op == "replace":
            found += min(r_f, h_f)
            used += min(r_f, h_f)
    total_h = sum(w in HESITATIONS for w in h)
    return said, found, total_h - used


def like_you_know(hyp: str) -> tuple[int, int]:
    """(filler 'like' found, 'you know' found) in the one line that has them (1 each)."""
    t = tokens(hyp)
    return min(1, t.count("like")), min(1, sum(a == "you" and b == "know"
                                                for a, b in itertools.pairwise(t)))


def live(model: SpeechModel, audio: np.ndarray, vocabulary: tuple[str, ...]):
    tr = IncrementalTranscriber(model, vocabulary=vocabulary)
    tr.start()
    block = voices.SAMPLE_RATE // 10
    for i in range(0, audio.size, block):
        tr.feed(audio[i:i + block])
        if i % (block * 10) == 0:
            time.sleep(0.01)
    return tr.finish()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--voice", default="piper", choices=voices.VOICES)
    ap.add_argument("--modes", nargs="+", default=["word", "hum", "piper"])
    ap.add_argument("--kind", default="um", choices=("uh", "um", "mm"))
    ap.add_argument("--variants", nargs="+", default=["default"], help=", ".join(VARIANTS))
    ap.add_argument("--live", action="store_true", help="also feed IncrementalTranscriber")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--show", action="store_true", help="print each file transcript (stderr)")
    args = ap.parse_args()
    if not voices.have_voice(args.voice):
        raise SystemExit(voices.missing_reason(args.voice))
    cache = ROOT / ".cache" / "filled-pauses"
    answers = {m: build(SCRIPT, args.voice, m, args.kind, cache) for m in args.modes}
    clean = build(CLEAN, args.voice, "word", args.kind, cache)
    print(f"voice {args.voice}; {len(SCRIPT) - 1} filled pauses ({args.kind}, 0.3-0.8 s) in "
          f"{len(SCRIPT)} sentences; {len(CLEAN)} filler-free sentences; ml-design vocabulary\n")
    head = (f"{'settings':24}{'path':6}{'filler as':10}{'recall':>7}{'found':>7}{'inv':>5}"
            f"{'clean inv':>10}{'like':>5}{'y/k':>5}{'≥N':>5}{'WER-nf':>8}{'RTF':>6}")
    print(head)
    print("-" * len(head))
    for name in args.variants:
        opts = dict(VARIANTS[name])
        vocab = opts.pop("_vocabulary", VOCABULARY)
        try:
            settings = DecodeSettings(**opts)
        except TypeError as exc:
            print(f"{name:24} (not available: {exc})")
            continue
        model = SpeechModel(cpu_threads=args.threads, settings=settings).load()
        paths = [("file", lambda a, m=model, v=vocab: m.transcribe(a, vocabulary=v))]
        if args.live:
            paths.append(("live", lambda a, m=model, v=vocab: live(m, a, v)))
        for path_name, run in paths:
            c_tr = run(clean)
            clean_inv = sum(w in HESITATIONS for w in tokens(c_tr.text))
            for mode, audio in answers.items():
                t0 = time.perf_counter()
                tr = run(audio)
                rtf = (time.perf_counter() - t0) / (audio.size / voices.SAMPLE_RATE)
                said, found, inv = aligned(SCRIPT, tr.text)
                lk, yk = like_you_know(tr.text)
                at_least = (tr.extra.get("fillers") or {}).get("at_least")
                ref_nf = " ".join(line.replace(FILLER, " ") for line in SCRIPT)
                hyp_nf = " ".join(w for w in tokens(tr.text) if w not in HESITATIONS)
                print(f"{name:24}{path_name:6}{mode:10}{found / said:7.2f}{found:>4d}/{said:<2d}"
                      f"{inv:5d}{clean_inv:10d}{lk:5d}{yk:5d}"
                      f"{'-' if at_least is None else at_least:>5}"
                      f"{voices.wer(ref_nf, hyp_nf):8.3f}{rtf:6.2f}", flush=True)
                if args.show and path_name == "file":
                    print(f"    {tr.text[:300]}", file=sys.stderr)
    print("\nrecall: fillers found where they were said; inv: hesitations elsewhere; clean inv: "
          "hesitations\ninvented on filler-free sentences; like / y/k: the filler 'like' and "
          "'you know' (1 each)\nfound; ≥N: the app's 'at least N fillers'; WER-nf: WER without "
          "fillers; RTF: compute s per audio s.")


if __name__ == "__main__":
    main()
