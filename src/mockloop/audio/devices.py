"""Input devices as the user sees them, and turning a name or number into one."""

from __future__ import annotations

from dataclasses import dataclass

from mockloop.errors import DeviceError


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    default_samplerate: float
    max_input_channels: int
    is_default: bool


def sounddevice():
    """The sounddevice module; DeviceError when the PortAudio library is missing."""
    try:
        import sounddevice as sd
    except OSError as exc:
        raise DeviceError(
            "The PortAudio sound library is missing "
            "(on Debian or Ubuntu: sudo apt install libportaudio2)."
        ) from exc
    return sd


def rescan() -> None:
    """Make PortAudio look for devices again (it lists them once, when it starts).

    This closes every open stream, so call it only while nothing records or plays.
    """
    sd = sounddevice()
    sd._terminate()
    sd._initialize()


def _default_input_index(sd) -> int | None:
    try:
        return int(sd.query_devices(kind="input")["index"])
    except (sd.PortAudioError, ValueError, KeyError):
        return None


def list_input_devices() -> list[InputDevice]:
    """Every device that can record, in PortAudio's order."""
    sd = sounddevice()
    default = _default_input_index(sd)
    return [
        InputDevice(
            i, d["name"], float(d["default_samplerate"]), int(d["max_input_channels"]), i == default
        )
        for i, d in enumerate(sd.query_devices())
        if d["max_input_channels"] > 0
    ]


def _describe(devices: list[InputDevice]) -> str:
    return ", ".join(f"{d.index} '{d.name}'" for d in devices)


def resolve_device(name_or_index: str | int | None) -> InputDevice | None:
    """The input device the user means; None asks for the default (None if there is none).

    A number is a device index; text matches a name exactly, then as a unique part of one.
    """
    devices = list_input_devices()
    if name_or_index is None or name_or_index == "":
        return next((d for d in devices if d.is_default), devices[0] if devices else None)
    if not devices:
        raise DeviceError(
            "No microphone was found: connect one and check that the system can see it."
        )
    key = str(name_or_index).strip()
    if key.isdigit():
        found = [d for d in devices if d.index == int(key)]
    else:
        found = [d for d in devices if d.name.lower() == key.lower()]
        if not found:
            found = [d for d in devices if key.lower() in d.name.lower()]
    if len(found) == 1:
        return found[0]
    if found:
        raise DeviceError(
            f"'{key}' matches several input devices ({_describe(found)}); give its number instead."
        )
    raise DeviceError(
        f"There is no input device '{key}'; the input devices are: {_describe(devices)}."
    )
