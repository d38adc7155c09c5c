"""The sound server's own names for the microphones (PulseAudio, or PipeWire's pulse server).

PortAudio sees a desktop Linux sound server as one ALSA device called "pulse" (and
"default"), so its list says nothing about which microphone is which. The server knows:
`pulsectl` (pure Python over libpulse) lists its sources with their descriptions ("USB
headset", "Built-in microphone"); monitor sources (what a speaker plays) are left out. A
recording is routed to one source by opening PortAudio's "pulse" device with PULSE_SOURCE set
to the source's name (libpulse reads it when the stream connects).

Everything here is optional: without pulsectl, libpulse or a running server, `list_sources()`
returns None and the PortAudio list is used as before.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

NO_INDEX = 0xFFFFFFFF  # PA_INVALID_INDEX: a source that monitors no sink


@dataclass(frozen=True)
class PulseSource:
    name: str  # the server's id, e.g. alsa_input.usb-Logitech_Headset-00.mono-fallback
    description: str  # what people read, e.g. "USB headset"
    is_default: bool
    channels: int


def list_sources(timeout_s: float = 2.0) -> list[PulseSource] | None:
    """The real inputs, in the server's order; None when there is no server to ask."""
    try:
        import pulsectl
    except Exception as exc:  # not installed, or libpulse missing (OSError from ctypes)
        log.debug("pulsectl is not usable: %s", exc)
        return None
    try:
        with pulsectl.Pulse("mockloop-devices", connect=False) as pulse:
            pulse.connect(timeout=timeout_s)
            default = pulse.server_info().default_source_name
            sources = pulse.source_list()
    except Exception as exc:  # no server running, refused, timed out
        log.debug("no sound server to ask for microphones: %s", exc)
        return None
    out = []
    for s in sources:
        if getattr(s, "monitor_of_sink", NO_INDEX) != NO_INDEX or s.name.endswith(".monitor"):
            continue
        out.append(PulseSource(s.name, s.description or s.name, s.name == default,
                               int(s.channel_count)))
    return out
