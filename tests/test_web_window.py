"""Articles by web address in the window: links dropped from a browser, pasted, typed (Ctrl+L),
fetched from a local site on 127.0.0.1 (never any outside network) and shown by outlet."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QInputDialog
from web_site import COURIER_BODY, LocalSite, article_page

from narrdiff.core import savefile


@pytest.fixture()
def site():
    local = LocalSite()
    yield local
    local.close()


@pytest.fixture()
def window(make_window):
    return make_window()


def drop(win, mime: QMimeData) -> None:
    event = QDropEvent(
        QPointF(QPoint(600, 400)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    win.dropEvent(event)


def browser_drag(*addresses: str) -> QMimeData:
    """What a browser puts on a dragged link: a text/uri-list and the address as text."""
    mime = QMimeData()
    mime.setUrls([QUrl(a) for a in addresses])
    mime.setText("\n".join(addresses))
    return mime


def outlets(win) -> list[str]:
    return [column.header.outlet.text() for column in win.view.columns]


def test_two_links_dropped_from_a_browser_are_compared_by_outlet(qtbot, window, site, tmp_path):
    gazette, courier = site.url("/gazette/bridge"), site.url("/courier/bridge")
    with qtbot.waitSignal(window.runner.finished, timeout=90_000):
        drop(window, browser_drag(gazette, courier))
    assert window.stack.currentWidget() is window.tabs
    assert outlets(window) == ["The Harbour Gazette", "Coastal Courier"]
    assert [c.header.headline.text() for c in window.view.columns] == [
        "Harbour Bridge shut after cracks found",
        "Commuters face weeks of chaos as bridge closes",
    ]
    assert window.comparison.links, "the two reports of one closure share facts"
    header = window.view.columns[0].header
    assert gazette in header.outlet.toolTip()
    assert header.open_button.isVisibleTo(window)
    window.grab().save(str(tmp_path / "web-drop.png"))


def test_the_open_button_shows_the_article_in_the_browser(qtbot, window, site, monkeypatch):
    opened = []
    # the real call would start the user's browser; the test records where it would go
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    with qtbot.waitSignal(window.runner.finished, timeout=90_000):
        drop(window, browser_drag(site.url("/gazette/bridge"), site.url("/courier/bridge")))
    window.view.columns[1].header.open_button.click()
    assert opened == [site.url("/courier/bridge")]


def test_a_failed_address_says_why_and_the_others_are_compared(qtbot, window, site):
    missing = site.url("/gazette/old-story")
    links = browser_drag(site.url("/gazette/bridge"), missing, site.url("/courier/bridge"))
    with qtbot.waitSignal(window.runner.finished, timeout=90_000):
        drop(window, links)
    assert outlets(window) == ["The Harbour Gazette", "Coastal Courier"]
    assert window.messages.messages == [f"Could not open {missing}: returned 404 (not found)."]


def test_text_of_addresses_is_fetched_not_taken_as_an_article(qtbot, window, site):
    mime = QMimeData()
    mime.setText(f"{site.url('/gazette/bridge')}\n{site.url('/courier/bridge')}\n")
    with qtbot.waitSignal(window.runner.finished, timeout=90_000):
        drop(window, mime)
    assert outlets(window) == ["The Harbour Gazette", "Coastal Courier"]
    assert not any(d.name.startswith("Dropped text") for d in window.documents)


def test_ctrl_v_adds_addresses_on_the_clipboard(qtbot, window, site):
    QGuiApplication.clipboard().setText(
        f"{site.url('/gazette/bridge')} {site.url('/courier/bridge')}"
    )
    with qtbot.waitSignal(window.runner.finished, timeout=90_000):
        window.paste_links_action.trigger()
    assert outlets(window) == ["The Harbour Gazette", "Coastal Courier"]
    assert window.paste_links_action.shortcut().toString() == "Ctrl+V"


def test_open_web_address_takes_one_per_line_and_refuses_other_schemes(
    qtbot, window, site, monkeypatch
):
    typed = f"{site.url('/gazette/bridge')}\nftp://127.0.0.1/story\n{site.url('/courier/bridge')}"
    asked = []

    def answer(parent, title, label, text=""):  # the user types the addresses and presses OK
        asked.append(title)
        return typed, True

    monkeypatch.setattr(QInputDialog, "getMultiLineText", answer)
    with qtbot.waitSignal(window.runner.finished, timeout=90_000):
        window.open_address_action.trigger()
    assert asked == ["Open web address"]
    assert window.open_address_action.shortcut().toString() == "Ctrl+L"
    assert outlets(window) == ["The Harbour Gazette", "Coastal Courier"]
    assert window.messages.messages == [
        "Could not open ftp://127.0.0.1/story: only http and https addresses can be fetched."
    ]


def test_escape_stops_a_slow_fetch_and_keeps_what_arrived(qtbot, window, site):
    done = []
    window.intake.reader.done.connect(lambda docs, errors, index: done.append((docs, errors)))
    drop(window, browser_drag(site.url("/gazette/bridge"), site.url("/never")))
    qtbot.waitUntil(lambda: "127.0.0.1: connecting" in window.status.text(), timeout=20_000)
    qtbot.waitUntil(lambda: "Fetching 2 of 2" in window.status.text(), timeout=20_000)
    assert window.intake.stop_button.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # as the Stop fetching button does
    qtbot.waitUntil(lambda: bool(done), timeout=2_000)
    documents, errors = done[0]
    assert [d.site for d in documents] == ["The Harbour Gazette"]
    assert errors == []
    assert window.status.text() == "Fetching stopped"
    assert not window.intake.stop_button.isVisible()


def test_a_saved_comparison_of_fetched_pages_opens_offline(qtbot, make_window, site, tmp_path):
    first = make_window()
    with qtbot.waitSignal(first.runner.finished, timeout=90_000):
        drop(first, browser_drag(site.url("/gazette/bridge"), site.url("/courier/bridge")))
    path = tmp_path / "bridge.narrdiff"
    savefile.save(path, first.documents, first.labels, savefile.SavedSettings())
    site.close()  # offline from here on
    second = make_window()
    with qtbot.waitSignal(second.runner.finished, timeout=90_000):
        second.saving.open_path(str(path))
    assert outlets(second) == ["The Harbour Gazette", "Coastal Courier"]
    assert [d.source for d in second.documents] == [d.source for d in first.documents]
    assert [d.text for d in second.documents] == [d.text for d in first.documents]


def test_addresses_in_paste_article_are_fetched(qtbot, window, site, monkeypatch):
    from narrdiff.app.panels import PasteDialog

    QGuiApplication.clipboard().setText(
        f"{site.url('/gazette/bridge')}\n{site.url('/courier/bridge')}"
    )
    monkeypatch.setattr(PasteDialog, "exec", lambda self: True)  # the user presses Add article
    with qtbot.waitSignal(window.runner.finished, timeout=90_000):
        window.paste_action.trigger()
    assert outlets(window) == ["The Harbour Gazette", "Coastal Courier"]


def test_fetch_again_reads_the_changed_page_into_its_own_column(qtbot, window, site):
    with qtbot.waitSignal(window.runner.finished, timeout=90_000):
        drop(window, browser_drag(site.url("/gazette/bridge"), site.url("/courier/bridge")))
    update = "Update: the bridge will partly reopen to buses on Friday, the council said."
    page = article_page(
        "Coastal Courier", "Commuters face weeks of chaos as bridge closes", [*COURIER_BODY, update]
    )
    site.add("/courier/bridge", page)
    window.fetch_again_action.trigger()
    # each address is fetched on its own and re-compared when it arrives: wait for the last
    qtbot.waitUntil(
        lambda: (
            window.comparison is not None
            and update in window.comparison.articles[1].text
            and not window.intake.reader.busy
        ),
        timeout=90_000,
    )
    assert outlets(window) == ["The Harbour Gazette", "Coastal Courier"]
    assert update in window.documents[1].text
    assert update not in window.documents[0].text


def test_ctrl_v_in_the_find_field_pastes_there_and_fetches_nothing(qtbot, window, site):
    QGuiApplication.clipboard().setText(site.url("/gazette/bridge"))
    window.find_action.trigger()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3_000)  # else no shortcut fires at all
    window.find_bar.field.setFocus()
    qtbot.waitUntil(window.find_bar.field.hasFocus, timeout=2_000)
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.field.text() == site.url("/gazette/bridge")
    assert not window.intake.reader.busy
    assert site.requests == []
