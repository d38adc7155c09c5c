"""Transcribing an answer while it is spoken, so that only the last seconds remain at Stop.

The stream is cut at pauses into pieces; a worker thread transcribes each piece once, with the
text before it as context. Audio is never dropped: a worker that falls behind keeps queueing,
and `finish()` transcribes whatever is left.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

import numpy as np

from mockloop.asr.audio_input import SAMPLE_RATE, as_samples
from mockloop.asr.cuts import find_cut
from mockloop.asr.filled import filler_counts
from mockloop.asr.model import Progress, SpeechModel
from mockloop.transcript import Segment, Transcript

log = logging.getLogger(__name__)

CHECK_EVERY_S = 0.5  # look for a pause again after this much new audio


class IncrementalTranscriber:
    """Feed blocks of a live recording; get a running transcript and, at the end, the whole one.

    `on_update(partial)` is called from the worker thread with the transcript so far after
    each piece. Times are seconds from the first fed sample.
    """

    def __init__(self, model: SpeechModel, *, samplerate: int = 16000,
                 on_update: Callable[[Transcript], None] | None = None,
                 max_backlog_s: float = 25.0, vocabulary: tuple[str, ...] = ()) -> None:
        self.model = model
        self.vocabulary = tuple(vocabulary)
        self.samplerate = samplerate
        self.on_update = on_update
        self.max_backlog_s = max_backlog_s
        self._cond = threading.Condition()
        self._blocks: list[np.ndarray] = []  # fed audio not yet cut off, in order
        self._pending = 0                     # samples in _blocks
        self._cursor = 0                      # samples already cut off (round's clock)
        self._checked = 0                     # _pending when the worker last looked for a cut
        self._segments: list[Segment] = []
        self._stopping = False
        self._closed = False
        self._worker: threading.Thread | None = None
        self._pump: threading.Thread | None = None
        self._input_ended = threading.Event()
        self._error: BaseException | None = None
        self._feed_lock = threading.Lock()  # keeps blocks in order through the resampler
        self._resampler = None
        if samplerate != SAMPLE_RATE:
            from mockloop.audio.resample import StreamResampler  # filter state across blocks

            self._resampler = StreamResampler(samplerate, SAMPLE_RATE)
        self.pieces = 0  # pieces transcribed while recording (for benchmarks)
        self._hums: list[tuple[float, float]] = []  # filled pauses found (settings.filled_pauses)

    # -- input -----------------------------------------------------------------------------

    def feed(self, block: np.ndarray) -> None:
        """Append a block of float32 samples (any size). Cheap; safe from any thread."""
        with self._feed_lock:
            samples = as_samples(block)
            if self._resampler is not None and samples.size:
                samples = self._resampler.process(samples)
            self._append(samples)

    def _append(self, samples: np.ndarray) -> None:
        if not samples.size:
            return
        with self._cond:
            if self._closed or self._stopping:
                return
            self._blocks.append(samples.copy())
            self._pending += samples.size
            if self._pending - self._checked >= CHECK_EVERY_S * SAMPLE_RATE:
                self._cond.notify_all()

    def feed_from_queue(self, q: queue.Queue) -> None:
        """Feed every block put on `q` (e.g. Recorder.subscribe()) until a None arrives."""

        def pump() -> None:
            while not self._closed:
                try:
                    block = q.get(timeout=0.2)
                except queue.Empty:
                    continue
                if block is None:
                    break
                self.feed(block)
            self._input_ended.set()

        self._pump = threading.Thread(target=pump, name="asr-feed", daemon=True)
        self._pump.start()

    # -- worker ----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker thread that transcribes pieces as pauses arrive."""
        if self._worker is None:
            self._worker = threading.Thread(target=self._run, name="asr-worker", daemon=True)
            self._worker.start()

    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    self._cond.wait_for(self._has_work)
                    if self._stopping or self._closed:
                        return
                    audio = self._consolidate()
                    self._checked = audio.size
                cut = find_cut(audio, self.model.settings)
                if cut is not None:
                    self._transcribe_piece(audio[:cut])
                    self.pieces += 1
        except BaseException as exc:  # keep it for finish(); the audio is still all there
            log.exception("live transcription stopped")
            self._error = exc

    def _has_work(self) -> bool:
        fresh = self._pending - self._checked >= CHECK_EVERY_S * SAMPLE_RATE
        return self._stopping or self._closed or fresh

    def _consolidate(self) -> np.ndarray:
        """The pending audio as one array (kept as a single block afterwards). Holds the lock."""
        if len(self._blocks) > 1:
            self._blocks = [np.concatenate(self._blocks)]
        return self._blocks[0] if self._blocks else np.zeros(0, np.float32)

    def _transcribe_piece(self, piece: np.ndarray) -> None:
        """Transcribe the first `piece.size` pending samples, then cut them off."""
        with self._cond:
            offset_s = self._cursor / SAMPLE_RATE
            context = " ".join(s.text for s in self._segments)
        got = self.model.transcribe_piece(piece, offset_s=offset_s, context=context,
                                          vocabulary=self.vocabulary)
        hums = self.model.hums(piece, offset_s=offset_s)
        with self._cond:
            self._hums += hums
        self._advance(piece.size, got)

    def _advance(self, n: int, segments: tuple[Segment, ...] | list[Segment]) -> None:
        """Cut `n` transcribed samples off the pending audio and keep their segments."""
        with self._cond:
            rest = self._consolidate()[n:]
            self._blocks = [rest] if rest.size else []
            self._pending -= n
            self._checked = max(0, self._checked - n)
            self._cursor += n
            self._segments.extend(segments)
        if self.on_update is not None and segments:
            try:
                self.on_update(self.partial_transcript())
            except Exception:  # a broken listener must not stop the transcription
                log.exception("on_update failed")

    # -- output ----------------------------------------------------------------------------

    def partial_transcript(self) -> Transcript:
        with self._cond:
            return Transcript.from_segments(list(self._segments),
                                            duration_s=self._cursor / SAMPLE_RATE)

    @property
    def partial_text(self) -> str:
        with self._cond:
            return " ".join(s.text for s in self._segments)

    @property
    def backlog_s(self) -> float:
        """Seconds of audio fed but not yet transcribed."""
        with self._cond:
            return self._pending / SAMPLE_RATE

    @property
    def falling_behind(self) -> bool:
        """True when the backlog is past `max_backlog_s`: tell the user it will catch up at Stop."""
        return self.backlog_s > self.max_backlog_s

    def finish(self, timeout: float | None = None,
               progress: Progress | None = None) -> Transcript:
        """Transcribe what is left and return the whole transcript.

        With `feed_from_queue`, first waits (up to `timeout` seconds; None = no limit) for the
        queue's end marker. `progress` gets the fraction of the remaining audio done.
        """
        if self._pump is not None:
            self._input_ended.wait(timeout)
        if self._resampler is not None:
            with self._feed_lock:
                self._append(self._resampler.flush())
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._worker is not None:
            self._worker.join()  # it ends after the piece it is transcribing, if any
        with self._cond:
            rest = self._consolidate().copy()
            offset_s = self._cursor / SAMPLE_RATE
            context = " ".join(s.text for s in self._segments)
        # The same cuts as the worker would have made, done here in one go.
        tail = self.model.transcribe(rest, offset_s=offset_s, prompt=context, progress=progress,
                                     vocabulary=self.vocabulary)
        self._advance(rest.size, tail.segments)
        with self._cond:
            duration = self._cursor / SAMPLE_RATE
            transcript = Transcript.from_segments(list(self._segments), duration_s=duration)
        transcript.extra["live_pieces"] = self.pieces
        hums = self._hums + list(tail.extra.get("hums", []))
        transcript.extra["hums"] = hums
        transcript.extra["fillers"] = filler_counts(transcript.words, hums)
        if self._error is not None:
            transcript.extra["live_error"] = str(self._error)
        return transcript

    def close(self) -> None:
        """Stop the threads without transcribing more. Safe to call twice."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        for thread in (self._worker, self._pump):
            if thread is not None and thread is not threading.current_thread():
                thread.join()

