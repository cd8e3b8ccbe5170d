"""AppSettings round-trips through a real INI file and shrugs off bad values; the Settings dialog
shows what is stored and hands back what the user chose."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from narrdiff.app.settings import (
    BUNDLED_LABEL,
    OTHER_LABEL,
    AppSettings,
    SettingsDialog,
    SettingsValues,
)


@pytest.fixture
def ini(tmp_path):
    return str(tmp_path / "narrdiff.ini")


def open_settings(path: str) -> AppSettings:
    return AppSettings(QSettings(path, QSettings.Format.IniFormat))


def test_defaults_when_nothing_is_stored(ini):
    settings = open_settings(ini)
    assert settings.model is None
    assert settings.theme == "system"
    assert settings.font_size == 13
    assert settings.strictness == 0.5
    assert settings.recent_files == []
    assert settings.window_geometry is None


def test_values_round_trip_through_the_ini_file(ini):
    settings = open_settings(ini)
    settings.model = "/models/my-mpnet"
    settings.theme = "dark"
    settings.font_size = 18
    settings.strictness = 0.72
    settings.window_geometry = b"\x01\xd9\xd0\xcb\x00\x03geometry"
    settings.add_recent("/news/bbc.html")
    settings.add_recent("/news/guardian.txt")
    settings.sync()

    again = open_settings(ini)
    assert again.model == "/models/my-mpnet"
    assert again.theme == "dark"
    assert again.font_size == 18
    assert again.strictness == pytest.approx(0.72)
    assert again.window_geometry == b"\x01\xd9\xd0\xcb\x00\x03geometry"
    assert again.recent_files == ["/news/guardian.txt", "/news/bbc.html"]


def test_a_single_recent_file_survives_the_ini_round_trip(ini):
    settings = open_settings(ini)
    settings.add_recent("/news/only one.txt")
    settings.sync()
    assert open_settings(ini).recent_files == ["/news/only one.txt"]


def test_recent_files_move_to_the_front_and_keep_ten(ini):
    settings = open_settings(ini)
    for k in range(12):
        settings.add_recent(f"/news/{k}.txt")
    settings.add_recent("/news/5.txt")
    assert settings.recent_files[:3] == ["/news/5.txt", "/news/11.txt", "/news/10.txt"]
    assert len(settings.recent_files) == 10
    assert settings.recent_files.count("/news/5.txt") == 1
    settings.remove_recent("/news/5.txt")
    assert settings.recent_files[0] == "/news/11.txt"


def test_bundled_model_is_stored_as_no_model(ini):
    settings = open_settings(ini)
    settings.model = "some-model"
    settings.model = None
    settings.sync()
    assert open_settings(ini).model is None


def test_invalid_stored_values_fall_back_to_defaults(ini):
    with open(ini, "w", encoding="utf-8") as handle:
        handle.write(
            "[General]\n"
            "model=\n"
            "theme=purple\n"
            "font_size=huge\n"
            "strictness=1.7\n"
            "recent_files=@Invalid()\n"
            "window_geometry=12\n"
        )
    settings = open_settings(ini)
    assert settings.model is None
    assert settings.theme == "system"
    assert settings.font_size == 13
    assert settings.strictness == 0.5
    assert settings.recent_files == []
    assert settings.window_geometry is None


@pytest.mark.parametrize("size", ["8", "33", "-1", "true", "13.5"])
def test_out_of_range_font_sizes_fall_back(ini, size):
    with open(ini, "w", encoding="utf-8") as handle:
        handle.write(f"[General]\nfont_size={size}\nstrictness=nan\n")
    settings = open_settings(ini)
    assert settings.font_size == 13
    assert settings.strictness == 0.5


def test_setters_reject_invalid_values(ini):
    settings = open_settings(ini)
    with pytest.raises(ValueError):
        settings.theme = "purple"
    with pytest.raises(ValueError):
        settings.font_size = 40
    with pytest.raises(ValueError):
        settings.strictness = -0.1
    assert settings.theme == "system"


def test_the_dialog_shows_the_stored_values(qtbot, ini):
    settings = open_settings(ini)
    settings.model = "/models/my-mpnet"
    settings.theme = "light"
    settings.font_size = 16
    settings.strictness = 0.3
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)

    assert dialog.model_combo.currentText() == OTHER_LABEL
    assert dialog.model_edit.text() == "/models/my-mpnet"
    assert dialog.model_edit.isEnabled() and dialog.browse_button.isEnabled()
    assert dialog.theme_combo.currentText() == "Light"
    assert dialog.font_spin.value() == 16
    assert dialog.strictness_slider.value() == 30
    assert dialog.strictness_value.text() == "0.30"
    assert dialog.values() == SettingsValues("/models/my-mpnet", "light", 16, 0.3)
    assert not dialog.changed()


def test_the_dialog_returns_edited_values_and_applies_them(qtbot, ini):
    settings = open_settings(ini)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.model_combo.currentText() == BUNDLED_LABEL
    assert not dialog.model_edit.isEnabled()

    dialog.model_combo.setCurrentIndex(1)
    assert not dialog.ok_button.isEnabled()  # "Other" with no name yet
    dialog.model_edit.setText("  paraphrase-multilingual-MiniLM-L12-v2 ")
    assert dialog.ok_button.isEnabled()
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findText("Dark"))
    dialog.font_spin.setValue(20)
    dialog.strictness_slider.setValue(85)
    assert dialog.strictness_value.text() == "0.85"
    dialog.accept()

    assert dialog.result() == QDialog.DialogCode.Accepted
    expected = SettingsValues("paraphrase-multilingual-MiniLM-L12-v2", "dark", 20, 0.85)
    assert dialog.values() == expected
    assert dialog.apply_to(settings) is True
    settings.sync()
    assert SettingsValues.from_settings(open_settings(ini)) == expected


def test_an_untouched_dialog_applies_no_change(qtbot, ini):
    settings = open_settings(ini)
    settings.strictness = 0.333  # finer than the slider's steps
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.apply_to(settings) is False
    assert settings.strictness == pytest.approx(0.333)


def test_choosing_bundled_again_clears_the_model(qtbot, ini):
    settings = open_settings(ini)
    settings.model = "/models/my-mpnet"
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.model_combo.setCurrentIndex(0)
    assert dialog.values().model is None
    assert dialog.apply_to(settings) is True
    assert settings.model is None
