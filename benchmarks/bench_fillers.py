"""Filler recall and WER of the speech model under several decoding settings (prints a table).

Speaks interview-style sentences containing fillers (um, uh, like, you know) with espeak-ng,
trying several spellings of the hesitations in the spoken script (espeak says "um" oddly), and
counts how many fillers come back. Run: .venv/bin/python benchmarks/bench_fillers.py [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support.speech import synth, wer

from mockloop.asr import FILLER_PROMPT, DecodeSettings, SpeechModel

# {um} and {uh} are hesitations; like / you know are written as they are said.
SCRIPT = [
    "So, {um}, I think the main problem was label leakage in the training data.",
    "We, {uh}, retrained the model every week, like, on a rolling window.",
    "{Um}, the latency budget was, you know, really tight.",
    "I would, {uh}, start with a simple baseline and then, {um}, add features.",
    "The data pipeline was, like, really fragile, you know.",
    "{Uh}, we shipped the first version in, {um}, a few weeks.",
    "To be honest, you know, the hardest part was the evaluation.",
    "Then we, {um}, added a feature store and, {uh}, monitoring for drift.",
]
CLEAN = [  # no fillers at all: a prompt full of fillers must not invent any here
    "We split the data by time so that no future information leaks into training.",
    "The model was evaluated on a held out week with precision and recall.",
]
SPELLINGS = {"um/uh": ("um", "uh"), "umm/uhh": ("umm", "uhh"), "uhm/uh": ("uhm", "uh"),
             "erm/er": ("erm", "er")}
HESITATIONS = {"um", "umm", "uhm", "uh", "uhh", "er", "erm", "ah", "hmm", "mm", "eh"}
SETTINGS = {
    "no prompt": DecodeSettings(prompt=None),
    "filler prompt + context (default)": DecodeSettings(),
    "filler prompt, no context": DecodeSettings(context_words=0),
    "short prompt 'Um, uh, hmm.'": DecodeSettings(prompt="Um, uh, hmm."),
    "filler prompt, beam 1": DecodeSettings(beam_size=1),
    "filler prompt, no guard": DecodeSettings(guard=False),
    "filler prompt, timestamp tokens": DecodeSettings(extra={"without_timestamps": False}),
    "filler prompt, min piece 8 s": DecodeSettings(min_piece_s=8.0),
    "filler prompt, temperature fallback": DecodeSettings(
        temperature=(0.0, 0.2, 0.4, 0.6, 0.8, 1.0)),
    "filler prompt, one 28 s window": DecodeSettings(min_piece_s=28.0, max_piece_s=28.0,
                                                     split_gap_s=3.0),
}
# As the app decodes: the default settings plus the round's vocabulary in the prompt.
VOCABULARY_ROWS = {"default + ml-design vocabulary (app)": "ml-design",
                   "default + coding vocabulary (app)": "coding"}
VOICES = [("en-us", 160), ("en", 140)]
PAUSE_S = 0.8


def tokens(text: str) -> list[str]:
    return re.sub(r"[^a-z' ]+", " ", text.lower().replace("-", " ")).split()


def count_fillers(text: str) -> dict[str, int]:
    t = tokens(text)
    pairs = sum(1 for a, b in itertools.pairwise(t) if (a, b) == ("you", "know"))
    return {"um/uh": sum(w in HESITATIONS for w in t), "like": t.count("like"),
            "you know": pairs}


def strip_fillers(text: str) -> str:
    t = " ".join(w for w in tokens(text) if w not in HESITATIONS and w != "like")
    return t.replace("you know", " ")


def build_answer(lines: list[str], voice: str, wpm: int, um: str, uh: str,
                 work: Path) -> tuple[Path, str]:
    """One answer file (sentences with pauses) and its reference text with canonical fillers."""
    pieces = []
    silence = np.zeros(int(PAUSE_S * 16000), dtype=np.float32)
    for i, line in enumerate(lines):
        spoken = line.format(um=um, Um=um.capitalize(), uh=uh, Uh=uh.capitalize())
        wav = synth(spoken, work / f"s{i}.wav", voice=voice, wpm=wpm)
        pieces += [sf.read(wav, dtype="float32")[0], silence]
    out = work / f"answer-{voice}-{wpm}-{um}.wav"
    sf.write(out, np.concatenate(pieces), 16000)
    reference = " ".join(x.format(um="um", Um="Um", uh="uh", Uh="Uh") for x in lines)
    return out, reference


def score(reference: str, hypothesis: str) -> tuple[int, int, int]:
    """(fillers spoken, fillers found, extra fillers) counted per kind."""
    ref, hyp = count_fillers(reference), count_fillers(hypothesis)
    found = sum(min(ref[k], hyp[k]) for k in ref)
    extra = sum(max(0, hyp[k] - ref[k]) for k in ref)
    return sum(ref.values()), found, extra


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one voice, two spellings")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--only", nargs="+", metavar="WORD",
                    help="run only the settings whose name contains one of these words")
    args = ap.parse_args()
    voices = VOICES[:1] if args.quick else VOICES
    spellings = dict(list(SPELLINGS.items())[:2]) if args.quick else SPELLINGS
    from mockloop.rubric import load_rubric

    rounds = load_rubric(None).rounds
    rows = {name: (s, ()) for name, s in SETTINGS.items()}
    rows |= {name: (DecodeSettings(), rounds[r].vocabulary) for name, r in VOCABULARY_ROWS.items()}
    models = {name: (SpeechModel(cpu_threads=args.threads, settings=s).load(), vocab)
              for name, (s, vocab) in rows.items()
              if not args.only or any(word in name for word in args.only)}
    print(f"filler prompt: {FILLER_PROMPT!r}")
    print(f"{len(SCRIPT)} sentences, voices {voices}, pause {PAUSE_S} s\n")
    header = (f"{'settings':36} {'spoken as':9} {'recall':>6} {'extra':>5} {'WER':>6} "
              f"{'WER-nf':>6} {'clean WER':>9} {'clean extra':>11} {'x RT':>5}")
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        answers = {(sp, v): build_answer(SCRIPT, v[0], v[1], *spellings[sp], work)
                   for sp in spellings for v in voices}
        cleans = {v: build_answer(CLEAN, v[0], v[1], "um", "uh", work / "..")
                  for v in voices}
        for name, (model, vocab) in models.items():
            clean_w, clean_extra = [], 0
            for path, ref in cleans.values():
                hyp = model.transcribe(path, vocabulary=vocab).text
                clean_w.append(wer(ref, hyp))
                clean_extra += score(ref, hyp)[2]
            for sp in spellings:
                spoken = found = extra = 0
                wers, wers_nf, audio_s, busy_s = [], [], 0.0, 0.0
                for v in voices:
                    path, ref = answers[(sp, v)]
                    t0 = time.perf_counter()
                    tr = model.transcribe(path, vocabulary=vocab)
                    busy_s += time.perf_counter() - t0
                    audio_s += tr.duration_s
                    s, f, e = score(ref, tr.text)
                    spoken, found, extra = spoken + s, found + f, extra + e
                    wers.append(wer(ref, tr.text))
                    wers_nf.append(wer(strip_fillers(ref), strip_fillers(tr.text)))
                print(f"{name:36} {sp:9} {found / spoken:6.2f} {extra:5d} "
                      f"{np.mean(wers):6.3f} {np.mean(wers_nf):6.3f} {np.mean(clean_w):9.3f} "
                      f"{clean_extra:11d} {audio_s / busy_s:5.1f}")
    print("\nrecall = fillers transcribed / fillers spoken (um/uh, like, you know counted apart);"
          "\nextra = fillers transcribed beyond those spoken; WER-nf = WER with fillers removed"
          "\nfrom both sides; clean = sentences without fillers; x RT = audio s per compute s.")


if __name__ == "__main__":
    main()
