"""Microphone trouble in the user's words: PortAudio's own text is never shown as is.

The core's recorder says "Could not open 'X' for recording (<PortAudio's reason>)."; the
reason ("Illegal combination of I/O devices [PaErrorCode -9993]", "Invalid device") means
nothing to the person practising, so it is replaced by what to do.
"""

from __future__ import annotations

import re

_PORTAUDIO = re.compile(r"PaErrorCode|PortAudio|Illegal combination|Invalid (device|number of"
                        r" channels|sample rate)|Device unavailable|Unanticipated host error",
                        re.IGNORECASE)
_OPEN = re.compile(r"^Could not (open|start recording from) (?P<label>.+?)(?: for recording)? "
                   r"\(", re.DOTALL)


def plain_microphone_message(message: str) -> str:
    """`message` unchanged unless it carries PortAudio's wording; then one plain sentence."""
    if not _PORTAUDIO.search(message or ""):
        return message
    match = _OPEN.match(message)
    label = match.group("label") if match else "the microphone"
    if label.startswith("'") and label.endswith("'"):
        label = f"the microphone {label}"
    return (f"Could not open {label} for recording: it may be unplugged, switched off or in "
            "use by another app. Plug it in or pick another microphone (Settings, or the "
            "Microphone card), then press Start again.")
