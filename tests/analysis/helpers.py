"""Small builders for analysis tests: rounds and roles built directly, timed transcripts."""

from __future__ import annotations

from mockloop.analysis import analyze
from mockloop.analysis.results import Analysis, SignalResult
from mockloop.rubric.model import Checkpoint, Prompt, Role, Round
from mockloop.transcript import Segment, Transcript, Word

ROLES = {
    "ai-engineer": Role("ai-engineer", "AI Engineer", "product", ()),
    "mle": Role("mle", "ML Engineer", "model", ()),
    "swe": Role("swe", "Software Engineer", "system", ()),
}

ALL_SIGNALS = (
    "tradeoff", "constraint", "fallout", "ownership", "failure_mode", "fallback", "restraint",
    "sequencing", "monitoring", "rejection_criterion", "user_failure_path", "escalation_path",
    "product_model_split", "usefulness_metric", "eval_gates", "latency_cost", "human_review",
    "vague_or_stale_input", "data_quality", "label_leakage", "offline_online_gap",
    "train_serve_skew", "retraining", "generalization", "edge_cases", "complexity",
    "simple_first", "testability", "readability", "scale_under_load", "backpressure",
    "api_shape", "storage", "caching", "failure_recovery", "invariants", "exact_range",
    "comp_components", "scope_match",
)


def make_round(signals: tuple[str, ...] = ALL_SIGNALS, *, length_s: float = 90.0,
               expected_lens: str | None = "role",
               checkpoints: tuple[Checkpoint, ...] = ()) -> Round:
    return Round(id="test-round", title="Test round", length_s=length_s,
                 expected_lens=expected_lens, signals=signals,
                 prompts=(Prompt("p1", "Tell me about it."),), checkpoints=checkpoints)


def timed(text: str, *, start: float = 0.0, rate: float = 0.4,
          gaps: dict[int, float] | None = None, duration_s: float | None = None) -> Transcript:
    """A recogniser-like transcript: each word lasts 0.3 s, words `rate` s apart, with
    extra silence before word i when gaps[i] is given."""
    gaps = gaps or {}
    words, t = [], start
    for i, w in enumerate(text.split()):
        t += gaps.get(i, 0.0)
        words.append(Word(w, round(t, 3), round(t + 0.3, 3), 0.9))
        t += rate
    seg = Segment(text=text, start=words[0].start, end=words[-1].end, words=tuple(words))
    return Transcript.from_segments([seg], duration_s=duration_s)


def run(text: str | Transcript, signals: tuple[str, ...] = ALL_SIGNALS,
        role: str = "swe", **round_kw) -> Analysis:
    transcript = text if isinstance(text, Transcript) else Transcript.from_text(text)
    return analyze(transcript, make_round(signals, **round_kw), ROLES[role])


def signal(text: str | Transcript, signal_id: str) -> SignalResult:
    """The result for one signal on one answer."""
    (result,) = run(text, (signal_id,)).signals
    return result
