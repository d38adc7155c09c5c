"""Microphone picker, level meter and "Test microphone" (records ~2 s, warns if silent or clipping).

The meter is live during the test and during a round; between them the microphone stays
closed, so the system's "microphone in use" indicator only shows when the app listens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mockloop.session import Services
from mockloop.ui.practice.mic_check import MicCheck
from mockloop.ui.practice.mic_messages import plain_microphone_message
from mockloop.ui.tasks import run_task
from mockloop.ui.widgets.level_meter import LevelMeter

IDLE_TEXT = "Say a few words to check the level."


class MicCard(QFrame):
    """Emits `device_chosen(name or None)` when the user picks another input."""

    device_chosen = Signal(object)
    devices_loaded = Signal(list)  # the names, for the settings dialog
    problem = Signal(str)

    def __init__(self, services: Services, *, stream_factory: Callable | None = None,
                 device_lister: Callable[[], list] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.services = services
        self.stream_factory = stream_factory
        self.device_lister = device_lister
        self.no_devices = False  # the system listed no input at all
        self.lost: str | None = None  # the microphone went away during this round
        title = QLabel("Microphone")
        title.setObjectName("sectionTitle")
        self.device_box = QComboBox()
        self.device_box.setObjectName("deviceBox")
        self.device_box.addItem("System default", None)
        self.test_button = QPushButton("Test microphone")
        self.test_button.setObjectName("testMic")
        self.meter = LevelMeter()
        self.result = QLabel(IDLE_TEXT)
        self.result.setObjectName("muted")
        self.result.setWordWrap(True)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.device_box, 1)
        row.addWidget(self.test_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 18, 24, 18)
        col.setSpacing(10)
        col.addWidget(title)
        col.addLayout(row)
        col.addWidget(self.meter)
        col.addWidget(self.result)
        col.addStretch(1)
        self.check: MicCheck | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._show_check_level)
        self.test_button.clicked.connect(self.test_microphone)
        self.device_box.currentIndexChanged.connect(self._device_changed)
        self._filling = False

    # -- devices ------------------------------------------------------------------------------

    def load_devices(self) -> None:
        """List the inputs off the GUI thread (PortAudio can take a moment to answer)."""
        lister = self.device_lister
        if lister is None:
            from mockloop.audio import list_input_devices as lister

        run_task(self, lambda _p: lister(), name="list-devices",
                 on_done=self._fill_devices, on_failed=self._devices_failed)

    def _fill_devices(self, devices: list) -> None:
        wanted = self.services.settings.input_device
        self._filling = True
        self.device_box.clear()
        self.device_box.addItem("System default", None)
        for d in devices:
            self.device_box.addItem(d.name + ("  (default)" if d.is_default else ""), d.name)
        gone = None
        if wanted is not None:
            i = self.device_box.findData(str(wanted))
            if i < 0 and devices:  # gone since: record from the default, and say so once
                gone = str(wanted)
                i = 0
            elif i < 0:
                self.device_box.addItem(f"{wanted}  (not connected)", str(wanted))
                i = self.device_box.count() - 1
            self.device_box.setCurrentIndex(i)
        self._filling = False
        self.no_devices = not devices and self.stream_factory is None
        if self.no_devices:
            self._say("No microphone found. Connect one (it is listed here once the system "
                      "sees it), then press Test microphone.", "warning")
        elif self.result.property("tone") == "warning" and self.check is None:
            self._say(IDLE_TEXT, "")
        if gone is not None:
            self._say(f"The microphone “{gone}” is not connected; recording from the system "
                      "default instead.", "warning")
        self.devices_loaded.emit([d.name for d in devices])

    def select_device(self, name: str | None) -> None:
        """Show a choice made elsewhere (the settings dialog) without echoing it back."""
        self._filling = True
        i = self.device_box.findData(name)
        if i < 0 and name is not None:
            self.device_box.addItem(f"{name}  (not connected)", name)
            i = self.device_box.count() - 1
        self.device_box.setCurrentIndex(max(0, i))
        self._filling = False

    def _devices_failed(self, message: str) -> None:
        self.result.setText(message)

    def _device_changed(self, _index: int) -> None:
        if not self._filling:
            self.device_chosen.emit(self.device)

    @property
    def device(self) -> str | None:
        return self.device_box.currentData()

    # -- the two-second check -----------------------------------------------------------------

    def test_microphone(self) -> None:
        if self.check is not None:
            return
        if self.no_devices:
            self.load_devices()  # plugged in since? the list follows
        self.check = MicCheck(self.device, stream_factory=self.stream_factory)
        self.test_button.setEnabled(False)
        self._say("Listening for 2 seconds… say something.", "")  # not the last verdict's colour
        self._poll.start()
        run_task(self, lambda _p: self.check.run(), name="mic-check",
                 on_done=self._check_done, on_failed=self._check_failed)

    def _show_check_level(self) -> None:
        if self.check is not None:
            self.meter.set_level(*self.check.level())

    def _check_done(self, warning: str | None) -> None:
        self._end_check()
        if warning:
            self.result.setText(warning)
            self.result.setProperty("tone", "warning")
        else:
            self.result.setText("The microphone sounds good.")
            self.result.setProperty("tone", "good")
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)

    def _check_failed(self, message: str) -> None:
        self._end_check()
        message = plain_microphone_message(message)
        self._say(message, "warning")
        self.problem.emit(message)

    def _end_check(self) -> None:
        self._poll.stop()
        self.check = None
        self.test_button.setEnabled(True)
        self.meter.reset()

    def _say(self, text: str, tone: str) -> None:
        self.result.setText(text)
        self.result.setProperty("tone", tone)
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)

    def set_state(self, state: str) -> None:
        """Follow the round: idle | starting | recording | stopping | cancelling."""
        busy = state != "idle"
        self.device_box.setEnabled(not busy)
        self.test_button.setEnabled(not busy and self.check is None)
        if state == "starting":
            self.lost = None
            self._say("Opening the microphone…", "")
        elif state == "recording":
            self._say("Listening. Keep the bar in the green while you speak.", "")
        elif state in ("stopping", "cancelling"):
            self.meter.reset()  # no more readings: not frozen on the last level
            if self.lost is None:
                self._say("Microphone closed. The recording is kept.", "")
        else:
            self.meter.reset()
            if self.lost is not None:
                self._say(self.lost, "warning")
            elif self.no_devices:
                self._say("No microphone found. Connect one (it is listed here once the "
                          "system sees it), then press Test microphone.", "warning")
            else:
                self._say(IDLE_TEXT, "")

    def set_busy(self, busy: bool) -> None:
        """During a round the device is in use: no switching, no test."""
        self.set_state("recording" if busy else "idle")

    def device_lost(self, message: str) -> None:
        """The microphone went away mid-round: the meter drops, the card says so."""
        self.lost = plain_microphone_message(message)
        self.meter.reset()
        self._say(self.lost, "warning")
