# PyInstaller runtime hook (see mockloop.spec): runs before the app's first import.
# onnxruntime (faster-whisper's voice-activity detection) otherwise writes a device id to
# ~/.cache/Microsoft/DeveloperTools/ on import and later looks up its telemetry server.
import os

for name in ("HF_HUB_OFFLINE", "HF_HUB_DISABLE_TELEMETRY", "ORT_DISABLE_TELEMETRY"):
    os.environ.setdefault(name, "1")
os.environ.setdefault("DO_NOT_TRACK", "1")
