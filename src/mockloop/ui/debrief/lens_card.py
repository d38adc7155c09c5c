"""Where the words went: the lens share bar, its legend, and the off-center warning."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mockloop.report import RoundReport
from mockloop.ui import palette
from mockloop.ui.fmt import lens_name, pct
from mockloop.ui.widgets.lens_bar import ORDER, LensBar


class LensCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        title = QLabel("Where the words went")
        title.setObjectName("sectionTitle")
        self.bar = LensBar()
        self.legend: dict[str, QLabel] = {}
        legend = QHBoxLayout()
        legend.setSpacing(16)
        for lens in ORDER:
            label = QLabel()
            label.setObjectName("legend")
            self.legend[lens] = label
            legend.addWidget(label)
        legend.addStretch(1)
        self.expected = QLabel()
        self.expected.setObjectName("muted")
        self.expected.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("offCenter")
        self.warning.setWordWrap(True)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(10)
        col.addWidget(title)
        col.addWidget(self.bar)
        col.addLayout(legend)
        col.addWidget(self.expected)
        col.addWidget(self.warning)

    def show_lens(self, report: RoundReport, covers: dict[str, str] | None = None) -> None:
        """`covers`: what each lens is about (the rubric's wording), for the hovers."""
        result = report.analysis.lens
        shares = result.to_dict()
        expected = result.expected
        dominant = result.dominant
        # A round that listens for no lens (compensation) and an answer with no lens words:
        # a "0% / 0% / 0%" card says nothing, so there is none.
        self.setVisible(bool(expected or dominant))
        self.bar.set_shares(shares, expected)
        self.bar.setVisible(dominant is not None)
        for label in self.legend.values():
            label.setVisible(dominant is not None)  # no "0% / 0% / 0%" legend either
        self.bar.setToolTip("Of the words about product, model or system concerns, the share "
                            "that went to each lens" + (f"; ▼ marks {lens_name(expected).lower()}"
                                                        ", the one this round listens for."
                                                        if expected else "."))
        covers = covers or {}
        for lens, label in self.legend.items():
            if covers.get(lens):
                label.setToolTip(f"{lens_name(lens)}: {covers[lens]}")
            colour = palette.LENS[lens].name()
            label.setText(f"<span style='color:{colour}'>■</span> {lens_name(lens)} "
                          f"<b>{pct(shares.get(lens, 0.0))}</b>")
        if dominant is None:
            self.expected.setText("Nothing product-, model- or system-related was said.")
        elif expected:
            self.expected.setText(f"This round listens for the {lens_name(expected).lower()} "
                                  f"lens (marked ▼): aim for the largest share of your words "
                                  f"there. Another lens taking the largest share is "
                                  f"off-center.")
        else:
            self.expected.setText("This round has no expected lens.")
        off = result.off_center
        self.warning.setVisible(off)
        if off:
            self.warning.setText(f"Off-center: most of your words went to "
                                 f"{lens_name(dominant).lower()}, but this round listens for "
                                 f"{lens_name(expected).lower()}.")
