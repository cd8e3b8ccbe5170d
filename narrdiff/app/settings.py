"""The user's preferences: a typed wrapper over QSettings and the Settings dialog.

`AppSettings` reads and writes model, theme, font size, default strictness, recent files and
window geometry; a stored value that is missing, of the wrong type or out of range reads as its
default, so a hand-edited or old settings file can never break start-up. `SettingsDialog`
edits the first four and reports whether anything changed; applying the change (reloading the
model, restyling the views) is the window's job. Nothing here loads a model or touches the
views.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from narrdiff.core.link.embed import DEFAULT_MODEL

THEMES = ("system", "light", "dark")
FONT_SIZE_MIN = 9
FONT_SIZE_MAX = 32
DEFAULT_THEME = "system"
DEFAULT_FONT_SIZE = 13
DEFAULT_STRICTNESS = 0.5
MAX_RECENT = 10


class AppSettings:
    """Typed access to the stored preferences.

    settings: the QSettings to use; default QSettings("narrdiff", "narrdiff") (tests pass an
    INI file). Setters reject invalid values with ValueError; getters never raise.
    """

    def __init__(self, settings: QSettings | None = None) -> None:
        self.qsettings = settings if settings is not None else QSettings("narrdiff", "narrdiff")

    def sync(self) -> None:
        """Write pending changes to disk now (QSettings otherwise does it lazily)."""
        self.qsettings.sync()

    # model: None = the bundled all-MiniLM-L6-v2.
    @property
    def model(self) -> str | None:
        value = self.qsettings.value("model")
        return (value.strip() or None) if isinstance(value, str) else None

    @model.setter
    def model(self, value: str | None) -> None:
        if value is None or not value.strip():
            self.qsettings.remove("model")
        else:
            self.qsettings.setValue("model", value.strip())

    @property
    def theme(self) -> str:
        value = self.qsettings.value("theme")
        return value if value in THEMES else DEFAULT_THEME

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"theme must be one of {', '.join(THEMES)}, not {value!r}")
        self.qsettings.setValue("theme", value)

    @property
    def font_size(self) -> int:
        """Prose font size in points, FONT_SIZE_MIN–FONT_SIZE_MAX."""
        value = _as_int(self.qsettings.value("font_size"))
        if value is None or not FONT_SIZE_MIN <= value <= FONT_SIZE_MAX:
            return DEFAULT_FONT_SIZE
        return value

    @font_size.setter
    def font_size(self, value: int) -> None:
        if not FONT_SIZE_MIN <= int(value) <= FONT_SIZE_MAX:
            raise ValueError(f"font size must be {FONT_SIZE_MIN}–{FONT_SIZE_MAX} points")
        self.qsettings.setValue("font_size", int(value))

    @property
    def strictness(self) -> float:
        """Default link strictness, 0.0 (generous) – 1.0 (strict)."""
        value = _as_float(self.qsettings.value("strictness"))
        if value is None or not 0.0 <= value <= 1.0:
            return DEFAULT_STRICTNESS
        return value

    @strictness.setter
    def strictness(self, value: float) -> None:
        if not 0.0 <= float(value) <= 1.0:
            raise ValueError("strictness must be between 0 and 1")
        self.qsettings.setValue("strictness", float(value))

    @property
    def recent_files(self) -> list[str]:
        """Recently opened files, most recent first, at most MAX_RECENT, no duplicates."""
        value = self.qsettings.value("recent_files")
        # INI files give back a one-item list as a plain string, and an empty one as None.
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return _unique([item for item in items if isinstance(item, str) and item])[:MAX_RECENT]

    @recent_files.setter
    def recent_files(self, paths: list[str]) -> None:
        cleaned = _unique([str(p) for p in paths if str(p)])[:MAX_RECENT]
        if cleaned:
            self.qsettings.setValue("recent_files", cleaned)
        else:
            self.qsettings.remove("recent_files")

    def add_recent(self, path: str) -> None:
        """Put `path` first in the recent files (moving it if it was already there)."""
        self.recent_files = [str(path), *self.recent_files]

    def remove_recent(self, path: str) -> None:
        """Forget `path` (say, after it failed to open)."""
        self.recent_files = [p for p in self.recent_files if p != str(path)]

    @property
    def window_geometry(self) -> bytes | None:
        """QWidget.saveGeometry() of the main window, or None if never saved."""
        value = self.qsettings.value("window_geometry")
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value.data()
        if isinstance(value, bytes) and value:
            return value
        return None

    @window_geometry.setter
    def window_geometry(self, value: bytes | QByteArray | None) -> None:
        if value is None or len(value) == 0:
            self.qsettings.remove("window_geometry")
        else:
            self.qsettings.setValue("window_geometry", QByteArray(bytes(value)))


def _as_int(value: object) -> int | None:
    # QSettings hands back what the backend stores: ints from the registry, strings from INI.
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _as_float(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


@dataclass(frozen=True)
class SettingsValues:
    """What the Settings dialog edits. model None = the bundled model."""

    model: str | None = None
    theme: str = DEFAULT_THEME
    font_size: int = DEFAULT_FONT_SIZE
    strictness: float = DEFAULT_STRICTNESS

    @classmethod
    def from_settings(cls, settings: AppSettings) -> SettingsValues:
        return cls(settings.model, settings.theme, settings.font_size, settings.strictness)


BUNDLED_LABEL = f"Bundled {DEFAULT_MODEL} (offline)"
OTHER_LABEL = "Other sentence-transformers model…"
THEME_LABELS = {"system": "System", "light": "Light", "dark": "Dark"}


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A form label whose & mnemonic focuses `widget`."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class SettingsDialog(QDialog):
    """Edits model, theme, font size and default strictness.

    After exec() returns Accepted, `values()` holds the choices; `apply_to(settings)` stores
    them and returns True when anything differs from what the dialog was opened with.
    """

    def __init__(self, settings: AppSettings | SettingsValues, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        # Wide enough for the model choice and a folder path without truncation.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 72)
        if isinstance(settings, AppSettings):
            settings = SettingsValues.from_settings(settings)
        self._initial = settings
        self._build()
        self._show(self._initial)

    # ----------------------------------------------------------------- layout

    def _build(self) -> None:
        self._create_widgets()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(_buddy("&Language model:", self.model_combo), self._model_row())
        form.addRow("", self.model_hint)
        form.addRow(_buddy("&Theme:", self.theme_combo), self.theme_combo)
        form.addRow(_buddy("Article &font size:", self.font_spin), self.font_spin)
        form.addRow(_buddy("Default &strictness:", self.strictness_slider), self._strictness_row())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._set_tab_order(buttons)
        self.model_combo.currentIndexChanged.connect(self._update_model_widgets)
        self.model_edit.textChanged.connect(self._update_model_widgets)
        self.browse_button.clicked.connect(self._browse)
        self.strictness_slider.valueChanged.connect(self._update_strictness_label)

    def _create_widgets(self) -> None:
        self.model_combo = QComboBox()
        self.model_combo.addItems([BUNDLED_LABEL, OTHER_LABEL])
        self.model_combo.setToolTip(
            "The bundled model works offline. Another sentence-transformers model must already "
            "be downloaded, or be a folder on disk."
        )
        self.model_edit = QLineEdit()
        self.model_edit.setPlaceholderText("Model name or folder")
        self.model_edit.setToolTip(
            "A sentence-transformers model name from the local Hugging Face cache (e.g. "
            "all-mpnet-base-v2), or a folder that holds a model."
        )
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.setToolTip("Choose a folder that holds a sentence-transformers model.")
        self.model_hint = QLabel()
        self.model_hint.setEnabled(False)  # drawn in the muted colour
        self.theme_combo = QComboBox()
        for key, label in THEME_LABELS.items():
            self.theme_combo.addItem(label, key)
        self.theme_combo.setToolTip("System follows the desktop's light or dark setting.")
        self.font_spin = QSpinBox()
        self.font_spin.setRange(FONT_SIZE_MIN, FONT_SIZE_MAX)
        self.font_spin.setSuffix(" pt")
        self.font_spin.setToolTip("Size of the article text in the columns.")
        self.strictness_slider = QSlider(Qt.Orientation.Horizontal)
        self.strictness_slider.setRange(0, 100)
        self.strictness_slider.setPageStep(10)
        self.strictness_slider.setToolTip(
            "How alike two sentences must be to count as the same fact. Generous links more "
            "(and more loosely); strict links fewer, surer pairs. New comparisons start here."
        )
        self.strictness_value = QLabel()
        self.strictness_value.setMinimumWidth(self.fontMetrics().horizontalAdvance("0.00  "))
        self.strictness_value.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )

    def _model_row(self) -> QWidget:
        row = QWidget()
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.model_combo)
        line = QHBoxLayout()
        line.addWidget(self.model_edit, 1)
        line.addWidget(self.browse_button)
        box.addLayout(line)
        return row

    def _strictness_row(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel("generous"))
        line.addWidget(self.strictness_slider, 1)
        line.addWidget(QLabel("strict"))
        line.addWidget(self.strictness_value)
        return row

    def _set_tab_order(self, buttons: QDialogButtonBox) -> None:
        chain = [
            self.model_combo,
            self.model_edit,
            self.browse_button,
            self.theme_combo,
            self.font_spin,
            self.strictness_slider,
            buttons,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # ----------------------------------------------------------------- state

    def _show(self, values: SettingsValues) -> None:
        self.model_combo.setCurrentIndex(0 if values.model is None else 1)
        self.model_edit.setText(values.model or "")
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(values.theme)))
        self.font_spin.setValue(values.font_size)
        self.strictness_slider.setValue(round(values.strictness * 100))
        self._update_model_widgets()
        self._update_strictness_label()

    def _update_model_widgets(self) -> None:
        other = self.model_combo.currentIndex() == 1
        self.model_edit.setEnabled(other)
        self.browse_button.setEnabled(other)
        missing = other and not self.model_edit.text().strip()
        # OK stays off rather than silently reading an empty name as "bundled".
        self.ok_button.setEnabled(not missing)
        if missing:
            self.model_hint.setText("Enter a model name or choose a folder.")
        elif other:
            self.model_hint.setText(
                "Used from the next comparison on; it must be on this computer."
            )
        else:
            self.model_hint.setText("Works offline; no download needed.")

    def _update_strictness_label(self) -> None:
        self.strictness_value.setText(f"{self.strictness_slider.value() / 100:.2f}")

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Choose a sentence-transformers model folder", self.model_edit.text()
        )
        if folder:
            self.model_edit.setText(folder)

    # ----------------------------------------------------------------- results

    def values(self) -> SettingsValues:
        other = self.model_combo.currentIndex() == 1
        strictness = self.strictness_slider.value() / 100
        if self.strictness_slider.value() == round(self._initial.strictness * 100):
            # The slider has 1/100 steps: an untouched 0.333 must not come back as a change.
            strictness = self._initial.strictness
        return SettingsValues(
            model=(self.model_edit.text().strip() or None) if other else None,
            theme=self.theme_combo.currentData(),
            font_size=self.font_spin.value(),
            strictness=strictness,
        )

    def changed(self) -> bool:
        """True when the shown values differ from those the dialog opened with."""
        return self.values() != self._initial

    def apply_to(self, settings: AppSettings) -> bool:
        """Store the shown values; True when they differ from what the dialog opened with."""
        values = self.values()
        settings.model = values.model
        settings.theme = values.theme
        settings.font_size = values.font_size
        settings.strictness = values.strictness
        return values != self._initial
