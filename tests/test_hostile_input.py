"""Whatever an editor drops is refused with a reason naming the file, quickly, or read: never a
traceback, never a hang. Each case builds its file in tmp_path and bounds the wall-clock time.

The bounds are generous (CI machines are slow); the times measured here are in the report.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from make_inputs import make_image_pdf, make_pdf_pages, make_zip_bomb

from narrdiff.core.ingest.read import IngestError, read_document
from narrdiff.core.limits import MAX_CHARS, MAX_PARAGRAPHS, MAX_SENTENCE_CHARS
from narrdiff.core.model import Document
from narrdiff.core.parse.article import parse_article
from narrdiff.core.parse.segment import split_sentences
from narrdiff.samples import sample_paths

ARTICLE = (
    "Russia is buying “millions” of artillery shells from North Korea, officials said.\n\n"
    "The deal shows that sanctions are biting, according to the Pentagon’s spokesman.\n"
)
TOO_LONG = f"is too long (2,000,000 characters); narrdiff compares articles up to {MAX_CHARS:,}"
TOO_MANY = f"has more than {MAX_PARAGRAPHS:,} paragraphs; narrdiff compares articles up to"
DEEP = "is a web page too deeply nested to read (more than 250 levels)"


class Clock:
    def __enter__(self) -> Clock:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start


def refusal(path: Path, within: float = 5.0) -> str:
    """The reason read_document gives for `path`, checked to name it and to come in time."""
    with Clock() as clock, pytest.raises(IngestError) as info:
        read_document(path)
    assert clock.seconds < within, f"{path.name} took {clock.seconds:.1f} s"
    assert info.value.source == str(path)
    return info.value.reason


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def sparse(path: Path, megabytes: int) -> Path:
    with path.open("wb") as out:  # the size is there without writing the bytes
        out.truncate(megabytes * 1024 * 1024)
    return path


# --- empty, binary, oversized -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "empty.docx", "empty.pdf", "empty.html"])
@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  "])
def test_empty_and_blank_files(tmp_path, name, data):
    assert refusal(write(tmp_path / name, data)) == "is empty"


def test_png_and_elf_under_text_names(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    assert refusal(write(tmp_path / "photo.txt", png)) == "looks like a binary file, not text"
    elf = Path(sys.executable).resolve().read_bytes()[:65536]
    assert elf.startswith(b"\x7fELF")
    assert refusal(write(tmp_path / "program.md", elf)) == "looks like a binary file, not text"


def test_50_mb_text_is_refused_before_reading(tmp_path, monkeypatch):
    path = sparse(tmp_path / "huge.txt", 50)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read before the cap"))
    assert refusal(path, within=1.0) == "is larger than the 5 MB limit (50.0 MB)"
    pdf = sparse(tmp_path / "huge.pdf", 50)
    assert refusal(pdf, within=1.0) == "is larger than the 30 MB limit (50.0 MB)"


def test_text_under_a_container_name_gets_the_text_cap(tmp_path):
    path = write(tmp_path / "big.eml", b"word " * (1_300_000))  # 6.5 MB of text, no headers
    assert refusal(path) == "is larger than the 5 MB limit (6.2 MB)"


# --- long lines, many lines ---------------------------------------------------------------------


def test_2_mb_line_without_punctuation_is_refused_quickly(tmp_path):
    line = ("artillery shells " * 117_648)[:2_000_000]
    assert refusal(write(tmp_path / "line.txt", line)) == TOO_LONG + " characters"


def test_2_mb_line_splits_in_bounded_time():
    line = ("artillery shells " * 117_648)[:2_000_000]
    with Clock() as clock:
        spans = split_sentences(line)
    assert clock.seconds < 10
    assert all(0 < end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert "".join(line[s:e] for s, e in spans).replace(" ", "") == line.replace(" ", "")


def test_longest_accepted_line_parses_in_bounded_time():
    line = ("artillery shells " * 30_000)[: MAX_CHARS - 1]
    with Clock() as clock:
        article = parse_article(Document("line", "line.txt", line))
    assert clock.seconds < 10
    assert max(len(s.text) for s in article.sentences) <= MAX_SENTENCE_CHARS


def test_100k_tiny_lines_are_refused(tmp_path):
    text = "a\n" * 100_000
    assert refusal(write(tmp_path / "lines.txt", text)).startswith(TOO_MANY)
    # A Document built by hand is held to the same limit before any work is done.
    with Clock() as clock, pytest.raises(IngestError, match="more than 3,000 paragraphs"):
        parse_article(Document("lines", "lines.txt", text))
    assert clock.seconds < 2


# --- encodings and stray bytes ------------------------------------------------------------------


def test_invalid_utf8_mid_file_keeps_the_utf8_text(tmp_path):
    data = ARTICLE.encode("utf-8").replace(b"from", b"fr\xffom", 1)
    doc = read_document(write(tmp_path / "damaged.txt", data))
    assert "“millions”" in doc.text and "Pentagon’s" in doc.text  # not cp1252 mojibake
    assert "fr\ufffdom North Korea" in doc.text


def test_cp1252_file_is_read_as_cp1252(tmp_path):
    data = "The café owner said “no” – twice, officials reported.".encode("cp1252")
    assert read_document(write(tmp_path / "win.txt", data)).text.startswith("The café owner")


def test_utf16_without_bom(tmp_path):
    doc = read_document(write(tmp_path / "u16.txt", ARTICLE.encode("utf-16-le")))
    assert doc.text == ARTICLE.strip()


def test_stray_nul_bytes_are_dropped_but_many_mean_binary(tmp_path):
    data = ARTICLE.encode("utf-8").replace(b"shells", b"she\x00lls", 1)
    assert "shells" in read_document(write(tmp_path / "nul.txt", data)).text
    many = b"\x00".join(ARTICLE.encode("utf-8").split(b" "))
    assert refusal(write(tmp_path / "nuls.txt", many)) == "looks like a binary file, not text"


# --- web pages, packages, PDFs ------------------------------------------------------------------


def test_html_nested_10k_levels(tmp_path):
    body = "<p>Russia is buying artillery shells from North Korea, officials said.</p>"
    html = f"<html><body>{'<div>' * 10_000}{body}{'</div>' * 10_000}</body></html>"
    assert refusal(write(tmp_path / "deep.html", html)) == DEEP


def test_zip_bomb_named_docx(tmp_path):
    bomb = make_zip_bomb(tmp_path / "bomb.docx", 150)
    assert bomb.stat().st_size < 1024 * 1024
    assert refusal(bomb) == "would expand to 150 MB when unpacked (limit 100 MB; a zip bomb?)"
    dense = make_zip_bomb(tmp_path / "dense.docx", 20)
    assert refusal(dense).startswith("is compressed 1,0")  # ~1,030-fold
    markup = make_zip_bomb(tmp_path / "markup.docx", 26)
    assert refusal(markup) == (
        "has 26 MB of document markup; narrdiff reads documents with up to 25 MB of it"
    )
    archive = make_zip_bomb(tmp_path / "archive.docx", 1, docx_member=False)
    assert refusal(archive) == "is a zip archive, not a Word .docx document"


def test_fake_and_damaged_word_files(tmp_path):
    assert refusal(write(tmp_path / "fake.docx", ARTICLE)) == (
        "is not a Word .docx file (its content is not a zip package)"
    )
    assert refusal(write(tmp_path / "cut.docx", b"PK\x03\x04" + bytes(100))) == (
        "is a damaged .docx (not a readable zip package)"
    )
    old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    assert refusal(write(tmp_path / "old.doc", old)) == (
        "is an old-style Word or Office file (save it as .docx or text)"
    )


def test_fake_pdfs(tmp_path):
    assert refusal(write(tmp_path / "fake.pdf", ARTICLE)) == (
        "is not a PDF (its content does not start like one)"
    )
    assert refusal(write(tmp_path / "noise.pdf", bytes(range(256)) * 40)) == (
        "is not a PDF (its content does not start like one)"
    )
    cut = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + bytes(200)
    assert refusal(write(tmp_path / "cut.pdf", cut)).startswith("is a damaged or unsupported PDF")


def test_image_only_pdf(qapp, tmp_path):
    assert refusal(make_image_pdf(tmp_path / "scan.pdf")) == "has no text layer (a scanned PDF?)"


def test_pdf_over_the_page_limit_is_refused_before_layout(qapp, tmp_path):
    pages = [[f"Page {n}: Russia is buying shells, officials said."] for n in range(21)]
    path = make_pdf_pages(tmp_path / "book.pdf", pages)
    assert refusal(path, within=2.0) == "has more than 20 pages; narrdiff reads PDFs up to that"


def test_web_page_with_too_much_text_is_refused_before_extraction(tmp_path):
    paragraph = "<p>" + "Russia is buying shells from North Korea, officials said. " * 20 + "</p>"
    html = "<html><body><article>" + paragraph * 1000 + "</article></body></html>"
    assert refusal(write(tmp_path / "long.html", html), within=2.0) == (
        "is a web page with too much text (1,159,999 characters); narrdiff reads pages up to "
        "1,000,000"
    )


# --- not files ----------------------------------------------------------------------------------


def test_directory_fifo_and_unreadable(tmp_path, monkeypatch):
    assert refusal(tmp_path) == "is a directory"
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert refusal(fifo, within=2.0) == "is not a regular file (a pipe or device?)"
    secret = write(tmp_path / "secret.txt", ARTICLE)

    def refuse(self: Path) -> bytes:  # simulated: the tests may run as root
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert refusal(secret) == "cannot be read (permission denied)"


# --- through the command line and the window ----------------------------------------------------


def hostile_files(folder: Path) -> list[Path]:
    """One file of each kind the CLI and window tests drop together with good articles."""
    folder.mkdir()
    deep = "<html><body>" + "<div>" * 10_000 + "<p>Text here, officials said.</p></body></html>"
    return [
        write(folder / "empty.txt", b""),
        write(folder / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300)),
        sparse(folder / "huge.txt", 50),
        write(folder / "lines.txt", "a\n" * 100_000),
        write(folder / "deep.html", deep),
        write(folder / "fake.pdf", ARTICLE),
        make_zip_bomb(folder / "bomb.docx", 150),
    ]


def test_cli_reports_each_bad_file_and_compares_the_rest(tmp_path):
    bad = hostile_files(tmp_path / "bad")
    good = [str(p) for p in sample_paths()]
    with Clock() as clock:
        result = subprocess.run(
            [sys.executable, "-m", "narrdiff", "compare", good[0], *map(str, bad), good[1]],
            capture_output=True,
            text=True,
            timeout=300,
            env=dict(os.environ),
        )
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "warning" not in line]
    assert len(lines) == len(bad)
    for path, line in zip(bad, lines, strict=True):
        assert line.startswith(f"narrdiff: {path}: "), line
    assert "== The Independent: adds" in result.stdout  # the samples were still compared
    assert clock.seconds < 120


def test_window_turns_every_bad_drop_into_a_message(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from narrdiff.app.runner import CompareRunner
    from narrdiff.app.settings import AppSettings
    from narrdiff.app.window import MainWindow
    from narrdiff.core.link.embed import LexicalEncoder

    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    runner = CompareRunner(encoder_factory=lambda model: LexicalEncoder())
    window = MainWindow(runner, settings)
    qtbot.addWidget(window)
    bad = hostile_files(tmp_path / "bad")
    try:
        window.add_paths([str(p) for p in bad])  # read off the GUI thread
        qtbot.waitUntil(lambda: len(window.messages.messages) == len(bad), timeout=20_000)
        assert window.documents == []
        assert len(window.messages.messages) == len(bad)
        assert all(m.startswith("Could not open ") for m in window.messages.messages)
    finally:
        runner.shutdown(timeout=2.0)
