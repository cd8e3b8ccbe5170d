"""Hostile files inside valid containers (issue 14, rows 1–7 and 19): each is built at test
time, read beside nothing or beside the two samples, and must be refused within its limit with
a message naming it, or read correctly. Through the core API, the command line and the window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from make_hostile import (
    ARTICLE,
    make_encoded_word_eml,
    make_flate_bomb_pdf,
    make_font_table_rtf,
    make_hyperlink_rtf,
    make_many_page_pdf,
    make_many_part_mht,
    make_rfc2231_eml,
    make_scattered_glyph_pdf,
    make_understated_docx,
    pdf_bytes,
    text_page,
)
from PySide6.QtCore import QMimeData, QUrl

from narrdiff.core.ingest import bounded
from narrdiff.core.ingest.read import IngestError, read_document
from narrdiff.samples import sample_paths

BOMB = "needs more than 1 GB to unpack: a compressed-stream bomb?"


def refusal(path, within: float) -> str:
    start = time.perf_counter()
    with pytest.raises(IngestError) as info:
        read_document(path)
    seconds = time.perf_counter() - start
    assert seconds < within, f"{path.name} took {seconds:.1f} s"
    assert info.value.source == str(path)
    return info.value.reason


def test_a_pdf_stream_that_inflates_past_a_gigabyte_is_a_bomb(tmp_path):
    path = make_flate_bomb_pdf(tmp_path / "bomb.pdf", 1100)
    assert path.stat().st_size < 2 * 1024 * 1024
    assert refusal(path, within=40) == BOMB


def test_a_page_of_scattered_glyphs_is_refused_before_layout(tmp_path):
    path = make_scattered_glyph_pdf(tmp_path / "confetti.pdf", 5000)
    reason = refusal(path, within=20)
    assert reason.startswith("has a page of ")
    assert reason.endswith(
        " separate pieces of text (scattered letters?); narrdiff reads pages of up to 300"
    )


def test_a_5000_page_pdf_says_more_than_20_pages(tmp_path):
    path = make_many_page_pdf(tmp_path / "tome.pdf", 5000)
    assert refusal(path, within=20) == "has more than 20 pages; narrdiff reads PDFs up to that"


def test_a_pdf_within_the_limits_is_still_read(tmp_path):
    lines = [
        "Russia is buying millions of artillery shells from North Korea,",
        "officials said on Monday.",
    ]
    path = tmp_path / "short.pdf"
    path.write_bytes(pdf_bytes([text_page(lines)], deflate=True))
    text = read_document(path).text
    assert text == (
        "Russia is buying millions of artillery shells from North Korea, officials said on Monday."
    )


def test_a_subject_of_thousands_of_encoded_words_is_refused(tmp_path):
    big = make_encoded_word_eml(tmp_path / "big.eml", 20_000)
    assert (
        refusal(big, within=5) == "is an e-mail with 360 KB of headers; narrdiff reads up to 256 KB"
    )
    small = make_encoded_word_eml(tmp_path / "small.eml", 2_000)
    assert refusal(small, within=5) == (
        "is an e-mail with 2,000 encoded words in its headers; narrdiff reads up to 500"
    )


def test_a_content_type_of_many_rfc2231_parameters_is_refused(tmp_path):
    path = make_rfc2231_eml(tmp_path / "params.eml", 5000)
    assert refusal(path, within=5) == "is an e-mail with a header of more than 50 parameters"


def test_a_saved_page_of_100k_parts_is_refused(tmp_path):
    path = make_many_part_mht(tmp_path / "parts.mht", 100_000)
    assert refusal(path, within=5) == (
        "is a saved web page with 100,002 parts; narrdiff reads messages of up to 1,000"
    )


def test_ordinary_mail_and_pages_within_the_limits_are_read(tmp_path):
    assert read_document(make_encoded_word_eml(tmp_path / "ok.eml", 20)).text == ARTICLE
    assert read_document(make_rfc2231_eml(tmp_path / "ok2.eml", 3)).text == ARTICLE
    assert read_document(make_many_part_mht(tmp_path / "ok.mht", 20)).text == ARTICLE


@pytest.mark.parametrize(
    ("maker", "count"), [(make_hyperlink_rtf, 2_000), (make_font_table_rtf, 5_000)]
)
def test_rtf_that_made_striprtf_backtrack_reads_in_linear_time(tmp_path, maker, count):
    path = maker(tmp_path / "trap.rtf", count)
    assert path.stat().st_size > 50_000
    start = time.perf_counter()
    text = read_document(path).text
    assert time.perf_counter() - start < 5
    assert text.startswith(ARTICLE)


def test_a_hyperlink_keeps_its_text_and_drops_its_address(tmp_path):
    rtf = (
        r'{\rtf1\ansi Read {\field{\*\fldinst{HYPERLINK "http://x.example"}}'
        r"{\fldrslt{the report}}} today.\par}"
    )
    path = tmp_path / "link.rtf"
    path.write_text(rtf, encoding="ascii")
    assert read_document(path).text == "Read the report today."


def test_a_docx_member_larger_than_its_directory_says_is_refused(tmp_path):
    path = make_understated_docx(tmp_path / "liar.docx", 64)
    assert refusal(path, within=10) == (
        "is a damaged .docx: a part does not match its declared size or checksum "
        "(BadZipFile; a zip bomb?)"
    )


def test_a_reader_that_overruns_the_clock_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(bounded, "READER_SECONDS", 1)
    # inside every count limit (280 boxes a page), but many seconds of layout in all
    path = make_scattered_glyph_pdf(tmp_path / "slow.pdf", 280, pages=20)
    assert refusal(path, within=5) == "took longer than 1 s to read"


# --- the command line and the window --------------------------------------------------------


def test_cli_names_the_bomb_exits_3_and_still_compares_the_samples(tmp_path):
    bomb = make_flate_bomb_pdf(tmp_path / "bomb.pdf", 1100)
    result = subprocess.run(
        [sys.executable, "-m", "narrdiff", "compare", "--samples", str(bomb), "--format", "json"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=90,
    )
    assert result.returncode == 3
    assert f"narrdiff: {bomb}: {BOMB}\n" in result.stderr
    report = json.loads(result.stdout)
    assert len(report["articles"]) == 2


def test_window_says_which_file_was_a_bomb_and_shows_the_rest(qtbot, make_window, tmp_path):
    window = make_window()
    bomb = make_many_part_mht(tmp_path / "parts.mht", 100_000)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in [*sample_paths(), bomb]])
    from test_app_window import drop

    with qtbot.waitSignal(window.runner.finished, timeout=90_000):
        drop(window, mime)
    assert len(window.view.columns) == 2
    assert (
        "Could not open parts.mht: is a saved web page with 100,002 parts; narrdiff reads "
        "messages of up to 1,000." in window.messages.messages
    )
