"""Reading files and text into Documents: formats, encodings, normalisation and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrdiff.core.ingest.read import (
    MAX_BYTES,
    IngestError,
    decode_bytes,
    document_from_text,
    read_document,
)

TEXT = "Russia is buying “artillery shells” from North Korea – officials say…"

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Moscow buys missiles from North Korea | The Telegraph</title>
<meta property="og:site_name" content="The Telegraph"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Moscow buys missiles from North Korea</h1>
<p>RUSSIA is turning to North Korea to buy millions of artillery shells and rockets as it runs
short of ammunition because of global sanctions.</p>
<p>The revelation comes on the heels of another disclosure that the Russian military has begun
receiving Iranian-made drones.</p>
<p>“Things are not going well on that front,” Patrick Ryder said.</p>
</article><footer>Copyright 2022 Telegraph Media Group</footer></body></html>
"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def reason(path: Path) -> str:
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert info.value.source == str(path)
    assert str(info.value) == f"{path}: {info.value.reason}"
    return info.value.reason


def test_plain_text_file(tmp_path):
    path = write(tmp_path, "independent.txt", TEXT + "\r\n\r\nSecond paragraph here.\r\n")
    doc = read_document(path)
    assert doc.name == "independent"
    assert doc.source == str(path)
    assert doc.text == TEXT + "\n\nSecond paragraph here."
    assert doc.title is None and doc.site is None


def test_normalisation_is_nfc_not_nfkc_and_drops_zero_width_junk():
    doc = document_from_text(
        "Cafe\u0301 said \u201cno\u201d \u2013 twice\u2026\u200b fine\ufeff ok\x00"
    )
    assert doc.text == "Café said “no” – twice… fine ok"
    assert doc.name == "Pasted text" and doc.source == "<text>"


def test_markdown_title_and_heading_markup(tmp_path):
    md = "# Moscow buys missiles\n\nRussia is buying [shells](https://x.example) **now**.\n"
    doc = read_document(write(tmp_path, "piece.md", md))
    assert doc.title == "Moscow buys missiles"
    assert doc.text == "Moscow buys missiles\n\nRussia is buying shells now."


def test_html_file_gives_main_text_title_and_site(tmp_path):
    doc = read_document(write(tmp_path, "telegraph.html", ARTICLE_HTML))
    assert doc.title == "Moscow buys missiles from North Korea"  # trafilatura drops the site
    assert doc.site == "The Telegraph"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[-1] == "“Things are not going well on that front,” Patrick Ryder said."
    assert any(p.startswith("RUSSIA is turning to North Korea") for p in paragraphs)
    assert "Home" not in doc.text and "Copyright" not in doc.text


def test_unknown_suffix_is_sniffed(tmp_path):
    assert read_document(write(tmp_path, "page.download", ARTICLE_HTML)).site == "The Telegraph"
    doc = read_document(write(tmp_path, "notes", TEXT))
    assert doc.text == TEXT and doc.name == "notes"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # BOM-less, found by its NUL pattern
        TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
    ],
)
def test_decode_bytes_encodings(data):
    assert decode_bytes(data) == TEXT


def test_decode_bytes_refuses_undefined_cp1252_bytes():
    with pytest.raises(ValueError, match="no text encoding fits"):
        decode_bytes(b"caf\xe9 \x81\x8d\x8f\x90")


def test_utf16_file_is_read(tmp_path):
    assert read_document(write(tmp_path, "u16.txt", TEXT.encode("utf-16"))).text == TEXT


def test_missing_file(tmp_path):
    assert reason(tmp_path / "nope.txt") == "file not found"


def test_directory(tmp_path):
    assert reason(tmp_path) == "is a directory"


def test_unreadable_file(tmp_path, monkeypatch):
    # Simulated: the test may run as root, who can read a chmod 0 file.
    path = write(tmp_path, "secret.txt", TEXT)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert reason(path) == "cannot be read (permission denied)"


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:  # sparse: the size is there without writing 12 MB
        out.truncate(int(12.3 * 1024 * 1024))
    assert reason(path) == "is larger than the 5 MB limit (12.3 MB)"
    assert MAX_BYTES == 5 * 1024 * 1024


@pytest.mark.parametrize("data", [b"", b"   \n\n\t "])
def test_empty_file(tmp_path, data):
    assert reason(write(tmp_path, "empty.txt", data)) == "is empty"


def test_binary_file(tmp_path):
    assert reason(write(tmp_path, "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")) == (
        "looks like a binary file, not text"
    )
    controls = bytes(range(1, 9)) * 20 + b"some words here"
    assert reason(write(tmp_path, "b.txt", controls)) == "looks like a binary file, not text"


def test_truncated_pdf_gets_a_clear_reason(tmp_path):
    assert reason(write(tmp_path, "a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")) == (
        "is a damaged or unsupported PDF (PDFSyntaxError)"
    )


def test_undecodable_file(tmp_path):
    assert reason(write(tmp_path, "a.txt", b"caf\xe9 \x81 \x8d words")) == (
        "no text encoding fits (tried UTF-8, UTF-16, cp1252)"
    )


def test_too_little_text():
    with pytest.raises(IngestError) as info:
        document_from_text("  Hello  ")
    assert info.value.reason == "has too little text to compare (1 word)"
    assert str(info.value) == "<text>: has too little text to compare (1 word)"
    with pytest.raises(IngestError, match=r"\(2 words\)"):
        document_from_text("Hello there")
    with pytest.raises(IngestError, match="is empty"):
        document_from_text(" \n ")
    assert document_from_text("Hello there, world").text == "Hello there, world"


def test_seed_file_reads_unchanged():
    from importlib.resources import files

    seed = files("narrdiff.sample_articles").joinpath("the-daily-telegraph-2022-09.txt")
    doc = read_document(str(seed))
    assert doc.name == "the-daily-telegraph-2022-09"
    assert doc.text == seed.read_text(encoding="utf-8").strip()


def test_ingest_error_survives_pickling():
    import pickle

    error = pickle.loads(pickle.dumps(IngestError("a.txt", "is empty")))
    assert (error.source, error.reason, str(error)) == ("a.txt", "is empty", "a.txt: is empty")
