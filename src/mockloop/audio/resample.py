"""Block-by-block conversion of live audio to 16 kHz mono (for devices that refuse 16 kHz)."""

from __future__ import annotations

import numpy as np


def to_mono(block: np.ndarray) -> np.ndarray:
    """A (frames,) or (frames, channels) block as (frames,) float32."""
    block = np.asarray(block)
    if block.dtype == np.int16:
        block = block.astype(np.float32) / 32768.0
    if block.ndim == 2:
        block = block[:, 0] if block.shape[1] == 1 else block.mean(axis=1)
    return block.astype(np.float32, copy=False)


class StreamResampler:
    """Resamples consecutive mono float32 blocks without clicks at block edges.

    Uses libswresample through PyAV, which keeps filter state between blocks.
    """

    def __init__(self, in_rate: int, out_rate: int = 16000) -> None:
        import av

        self.in_rate = int(in_rate)
        self.out_rate = int(out_rate)
        self._av = av
        self._resampler = (
            None
            if self.in_rate == self.out_rate
            else av.AudioResampler(format="flt", layout="mono", rate=self.out_rate)
        )

    def process(self, block: np.ndarray) -> np.ndarray:
        block = np.ascontiguousarray(block, dtype=np.float32).reshape(-1)
        if self._resampler is None or block.size == 0:
            return block
        frame = self._av.AudioFrame.from_ndarray(block.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = self.in_rate
        return self._collect(self._resampler.resample(frame))

    def flush(self) -> np.ndarray:
        """The samples still inside the filter, at the end of the stream."""
        if self._resampler is None:
            return np.zeros(0, np.float32)
        return self._collect(self._resampler.resample(None))

    @staticmethod
    def _collect(frames) -> np.ndarray:
        parts = [f.to_ndarray().reshape(-1) for f in frames]
        return np.concatenate(parts).astype(np.float32) if parts else np.zeros(0, np.float32)


def resample(samples: np.ndarray, in_rate: int, out_rate: int) -> np.ndarray:
    """Resample a whole mono signal."""
    r = StreamResampler(in_rate, out_rate)
    return np.concatenate([r.process(samples), r.flush()])
