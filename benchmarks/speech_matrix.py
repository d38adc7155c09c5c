"""The spoken round trip per voice x condition, on the same answers (prints one table).

Each row speaks the answers with a voice (tests/support/voices.py), applies a condition,
transcribes with tiny.en (SpeechModel, as `mockloop analyze FILE` does) and analyses; it prints
normalised WER, micro precision / recall / F1 of the signals, dominant-lens accuracy and the
recogniser's real-time factor (compute s per audio s; cached rows report the time measured when
they were transcribed).

    nice -n 10 python benchmarks/speech_matrix.py --set unseen --sample 41
    python benchmarks/speech_matrix.py --profile before      # the decoder as it was
    python benchmarks/speech_matrix.py --rows piper:phone --option beam_size=3
    python benchmarks/speech_matrix.py --out benchmarks/results/matrix-after.txt
    nice -n 10 python benchmarks/speech_matrix.py --set natural-c --sample 90 \
        --rows typed piper:clean piper:phone --recall-lost --out results.txt

The row "typed" analyses the answers' own text (no recogniser) for comparison. --recall-lost
adds, per scored signal, the typed recall and each spoken row's recall with the points lost
to speech (aggregate counts only, so it may be printed for the never-tuned sets).

--profile before: the DecodeSettings and round vocabulary before the "speech as people sound"
work (vad_threshold 0.5, the old vocabulary lists); after: the app's current defaults.
Transcripts are cached per voice, condition, settings and vocabulary (.cache/eval-speech), so
the analysis can be rerun on both profiles at no recognition cost.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_signals as ev

ROWS = ("typed", "espeak:clean", "piper:clean", "piper:fast", "piper:noise", "piper:reverb",
        "piper:phone", "flite:clean")
# The decoder before this work: DecodeSettings() as it was, and the rounds' vocabulary lists.
BEFORE_SETTINGS = {"vad_threshold": 0.5, "vad_min_silence_ms": 300, "vad_speech_pad_ms": 200,
                   "beam_size": 5, "vocabulary_first": False, "filled_pauses": False}
BEFORE_VOCABULARY = {
    "story-90": ("p95", "rollout", "rollback", "on-call", "Kubernetes", "Postgres", "LLM",
                 "A/B test", "churn", "SLA"),
    "coding": ("O(n)", "O(n log n)", "O(1)", "hash map", "heap", "binary search", "BFS", "DFS",
               "linked list", "off-by-one", "null"),
    "system-design": ("API", "POST", "GET", "429", "503", "Postgres", "Redis", "Kafka", "SQS",
                      "DynamoDB", "S3", "TTL", "idempotency key", "sharding", "replicas", "p99",
                      "QPS", "WebSocket"),
    "ml-design": ("AUC", "precision", "recall", "XGBoost", "feature store", "embeddings",
                  "holdout", "A/B test", "PSI", "backfill", "labels", "churn"),
    "ai-design": ("LLM", "RAG", "retrieval", "embeddings", "hallucination", "guardrails",
                  "eval set", "p95", "tokens", "prompt"),
    "failure-followup": ("p99", "SLO", "error rate", "rollback", "canary", "on-call", "LLM",
                         "Postgres", "Kafka"),
    "comp-anchor": ("base salary", "equity", "RSUs", "vesting", "cliff", "refresh",
                    "sign-on bonus", "$185k", "L5", "staff"),
}


# --vocabulary full: each round's rubric list plus the other terms its scored signals are
# written around (the rules in resources/analysis/signals), for bench_asr_options / issue 11.
_MORE_VOCABULARY = {
    "story-90": ("p99", "SLO", "incident", "postmortem", "migration", "Kafka", "Redis", "Q3",
                 "deadline", "stakeholders"),
    "coding": ("O(n^2)", "O(k log n)", "hash set", "queue", "stack", "two pointers",
               "recursion", "memoization", "unit tests", "empty input", "None"),
    "system-design": ("cache", "CDN", "Memcached", "chargeback", "webhook", "JSON", "REST",
                      "PATCH", "rate limit", "queue", "retry", "backoff", "dead-letter queue",
                      "Cassandra", "p95", "throughput"),
    "ml-design": ("F1", "NDCG", "label leakage", "train-serve skew", "drift", "retraining",
                  "calibration", "threshold", "offline", "online", "Spark", "Airflow"),
    "ai-design": ("eval", "golden set", "LLM judge", "latency", "cost per request", "fallback",
                  "human review", "fine-tune", "context window", "reranker", "BM25"),
    "failure-followup": ("p95", "postmortem", "incident", "alert", "dashboard", "runbook",
                         "feature flag", "timeout", "retry", "Redis"),
    "comp-anchor": ("base", "total comp", "TC", "401k", "$200k", "signing bonus",
                    "refresher", "L6", "senior", "offer"),
}


def _full_vocabulary() -> dict[str, tuple[str, ...]]:
    from mockloop.rubric import get_rubric

    rubric = get_rubric()
    return {rid: tuple(dict.fromkeys(rubric.round(rid).vocabulary + more))
            for rid, more in _MORE_VOCABULARY.items()}


def make_settings(profile: str, options: list[str]):
    """DecodeSettings for a profile, with NAME=VALUE overrides (Python literals)."""
    from mockloop.asr import DecodeSettings

    known = {f.name for f in dataclasses.fields(DecodeSettings)}
    values = {k: v for k, v in BEFORE_SETTINGS.items() if k in known} if profile == "before" \
        else {}
    for opt in options:
        name, _, raw = opt.partition("=")
        if name not in known:
            raise SystemExit(f"--option {name}: not a DecodeSettings field")
        try:
            values[name] = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            values[name] = raw
    return DecodeSettings(**values)


def header() -> str:
    return (f"{'voice':<8}{'condition':<10}{'WER':>7}{'prec':>7}{'rec':>7}{'F1':>7}"
            f"{'lens':>7}{'RTF':>7}{'new':>5}")


def row(voice: str, condition: str, report: ev.Report, misses: int) -> str:
    m = report.micro
    if not report.speech:  # the typed row: no recogniser, so no WER, RTF or transcriptions
        return (f"{voice:<8}{condition:<10}{'-':>7}{m.precision:>7.3f}{m.recall:>7.3f}"
                f"{m.f1:>7.3f}{report.lens_accuracy:>7.3f}{'-':>7}{'-':>5}")
    return (f"{voice:<8}{condition:<10}{report.wer:>7.3f}{m.precision:>7.3f}{m.recall:>7.3f}"
            f"{m.f1:>7.3f}{report.lens_accuracy:>7.3f}{report.rtf:>7.3f}{misses:>5d}")


def recall_lost(typed: ev.Report, spoken: list[tuple[str, ev.Report]]) -> list[str]:
    """Per scored signal: support, typed hits/recall, and each spoken row's recall and the
    points it lost against typed (aggregate counts only)."""
    names = [name for name, _ in spoken]
    head = (f"{'signal':<24}{'supp':>6}{'typed':>14}"
            + "".join(f"{n:>20}" for n in names))
    out = ["recall lost to speech, per signal (hits/support recall; lost = typed - spoken, "
           "in points)", "", head, "-" * len(head)]

    def cell(c: ev.Counts, base: ev.Counts | None) -> str:
        if not c.support:
            return "-"
        text = f"{c.tp}/{c.support} {c.recall:.2f}"
        if base is not None:
            text += f" {100 * (base.recall - c.recall):+.0f}"
        return text

    for sig in sorted(typed.signals):
        t = typed.signals[sig]
        line = f"{sig:<24}{t.support:>6}{cell(t, None):>14}"
        for _, rep in spoken:
            line += f"{cell(rep.signals.get(sig, ev.Counts()), t):>20}"
        out.append(line)
    tm = typed.micro
    out.append("-" * len(head))
    out.append(f"{'micro':<24}{tm.support:>6}{cell(tm, None):>14}"
               + "".join(f"{cell(rep.micro, tm):>20}" for _, rep in spoken))
    out.append("")
    for name, rep in spoken:
        m = rep.micro
        out.append(f"recall lost to speech ({name}): {100 * (tm.recall - m.recall):.1f} points "
                   f"(typed {tm.recall:.3f} -> {m.recall:.3f}; hits {tm.tp} -> {m.tp} of "
                   f"{tm.support}; false positives {tm.fp} -> {m.fp})")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="unseen", dest="set_name", choices=sorted(ev.SETS))
    ap.add_argument("--sample", type=int, default=41)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--rows", nargs="+", default=list(ROWS), metavar="VOICE:CONDITION")
    ap.add_argument("--profile", choices=("before", "after"), default="after")
    ap.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                    help="override one DecodeSettings field (repeatable)")
    ap.add_argument("--vocabulary", choices=("rubric", "before", "none", "full"), default=None,
                    help="the round vocabulary given to the recogniser (default: the "
                         "profile's: before -> the old lists, after -> the rubric's)")
    ap.add_argument("--cache-dir", type=Path, default=ev.DEFAULT_CACHE)
    ap.add_argument("--out", type=Path, default=None,
                    help="also write the table here (rewritten after every row, marked "
                         "PARTIAL until the last row is done)")
    ap.add_argument("--recall-lost", action="store_true",
                    help="also print per-signal recall, typed vs each spoken row (the typed "
                         "row is computed even when not listed)")
    args = ap.parse_args(argv)
    if args.set_name == "natural-b":
        print("note: natural-b is never tuned on; report its aggregate numbers only at the end",
              file=sys.stderr)

    settings = make_settings(args.profile, args.option)
    vocab_choice = args.vocabulary or ("before" if args.profile == "before" else "rubric")
    override = {"before": BEFORE_VOCABULARY, "none": {}, "rubric": None,
                "full": None}[vocab_choice]
    if vocab_choice == "full":
        override = _full_vocabulary()
    items = ev.select(ev.load_set(args.set_name), sample=args.sample, limit=args.limit)
    lines = [f"set: {args.set_name}   answers: {len(items)}   profile: {args.profile}   "
             f"vocabulary: {vocab_choice}" + (f"   options: {' '.join(args.option)}"
                                              if args.option else ""),
             "", header(), "-" * len(header())]
    print("\n".join(lines), flush=True)

    def save(text_lines: list[str], partial: bool) -> None:
        if not args.out:
            return
        args.out.parent.mkdir(parents=True, exist_ok=True)
        note = ["PARTIAL: the run stopped or is still going after these rows; rerun the same "
                "command to finish (cached rows are reused)."] if partial else []
        args.out.write_text("\n".join(note + text_lines) + "\n", encoding="utf-8")

    t0 = time.perf_counter()
    typed: ev.Report | None = None
    spoken: list[tuple[str, ev.Report]] = []
    for spec in args.rows:
        if spec == "typed":
            typed = ev.evaluate(items, set_name=args.set_name)
            lines.append(row("typed", "text", typed, 0))
            print(lines[-1], flush=True)
            save(lines, partial=True)
            continue
        voice, _, condition = spec.partition(":")
        speech = ev.SpeechRoundTrip(args.cache_dir, voice=voice, condition=condition or "clean",
                                    settings=settings, vocabulary_override=override)
        report = ev.evaluate(items, set_name=args.set_name, speech=speech)
        spoken.append((f"{voice}:{condition or 'clean'}", report))
        lines.append(row(voice, condition or "clean", report, speech.misses))
        print(lines[-1], flush=True)
        save(lines, partial=True)
    lines += ["", "WER: normalised corpus word error rate of the recognised text against the "
              "answer; prec/rec/F1: micro",
              "over the rounds' scored signals; lens: dominant-lens accuracy; RTF: recognition "
              "compute s per audio s",
              "(2 shared CPU cores); new: answers transcribed in this run (the rest were "
              f"cached). {time.perf_counter() - t0:.0f} s."]
    print("\n".join(lines[-4:]))
    if args.recall_lost and spoken:
        if typed is None:
            typed = ev.evaluate(items, set_name=args.set_name)
        lost = recall_lost(typed, spoken)
        print("\n" + "\n".join(lost))
        lines += ["", *lost]
    save(lines, partial=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
