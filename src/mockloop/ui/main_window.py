"""The main window: navigation rail, message banner, and the pages, wired together.

It receives the one `Services` built by app.py and hands it to each page; tests build it
with their own Services and an injected audio stream factory. The pages come from the
registry in ui/pages.py (a test may pass its own, e.g. with one more page); the rail, the
page shortcuts, the shortcut sheet and the saved state follow it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mockloop import paths
from mockloop.errors import UserError
from mockloop.session import RoundRequest, Services
from mockloop.ui import tasks
from mockloop.ui.banner import Banner
from mockloop.ui.data_folder import move_from_window
from mockloop.ui.debrief.page import DebriefPage
from mockloop.ui.debrief.playback import PlayerFactory
from mockloop.ui.history.page import HistoryPage
from mockloop.ui.nav import NavRail
from mockloop.ui.pages import (
    DEBRIEF,
    HISTORY,
    PAGES,
    PRACTICE,
    PageContext,
    PageSpec,
    check_registry,
)
from mockloop.ui.practice.page import PracticePage
from mockloop.ui.settings_dialog import SettingsChoice, SettingsDialog
from mockloop.ui.settings_io import kept_window_state, save_window_state, update_settings
from mockloop.ui.shortcut_sheet import ShortcutSheet
from mockloop.ui.style import Theme, apply_theme, step_scale
from mockloop.ui.widgets.scrolling import refit
from mockloop.ui.window_state import page_key, restore_state, save_state


class MainWindow(QMainWindow):
    def __init__(self, services: Services, *, stream_factory: Callable | None = None,
                 player_factory: PlayerFactory | None = None,
                 device_lister: Callable[[], list] | None = None,
                 pages: Sequence[PageSpec] = PAGES) -> None:
        super().__init__()
        check_registry(pages)
        self.services = services
        self.page_specs: tuple[PageSpec, ...] = tuple(pages)
        self.setWindowTitle("mockloop")
        self.nav = NavRail(self.page_specs)
        self.banner = Banner()
        context = PageContext(services, stream_factory=stream_factory,
                              player_factory=player_factory, device_lister=device_lister)
        self.page_widgets: dict[str, QWidget] = {}
        self.pages = QStackedWidget()
        for spec in self.page_specs:
            widget = spec.factory(context)
            self.page_widgets[spec.key] = widget
            self.pages.addWidget(widget)
        # The pages the window wires to one another, by name.
        self.practice = cast(PracticePage, self.page_widgets[PRACTICE])
        self.debrief = cast(DebriefPage, self.page_widgets[DEBRIEF])
        self.history = cast(HistoryPage, self.page_widgets[HISTORY])
        right = QWidget()
        right.setObjectName("content")
        rc = QVBoxLayout(right)
        rc.setContentsMargins(0, 0, 0, 0)
        rc.setSpacing(0)
        rc.addWidget(self.banner)
        rc.addWidget(self.pages, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(right, 1)
        self.setCentralWidget(central)
        self.settings_dialog: SettingsDialog | None = None
        self.shortcut_sheet: ShortcutSheet | None = None
        self._restore_text_scale()
        self._devices: list[str] = []
        self._lost: str | None = None  # the microphone message while its round is analysed
        self._wire()
        self._shortcuts()
        self._tell_settings_problems()
        self.show_page(restore_state(self, services.settings.window or {}, self.page_specs))
        self.history.refresh()
        self.nav.set_model_state("Speech model ready" if services.model_loaded
                                 else "Speech model idle", "ready"
                                 if services.model_loaded else "idle")

    # -- wiring -------------------------------------------------------------------------------

    def _wire(self) -> None:
        self.nav.page_chosen.connect(self.show_page)
        self.nav.settings_clicked.connect(self.open_settings)
        p, d, h = self.practice, self.debrief, self.history
        p.report_ready.connect(self._fresh_report)
        p.failed.connect(self.show_error)
        p.device_lost.connect(self._device_lost)
        p.notice.connect(lambda m: self.banner.show_message(m, "info"))
        p.cancelled.connect(self._round_cancelled)
        p.busy_changed.connect(self._busy_changed)
        p.settings_unsaved.connect(lambda m: self.banner.show_message(m, "warning"))
        p.driver.state_changed.connect(self._round_state)
        p.mic.devices_loaded.connect(self._remember_devices)
        d.retake_requested.connect(self._retake)
        p.scorecard.open_requested.connect(self.open_round)
        d.next_round_requested.connect(self._next_round)
        d.followup.answer_requested.connect(self._answer_followup)
        d.followup.open_requested.connect(self.open_round)
        p.next_card.practise_requested.connect(self._practise)  # what to practise next
        d.next_line.practise_requested.connect(self._practise)
        # A debrief's own trouble (its recording is gone) stays with the debrief page.
        debrief = self.page_index(DEBRIEF)  # the banner names its page by position
        d.failed.connect(lambda m: self.banner.show_message(m, "error", page=debrief))
        d.export_button.notice.connect(lambda m: self.banner.show_message(m, "info",
                                                                          page=debrief))
        h.open_requested.connect(self.open_round)
        h.drill_requested.connect(self.show_drill)
        d.drill_link.drill_requested.connect(self.show_drill)
        h.deleted.connect(self._round_deleted)
        h.finished_round.connect(self._finished_round)
        h.failed.connect(self.show_error)
        h.notice.connect(lambda m: self.banner.show_message(m, "info"))

    def _shortcuts(self) -> None:
        def key(seq: str, slot: Callable[[], None]) -> QShortcut:
            s = QShortcut(QKeySequence(seq), self)
            s.setContext(Qt.ShortcutContext.WindowShortcut)
            s.activated.connect(slot)
            return s

        self.space_shortcut = key("Space", self._space)
        key("Esc", self._escape)
        self.page_shortcuts: dict[str, QShortcut] = {}
        for spec in self.page_specs:
            self.page_shortcuts[spec.key] = key(
                spec.shortcut, lambda k=spec.key: self.show_page(k))
        key("Ctrl+F", self._find)
        key("Ctrl+,", self.open_settings)
        key("Ctrl+R", self.debrief.retake)
        key("F1", self.show_shortcuts)
        key("?", self.show_shortcuts)
        key("Ctrl+Q", self.close)
        for seq in ("Ctrl++", "Ctrl+="):
            key(seq, lambda: self.scale_text(1))
        key("Ctrl+-", lambda: self.scale_text(-1))
        key("Ctrl+0", lambda: self.scale_text(0))

    def show_shortcuts(self) -> None:
        # (A "?" typed in the search box stays text: the line edit claims printable keys.)
        if self.shortcut_sheet is None:
            self.shortcut_sheet = ShortcutSheet(self, self.page_specs)
        self.shortcut_sheet.open()

    # -- text size ----------------------------------------------------------------------------

    def _restore_text_scale(self) -> None:
        saved = (self.services.settings.window or {}).get("text_scale")
        if isinstance(saved, int | float) and not isinstance(saved, bool) and \
                0.5 <= saved <= 3 and saved != Theme.scale:
            apply_theme(QApplication.instance(), dark=Theme.dark, scale=float(saved))

    def scale_text(self, steps: int) -> None:
        """Ctrl+plus / Ctrl+minus / Ctrl+0: every text larger, smaller, or back to normal;
        remembered for the next start."""
        scale = step_scale(Theme.scale, steps)
        apply_theme(QApplication.instance(), dark=Theme.dark, scale=scale)
        for i in range(self.pages.count()):  # reflow for the new text size
            refit(self.pages.widget(i))
        window = dict(self.services.settings.window or {})
        window["text_scale"] = scale
        problem = update_settings(self.services, window=window)
        if problem is not None:
            self.banner.show_message(problem, "warning")

    def _tell_settings_problems(self) -> None:
        """What reading settings.json had to say (bad values replaced by their defaults), and
        whether it can be written at all: one plain banner, found while the pages were built."""
        prefix = "settings.json: "
        notes = [w[len(prefix):] if i and w.startswith(prefix) else w  # name the file once
                 for i, w in enumerate(self.services.settings.warnings)]
        if self.practice.settings_problem:
            notes.append(self.practice.settings_problem)
        if notes:
            self.banner.show_message(" ".join(notes), "warning", action="Settings…",
                                     on_action=self.open_settings)

    # -- start-up work (app.py calls this once the window is shown) --------------------------

    def start_up(self) -> None:
        """Recover rounds cut short last time, load the speech model: both off the GUI thread."""
        self.practice.mic.load_devices()
        tasks.run_task(self, lambda _p: self._unfinished(), name="recover",
                       on_done=self._announce_interrupted, on_failed=self.show_error)
        self.warm_model()

    def _unfinished(self) -> list[int]:
        """Rounds recovered now, and those recovered before (by a command-line call that ran
        first after a crash, or a cancel) that are still waiting to be finished."""
        found = list(self.services.recover_interrupted())
        try:
            waiting = self.services.store.list_rounds(status="interrupted")
        except UserError:
            waiting = []
        return sorted(set(found) | {row.id for row in waiting})

    def warm_model(self) -> None:
        if self.services.model_loaded:
            self.nav.set_model_state("Speech model ready", "ready")
            return
        self.nav.set_model_state("Loading speech model…", "loading")
        tasks.run_task(self, lambda _p: self.services.speech_model(), name="load-model",
                       on_done=lambda _m: self.nav.set_model_state("Speech model ready",
                                                                   "ready"),
                       on_failed=self._model_failed)

    def _model_failed(self, message: str) -> None:
        self.nav.set_model_state("Speech model unavailable", "error")
        self.banner.show_message(message, "error", action="Settings…",
                                 on_action=self.open_settings)

    def _announce_interrupted(self, ids: list[int]) -> None:
        self.history.refresh()
        if not ids:
            return
        n = len(ids)
        self.banner.show_message(
            f"{n} round{'s were' if n > 1 else ' was'} cut short and not finished yet (the app "
            "closed, or the round was cancelled, while recording). The audio is kept: finish "
            f"{'them' if n > 1 else 'it'} to get the debrief.", "warning",
            action="Finish now", on_action=lambda: self._finish_found(ids))

    def _finish_found(self, ids: list[int]) -> None:
        self.show_page(HISTORY)
        self.history.finish_all(ids)

    # -- pages --------------------------------------------------------------------------------

    def page_index(self, page: str | int) -> int:
        """Where a page (by key, or already by position) sits in the rail and the stack."""
        key = page_key(page, self.page_specs)
        return next(i for i, spec in enumerate(self.page_specs) if spec.key == key)

    @property
    def current_page(self) -> str:
        """The key of the page shown."""
        return self.page_specs[self.pages.currentIndex()].key

    def show_page(self, page: str | int) -> None:
        """Show a page by its registry key (a position in the registry is accepted too)."""
        key = page_key(page, self.page_specs)
        index = self.page_index(key)
        self.pages.setCurrentIndex(index)
        self.nav.set_current(key)
        if self.banner.page is not None and self.banner.page != index:
            self.banner.hide()  # that page's news does not follow the user elsewhere
        spec = self.page_specs[index]
        if spec.on_show is not None:
            spec.on_show(self.page_widgets[key])
        if self.isVisible():  # remembered at once: state.json, not settings.json
            save_window_state(self.services, self, key)

    def show_error(self, message: str) -> None:
        self.banner.show_message(message, "error")

    def open_round(self, history_id: int, cut_short_s: float | None = None) -> None:
        """Show a saved round's debrief (from history); `cut_short_s`: the round was finished
        from an interrupted recording that long."""
        store = self.services.store
        try:
            data = store.report(history_id)
            row = store.get(history_id)
        except UserError as exc:
            self.show_error(exc.message)
            return
        if data is None:
            self.show_error("This round has no debrief yet: finish it first.")
            return
        if data.get("id") is None:  # a finished interrupted round's report was saved without it
            data = {**data, "id": history_id}
        self.debrief.show_report(data, audio_path=row.audio_path, started_at=row.started_at,
                                 cut_short_s=cut_short_s)
        self.show_page(DEBRIEF)

    def show_drill(self, first_id: int) -> None:
        """A three-framings drill's takes side by side, by its first take's id."""
        if self.practice.show_drill(first_id):
            self.show_page(PRACTICE)

    def _device_lost(self, message: str) -> None:
        self._lost = message
        self.banner.show_message(f"{message} What was recorded is kept and is being analysed.",
                                 "warning")

    def _round_deleted(self, history_id: int) -> None:
        if self.debrief.data is not None and self.debrief.data.get("id") == history_id:
            self.debrief.clear("That round was deleted, with its recording.")

    def _fresh_report(self, data: dict, has_next: bool) -> None:
        if self._lost is not None:  # the banner catches up: the analysis is done
            self.banner.show_message(f"{self._lost} The debrief below covers what was "
                                     "recorded until then.", "warning")
            self._lost = None
        started_at = None
        if data.get("id") is not None:
            try:
                started_at = self.services.store.get(data["id"]).started_at
            except UserError:
                started_at = None
        self.debrief.next_button.setText("Loop scorecard  →" if self.practice.loop_done
                                         else "Next round  →")
        self.debrief.show_report(data, started_at=started_at, has_next=has_next)
        self.history.refresh()
        self.show_page(DEBRIEF)

    def _finished_round(self, data: dict) -> None:
        if data.get("id") is not None:
            self.open_round(int(data["id"]), cut_short_s=data.get("cut_short_s"))

    def _round_cancelled(self, history_id: object) -> None:
        self.history.refresh()
        self.banner.show_message(
            "Round cancelled. Its audio is kept in History as interrupted; you can finish it "
            "there any time.", "info", action="Open History",
            on_action=lambda: self.show_page(HISTORY))

    def _retake(self, role_id: str, round_id: str, prompt_id: str | None) -> None:
        self.practice.retake(RoundRequest(role_id, round_id, prompt_id))
        self.show_page(PRACTICE)
        self.practice.next_card.disarm()  # Space now starts the retake, not the suggestion

    def _practise(self, request: RoundRequest) -> None:
        """"Practise this" (Practice's card, the debrief's last line): select and start it."""
        if self.practice.busy:
            return
        self.practice.retake(request)
        self.show_page(PRACTICE)
        self.practice.start()

    def _answer_followup(self, request: RoundRequest) -> None:
        """The follow-up card's question becomes the next round, linked to its design round."""
        self.practice.answer_followup(request)
        self.show_page(PRACTICE)

    def _next_round(self) -> None:
        self.practice.next_round()
        self.show_page(PRACTICE)

    def _busy_changed(self, busy: bool) -> None:
        self.debrief.retake_button.setEnabled(not busy)
        self.debrief.next_button.setEnabled(not busy)
        self.debrief.followup.set_busy(busy)
        self.debrief.next_line.button.setEnabled(not busy)
        if busy:
            self.debrief.playback.stop()

    def _round_state(self, state: str) -> None:
        if state == "starting":
            self.banner.hide()  # old news once a new round begins

    # -- shortcuts ------------------------------------------------------------------------------

    def _space(self) -> None:
        if isinstance(QApplication.focusWidget(), QLineEdit):
            return  # typing a search: the space belongs to the text
        practice = self.practice
        if self.current_page == PRACTICE and not practice.busy and \
                not practice.break_card.isVisible() and practice.next_card.space_starts:
            practice.next_card.practise()  # what to practise next, unless another was chosen
        elif self.practice.busy or self.current_page == PRACTICE:
            self.show_page(PRACTICE)
            self.practice.start_or_stop()
        elif self.current_page == DEBRIEF and self.debrief.playback.available:
            self.debrief.playback.toggle()  # replay: Space pauses and resumes

    def _escape(self) -> None:
        if self.practice.driver.state in ("starting", "recording"):
            self.show_page(PRACTICE)
            self.practice.request_cancel()
        elif self.banner.isVisible():
            self.banner.hide()

    def _find(self) -> None:
        self.show_page(HISTORY)
        self.history.focus_search()

    # -- settings -------------------------------------------------------------------------------

    def _remember_devices(self, names: list[str]) -> None:
        self._devices = names

    def open_settings(self) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            return
        dialog = SettingsDialog(self.services.settings, devices=self._devices,
                                data_dir=str(paths.data_dir()), parent=self,
                                roles={k: r.name for k, r in self.services.rubric.roles.items()})
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._apply_settings(dialog.choice))
        dialog.finished.connect(self._settings_closed)
        dialog.data_folder.move_requested.connect(lambda f, h: move_from_window(self, f, h))
        self.settings_dialog = dialog
        dialog.open()

    def _settings_closed(self, _result: int) -> None:
        self.settings_dialog = None

    def _apply_settings(self, choice: SettingsChoice | None) -> None:
        if choice is None:
            return
        old_model = self.services.settings.model_dir
        problem = update_settings(self.services, input_device=choice.input_device,
                                  model_dir=choice.model_dir, overtime_s=choice.overtime_s)
        if problem is not None:
            self.banner.show_message(problem, "warning")
        self.practice.mic.select_device(choice.input_device)
        self.practice.refresh_round()
        if choice.model_dir != old_model:
            self._switch_model(choice.model_dir, old_model)

    def _switch_model(self, new: str | None, old: str | None) -> None:
        """Load the new model in the background; if it will not load, go back to the old one."""
        if self.practice.busy:
            self.show_error("The new speech model is used from the next round on.")
        self.services.set_model_dir(new)
        self.nav.set_model_state("Loading speech model…", "loading")

        def failed(message: str) -> None:
            self.services.set_model_dir(old)
            update_settings(self.services, model_dir=old)  # a failure here was told already
            self.show_error(f"{message} The previous model is kept.")
            self.warm_model()

        tasks.run_task(self, lambda _p: self.services.speech_model(), name="load-model",
                       on_done=lambda _m: self.nav.set_model_state("Speech model ready",
                                                                   "ready"),
                       on_failed=failed)

    # -- closing ----------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Keep a round in progress (as interrupted), finish background work, remember layout."""
        self.practice.shutdown()
        self.debrief.shutdown()
        if self.settings_dialog is not None:
            self.settings_dialog.close()
        tasks.wait_all()
        # Deliver the finished tasks' results now (e.g. a round that was still starting is
        # cancelled by its own handler) rather than after the window is gone.
        QApplication.sendPostedEvents()
        # Closing: a settings file that cannot be written is only logged (the window is going).
        state = kept_window_state(self.services) | save_state(self, self.current_page,
                                                              self.page_specs)
        state["text_scale"] = Theme.scale
        update_settings(self.services, window=state)
        super().closeEvent(event)
