"""Decoding settings for faster-whisper, with the defaults chosen by benchmarks/bench_fillers.py."""

from __future__ import annotations

from dataclasses import dataclass, field

# Whisper was trained mostly on cleaned-up transcripts and drops "um"/"uh" unless the prompt
# shows that this transcript keeps them (OpenAI's own advice; measured in bench_fillers.py).
FILLER_PROMPT = "Um, so, uh, I think, like, you know, we, um, shipped it."


@dataclass(frozen=True)
class DecodeSettings:
    """How audio is cut into pieces and each piece decoded. Frozen: shared by threads."""

    prompt: str | None = FILLER_PROMPT
    beam_size: int = 5
    # No temperature fallback: a retry at a higher temperature decodes the piece up to five
    # more times, and a Stop in mid-word triggered it, taking the wait after Stop past 2 s
    # (bench_stop.py). The guard (guards.py) drops what the retries were meant to catch.
    temperature: float | tuple[float, ...] = 0.0
    # Earlier text of the same answer placed after the prompt, for context across pieces.
    context_words: int = 40
    # Silero VAD finds the speech; silence and steady noise never reach the decoder, which is
    # where invented text comes from. 0.3, not Silero's 0.5: at 0.5 the VAD kept only ~59 % of
    # phone-band (8 kHz) speech; Piper voice, phone band, 4 dev answers: WER 0.373 -> 0.107.
    # Silence, white noise and 50 Hz hum still give no words (tests/asr).
    vad_threshold: float = 0.3
    vad_min_silence_ms: int = 300
    vad_speech_pad_ms: int = 200
    # Audio is cut at pauses into pieces (cuts.py), the same way for a file and for a live
    # recording, so both give the same transcript. A piece ends at the first pause after
    # min_piece_s: longer pieces decode faster and a little better (bench_fillers.py), shorter
    # ones leave less to decode after Stop; 5 s keeps that wait under 1.5 s (bench_stop.py).
    min_piece_s: float = 5.0
    max_piece_s: float = 20.0
    split_gap_s: float = 1.5  # a pause this long always ends a piece
    # faster-whisper's own skip rule: no_speech_prob above this AND avg_logprob below -1.
    no_speech_threshold: float = 0.6
    guard: bool = True  # our hallucination guard after decoding (guards.py)
    # The round's vocabulary goes before the filler prompt, so that the text nearest the audio
    # is the filler-keeping sentence. With the vocabulary last, a hummed "uhh" came back as the
    # last term ("AUC"), and 2 of 9 filled pauses were kept instead of 9 of 9
    # (bench_filled_pauses.py, Piper voice, ml-design vocabulary).
    vocabulary_first: bool = True
    # Look for filled pauses the recogniser did not write (filled.py): a steady voiced hum of
    # 0.3-1.5 s. Only Transcript.extra["fillers"] changes ("at least N"), never the text. Off:
    # it found 9/9 of Piper's "uhh" and 5/9 hummed "mm" with no false hum on Piper or espeak
    # speech in any condition, but 20 false hums in 62 s of flite speech under noise.
    filled_pauses: bool = False
    extra: dict = field(default_factory=dict, compare=False)  # passed to WhisperModel.transcribe

    def decode_kwargs(self, prompt: str | None) -> dict:
        """Keyword arguments for WhisperModel.transcribe on one piece of speech."""
        return {
            "language": "en",
            "beam_size": self.beam_size,
            "temperature": self.temperature,
            "initial_prompt": prompt or None,
            "word_timestamps": True,  # from cross-attention, independent of timestamp tokens
            # One decode per piece: with timestamp tokens whisper re-decodes the last second
            # of a piece in a second pass, which doubles the cost and invents text there.
            "without_timestamps": True,
            "vad_filter": False,  # the piece was cut by our own VAD pass already
            "no_speech_threshold": self.no_speech_threshold,
            **self.extra,
        }

    def prompt_with_context(self, context: str | None,
                            vocabulary: tuple[str, ...] = ()) -> str | None:
        """The round's vocabulary, the filler prompt, then the last `context_words` words said
        before this piece (with `vocabulary_first` off: the filler prompt first)."""
        tail = " ".join((context or "").split()[-self.context_words:]) if self.context_words else ""
        terms = ", ".join(vocabulary) + "." if vocabulary else ""
        parts = (terms, self.prompt, tail) if self.vocabulary_first else (self.prompt, terms, tail)
        joined = " ".join(p for p in parts if p)
        return joined or None
