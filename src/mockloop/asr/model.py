"""The speech model: one faster-whisper model loaded once, shared by threads, offline."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from mockloop.asr.audio_input import SAMPLE_RATE, as_samples, load_file
from mockloop.asr.cuts import raw_speech, split_stream
from mockloop.asr.filled import filler_counts, find_hums
from mockloop.asr.guards import invented_tail, is_hallucination, outside_speech
from mockloop.asr.model_dir import HOW_TO_FIX, locate_model
from mockloop.asr.pieces import group_regions, speech_regions
from mockloop.asr.respell import respell
from mockloop.asr.settings import DecodeSettings
from mockloop.errors import ModelError
from mockloop.transcript import Segment, Transcript, Word

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

Progress = Callable[[float], None]
log = logging.getLogger(__name__)


class SpeechModel:
    """A CTranslate2 Whisper model (int8 on the CPU) behind a lock.

    Loading is lazy (or explicit with `load()`); `transcribe()` may be called from any thread,
    one decode at a time.
    """

    def __init__(self, model_dir: str | Path | None = None, *, cpu_threads: int = 0,
                 settings: DecodeSettings | None = None) -> None:
        self.model_dir = locate_model(model_dir)
        self.cpu_threads = cpu_threads
        self.settings = settings or DecodeSettings()
        self.load_seconds: float | None = None
        self._model: WhisperModel | None = None
        self._lock = threading.RLock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> SpeechModel:
        """Load the model now (ModelError in one sentence if the files are unusable)."""
        with self._lock:
            if self._model is not None:
                return self
            # Belt and braces: a directory path never reaches the hub, and this makes sure.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            from faster_whisper import WhisperModel

            t0 = time.perf_counter()
            try:
                self._model = WhisperModel(str(self.model_dir), device="cpu", compute_type="int8",
                                           cpu_threads=self.cpu_threads, local_files_only=True)
            except Exception as exc:  # ctranslate2 reports corrupt files as RuntimeError etc.
                raise ModelError(f"The speech model in {self.model_dir} could not be loaded "
                                 f"(its files look damaged or are not a Whisper model); "
                                 f"{HOW_TO_FIX}.") from exc
            self.load_seconds = time.perf_counter() - t0
            return self

    def warm_up(self) -> None:
        """One short decode (and one VAD pass), so the first real transcription is not slowed."""
        t = np.arange(SAMPLE_RATE, dtype=np.float32) / SAMPLE_RATE
        tone = (0.1 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
        with self._lock:
            self.load()
            model = self._model
            assert model is not None  # load() sets it or raises ModelError
            speech_regions(tone, self.settings)
            segments, _ = model.transcribe(tone, language="en", beam_size=1,
                                           word_timestamps=True, vad_filter=False)
            list(segments)

    def transcribe(self, audio: np.ndarray | str | Path, *, offset_s: float = 0.0,
                   prompt: str | None = None, progress: Progress | None = None,
                   vocabulary: tuple[str, ...] = ()) -> Transcript:
        """Transcribe 16 kHz mono samples or an audio file.

        Times are on the round's clock: `offset_s` (where `audio` starts) is added. `prompt` is
        text said before this audio (context), placed after the settings' filler prompt.
        `vocabulary`: terms the speaker is likely to use (the round's), given as context.
        `progress` gets the fraction of the audio done, ending with 1.0. Silence or noise gives
        a transcript with `no_speech=True` and no text. `extra["fillers"]` counts the
        hesitations written ("heard") and, with `settings.filled_pauses`, the hums not written;
        "at_least" is the lower bound to report, since the recogniser drops fillers but does not
        invent them.
        """
        samples = load_file(audio) if isinstance(audio, (str, Path)) else as_samples(audio)
        segments: list[Segment] = []
        context = prompt or ""
        with self._lock:
            self.load()
            # Cut exactly as the live transcriber does, so both give the same transcript.
            for start, end in split_stream(samples, self.settings):
                got = self.transcribe_piece(samples[start:end],
                                            offset_s=offset_s + start / SAMPLE_RATE,
                                            context=context, vocabulary=vocabulary)
                segments += got
                context = " ".join([context, *(s.text for s in got)])
                if progress is not None:
                    progress(end / samples.size)
        if progress is not None:
            progress(1.0)
        transcript = Transcript.from_segments(segments, duration_s=samples.size / SAMPLE_RATE)
        hums = self.hums(samples, offset_s=offset_s)
        transcript.extra["hums"] = hums
        transcript.extra["fillers"] = filler_counts(transcript.words, hums)
        return transcript

    def hums(self, samples: np.ndarray, *, offset_s: float = 0.0) -> list[tuple[float, float]]:
        """Filled pauses heard in the audio (filled.py), if the settings look for them."""
        if not self.settings.filled_pauses:
            return []
        return find_hums(samples, offset_s=offset_s)

    def transcribe_piece(self, piece: np.ndarray, *, offset_s: float, context: str = "",
                         vocabulary: tuple[str, ...] = ()) -> list[Segment]:
        """Segments of one piece cut by cuts.find_cut, on the round's clock."""
        with self._lock:
            self.load()
            speech = [(s / SAMPLE_RATE, e / SAMPLE_RATE)
                      for s, e in raw_speech(piece, self.settings)]
            segments: list[Segment] = []
            for start, end in group_regions(speech_regions(piece, self.settings), self.settings):
                got = self._decode(piece[start:end], start / SAMPLE_RATE, offset_s, speech,
                                   " ".join([context, *(s.text for s in segments)]),
                                   vocabulary)
                segments += got
            return segments

    def _decode(self, audio: np.ndarray, start_s: float, offset_s: float,
                speech: list[tuple[float, float]], context: str,
                vocabulary: tuple[str, ...] = ()) -> list[Segment]:
        """Decode `audio` (starting `start_s` into its piece), keeping only believable text.

        `speech` holds the piece's raw speech regions: words wholly outside them are dropped,
        and so are segments the guard takes for invented text.
        """
        kwargs = self.settings.decode_kwargs(
            self.settings.prompt_with_context(context, vocabulary))
        model = self._model
        assert model is not None  # transcribe_piece() loaded it
        decoded, _ = model.transcribe(audio, **kwargs)
        local = [(s - start_s, e - start_s) for s, e in speech]
        guard = self.settings.guard
        found = []
        for seg in decoded:  # a generator: decoding happens as we iterate
            if guard and is_hallucination(seg):
                log.debug("dropped as invented: %r", seg.text)
                continue
            words = [w for w in seg.words or [] if not (guard and outside_speech(w, local))]
            found.append((seg, words))
        if guard and (drop := invented_tail([w for _, words in found for w in words])):
            log.debug("dropped an invented ending of %d words", drop)
            while drop and found:  # the ending may be a segment of its own
                seg, words = found.pop()
                if len(words) > drop:
                    found.append((seg, words[:-drop]))
                drop = max(0, drop - len(words))
        segments = [_convert(seg, words, offset_s + start_s, audio.size / SAMPLE_RATE)
                    for seg, words in found]
        return respell([s for s in segments if s.text], vocabulary)


def _convert(seg, words: list, offset_s: float, limit_s: float) -> Segment:
    """A faster-whisper segment (with the words kept) on the round's clock, inside its audio."""

    def clock(t: float) -> float:
        return round(offset_s + min(max(float(t), 0.0), limit_s), 3)

    text = "".join(w.word for w in words).strip() if seg.words else seg.text.strip()
    kept: list[Word] = []
    for w in words:
        if not w.word.strip():
            continue
        probability = round(float(w.probability), 3)
        word = Word(w.word.strip(), clock(w.start), clock(w.end), probability)
        # Whisper times "1.85" as "1" + ".85" and "$175K" as "$175" + "K": a piece with no
        # space before it continues the word before, and the user reads it as one word.
        if kept and not w.word[:1].isspace():
            prev = kept.pop()
            assert prev.probability is not None  # every word kept here was given one
            word = Word(prev.word + word.word, prev.start, word.end,
                        min(prev.probability, probability))
        kept.append(word)
    return Segment(text, clock(seg.start), clock(seg.end), tuple(kept))
