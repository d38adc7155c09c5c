"""mockloop: an offline coach for spoken mock interviews."""

import os as _os

# Offline, and nothing phoned home, whichever way mockloop starts (app, command line, tests,
# a packaged build). This must happen before anything imports onnxruntime (faster-whisper's
# voice-activity detection): on import it writes a device id and an event queue under
# ~/.cache/Microsoft/DeveloperTools/, and about ten seconds later it looks up
# mobile.events.data.microsoft.com to upload them. A value the user set explicitly is kept.
_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ORT_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
}
for _name, _value in _OFFLINE_ENV.items():
    _os.environ.setdefault(_name, _value)
del _name, _value, _os

__version__ = "0.1.0"
