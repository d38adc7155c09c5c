"""Reading the chunk layout of a RIFF/WAVE file (to spot cut-off files and repair crashed ones)."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import BinaryIO

# Writers that stream to a pipe put one of these in the size fields instead of the real size.
UNKNOWN_SIZES = (0, 0xFFFFFFFF)
# Format tags whose samples are plain fixed-size frames: integer PCM, float, extensible.
PCM_TAGS = (1, 3, 0xFFFE)


class RiffError(ValueError):
    """The file starts like a WAV file but its header is damaged or cut off."""


@dataclass(frozen=True)
class WavLayout:
    """Where the samples of a WAV file are, what the header claims and what the file holds."""

    channels: int
    samplerate: int
    bits_per_sample: int
    block_align: int
    data_offset: int
    declared_data_bytes: int
    file_bytes: int
    format_tag: int = 1

    @property
    def available_data_bytes(self) -> int:
        return max(0, self.file_bytes - self.data_offset)

    @property
    def size_known(self) -> bool:
        return self.declared_data_bytes not in UNKNOWN_SIZES

    @property
    def missing_bytes(self) -> int:
        """Bytes the header promises that the file does not hold (0 when complete)."""
        if not self.size_known:
            return 0
        return max(0, self.declared_data_bytes - self.available_data_bytes)

    @property
    def pcm(self) -> bool:
        return self.format_tag in PCM_TAGS and self.block_align > 0

    def seconds(self, data_bytes: int) -> float:
        if self.block_align <= 0 or self.samplerate <= 0:
            return 0.0
        return (data_bytes // self.block_align) / self.samplerate


def read_wav_layout(f: BinaryIO) -> WavLayout | None:
    """The layout of the open WAV file `f`, or None when it is not a RIFF/WAVE file at all.

    Raises RiffError when it is a WAV file whose header is incomplete or inconsistent.
    """
    f.seek(0, 2)
    file_bytes = f.tell()
    f.seek(0)
    head = f.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    fmt: tuple[int, int, int, int, int] | None = None  # channels, rate, align, bits, tag
    pos = 12
    while True:
        f.seek(pos)
        chunk = f.read(8)
        if len(chunk) < 8:
            raise RiffError("the WAV header ends before the audio data starts")
        cid, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
        if cid == b"fmt ":
            body = f.read(min(size, 16))
            if len(body) < 16:
                raise RiffError("the WAV format block is cut off")
            tag, channels, rate, _bps, align, bits = struct.unpack("<HHIIHH", body)
            fmt = (channels, rate, align, bits, tag)
        elif cid == b"data":
            if fmt is None:
                raise RiffError("the WAV file has audio data but no format block")
            channels, rate, align, bits, tag = fmt
            return WavLayout(channels, rate, bits, align, pos + 8, size, file_bytes, tag)
        # Chunks are padded to an even length.
        pos += 8 + size + (size & 1)


def trailing_chunk(f: BinaryIO, layout: WavLayout) -> bool:
    """True when a real chunk (e.g. LIST) follows the declared data, so the header is right."""
    end = layout.data_offset + layout.declared_data_bytes
    f.seek(end + (layout.declared_data_bytes & 1))
    head = f.read(8)
    if len(head) < 8 or not all(32 <= b < 127 for b in head[:4]):
        return False
    size = struct.unpack("<I", head[4:])[0]
    return end + 8 + size <= layout.file_bytes + 1


def stale_size(f: BinaryIO, layout: WavLayout) -> int | None:
    """The real number of data bytes when the header claims fewer than the file holds, as a
    recording whose writer died leaves it; None when the header is right (or unknown, which
    decoders read to the end anyway).

    Only for PCM, where every whole frame after the declared end is audio too; bytes that are
    another chunk (LIST, id3) mean the header is right.
    """
    if not layout.size_known or not layout.pcm:
        return None
    good = layout.available_data_bytes - layout.available_data_bytes % layout.block_align
    if good - layout.declared_data_bytes < layout.block_align or trailing_chunk(f, layout):
        return None
    return good
