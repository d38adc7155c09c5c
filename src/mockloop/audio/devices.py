"""Input devices as the user sees them, and turning a name or number into one.

With a PulseAudio/PipeWire server, PortAudio's "pulse"/"default" entries are replaced by the
server's own sources ("USB headset", "Built-in microphone"; see pulse.py). Such a device is
PortAudio's "pulse" device plus a source name, and resolving it sets PULSE_SOURCE, so the
stream opened next (the recorder opens right after resolving) records from that source.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

from mockloop.errors import DeviceError


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    default_samplerate: float
    max_input_channels: int
    is_default: bool
    source: str | None = None  # the sound server's source name, routed with PULSE_SOURCE


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


# PortAudio's names for "whatever the sound server picks": replaced by the server's sources.
_SERVER_DEVICES = ("pulse", "default", "sysdefault", "pipewire")
_USER_PULSE_SOURCE = os.environ.get("PULSE_SOURCE")  # the user's own, kept for the default


def _portaudio_inputs(sd) -> list[InputDevice]:
    default = _default_input_index(sd)
    return [
        InputDevice(
            i, d["name"], float(d["default_samplerate"]), int(d["max_input_channels"]), i == default
        )
        for i, d in enumerate(sd.query_devices())
        if d["max_input_channels"] > 0
    ]


def list_input_devices() -> list[InputDevice]:
    """Every device that can record: the sound server's sources by name when there is one,
    then the devices PortAudio sees directly; otherwise PortAudio's list as it is."""
    from mockloop.audio.pulse import list_sources

    sd = sounddevice()
    devices = _portaudio_inputs(sd)
    by_name = {d.name: d for d in devices}
    server = by_name.get("pulse") or by_name.get("pipewire") or by_name.get("default")
    if server is None:
        return devices
    sources = list_sources()
    if not sources:
        return devices
    names: list[str] = []
    listed = []
    for s in sources:
        name = s.description
        if name in names or name in by_name:  # two "USB headset"s: tell them apart
            name = f"{name} ({s.name})"
        names.append(name)
        listed.append(InputDevice(server.index, name, server.default_samplerate,
                                  max(1, min(s.channels, 2)), s.is_default, source=s.name))
    if not any(d.is_default for d in listed):
        listed[0] = dataclasses.replace(listed[0], is_default=True)
    return listed + [d for d in devices if d.name.split(" ")[0] not in _SERVER_DEVICES
                     and d.name not in _SERVER_DEVICES]


def route(device: InputDevice | None) -> None:
    """Point the next stream on PortAudio's pulse device at `device`'s source (or back at the
    default source). libpulse reads PULSE_SOURCE when the stream connects."""
    source = device.source if device is not None else None
    if source is not None:
        os.environ["PULSE_SOURCE"] = source
    elif _USER_PULSE_SOURCE is not None:
        os.environ["PULSE_SOURCE"] = _USER_PULSE_SOURCE
    else:
        os.environ.pop("PULSE_SOURCE", None)


def _describe(devices: list[InputDevice]) -> str:
    return ", ".join(f"{d.index} '{d.name}'" for d in devices)


def resolve_device(name_or_index: str | int | None) -> InputDevice | None:
    """The input device the user means; None asks for the default (None if there is none).

    A number is a device index; text matches a name exactly, then as a unique part of one.
    """
    device = _resolve(name_or_index)
    route(device)
    return device


def _resolve(name_or_index: str | int | None) -> InputDevice | None:
    devices = list_input_devices()
    if name_or_index is None or name_or_index == "":
        # With a sound server, the default source by its name: not whichever source the last
        # recording was routed to.
        return next((d for d in devices if d.is_default), devices[0] if devices else None)
    if not devices:
        raise DeviceError(
            "No microphone was found: connect one and check that the system can see it."
        )
    key = str(name_or_index).strip()
    if key.isdigit():
        found = [d for d in devices if d.index == int(key)][:1]
    else:
        found = [d for d in devices if d.name.lower() == key.lower()]
        if not found:  # the server's id for a source ("alsa_input.usb-...")
            found = [d for d in devices if d.source is not None and d.source == key]
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
