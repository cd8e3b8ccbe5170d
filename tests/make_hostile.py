"""Builders for hostile inputs: bombs and pathological files made at test time, one per row of
issue 14, so nothing large sits in the repository. Each returns the path it wrote.

The PDFs are written by hand (objects, a content stream per page, a cross-reference table):
Qt's PDF writer cannot make a stream that inflates without bound or scatter single glyphs.
"""

from __future__ import annotations

import random
import zipfile
import zlib
from pathlib import Path

ARTICLE = (
    "Russia is buying millions of artillery shells from North Korea, officials said. "
    "The deal shows that sanctions are biting, according to the Pentagon spokesman."
)


# --- PDF --------------------------------------------------------------------------------------


def pdf_bytes(pages: list[bytes], *, deflate: bool = False, extra_objects: int = 0) -> bytes:
    """A PDF with one content stream per page (Helvetica as /F1); `extra_objects` empty ones."""
    n_pages = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, content in enumerate(pages):
        stream = zlib.compress(content, 9) if deflate else content
        flt = b" /Filter /FlateDecode" if deflate else b""
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {5 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(
            b"<< /Length %d%s >>\nstream\n" % (len(stream), flt) + stream + b"\nendstream"
        )
    objects += [b"<< >>"] * extra_objects
    return _pdf_file(objects)


def pdf_with_stream(stream: bytes, *, deflated: bool) -> bytes:
    """One page whose content is `stream`, already compressed when `deflated`."""
    flt = b" /Filter /FlateDecode" if deflated else b""
    content_object = b"<< /Length %d%s >>\nstream\n" % (len(stream), flt) + stream + b"\nendstream"
    return _pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>",
            content_object,
        ]
    )


def _pdf_file(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_page(lines: list[str]) -> bytes:
    """A content stream drawing `lines` of 10-point Helvetica down the page."""
    ops = [b"BT /F1 10 Tf 14 TL 50 740 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + escaped.encode("latin-1", "replace") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def make_flate_bomb_pdf(path: Path, megabytes: int) -> Path:
    """A PDF whose one content stream inflates to `megabytes` MB (spaces: valid, endless)."""
    # After a full flush the compressor forgets its history, so each further megabyte
    # compresses to the very same bytes: compress two, repeat the second (the checksum at the
    # end is then wrong, but a reader runs out of memory long before it gets there).
    packer = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    first = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    stream = first + block * (megabytes - 1) + packer.flush()
    path.write_bytes(pdf_with_stream(stream, deflated=True))
    return path


def scattered_glyphs(glyphs: int, seed: int = 14) -> bytes:
    """A content stream of `glyphs` single letters at random places: each its own text box."""
    rng = random.Random(seed)
    ops = [b"BT /F1 6 Tf"]
    for _ in range(glyphs):
        x, y = rng.uniform(20, 590), rng.uniform(20, 770)
        ops.append(b"1 0 0 1 %.2f %.2f Tm (%s) Tj" % (x, y, rng.choice(b"abcdefgh").to_bytes()))
    ops.append(b"ET")
    return b"\n".join(ops)


def make_scattered_glyph_pdf(path: Path, glyphs: int, *, pages: int = 1) -> Path:
    """`pages` pages of `glyphs` scattered letters each."""
    path.write_bytes(pdf_bytes([scattered_glyphs(glyphs, seed) for seed in range(pages)]))
    return path


def make_many_page_pdf(path: Path, pages: int) -> Path:
    """`pages` pages, each one short line of text."""
    path.write_bytes(pdf_bytes([text_page([f"Page {n} says little."]) for n in range(pages)]))
    return path


# --- e-mail and saved pages -------------------------------------------------------------------


def make_encoded_word_eml(path: Path, words: int) -> Path:
    """An e-mail whose Subject is `words` RFC 2047 encoded words."""
    subject = " ".join(f"=?utf-8?q?w{n}?=" for n in range(words))
    head = f"From: a@example.com\nTo: b@example.com\nSubject: {subject}\n"
    path.write_bytes((head + "\n" + ARTICLE + "\n").encode())
    return path


def make_rfc2231_eml(path: Path, parameters: int) -> Path:
    """An e-mail whose Content-Type carries `parameters` RFC 2231 continuations."""
    params = "".join(f";\n name*{n}*=utf-8''part{n}" for n in range(parameters))
    head = f"From: a@example.com\nSubject: News\nContent-Type: text/plain{params}\n"
    path.write_bytes((head + "\n" + ARTICLE + "\n").encode())
    return path


def make_many_part_mht(path: Path, parts: int) -> Path:
    """A saved web page of `parts` tiny parts after its HTML page."""
    page = f"<html><body><article><p>{ARTICLE}</p></article></body></html>"
    body = [f"--B\nContent-Type: text/html\n\n{page}\n"]
    body += [f"--B\nContent-Type: image/png\n\nx{n}\n" for n in range(parts)]
    head = "From: <Saved by Blink>\nSubject: Saved\nMIME-Version: 1.0\n"
    head += 'Content-Type: multipart/related; boundary="B"\n\n'
    path.write_bytes((head + "".join(body) + "--B--\n").encode())
    return path


# --- RTF ----------------------------------------------------------------------------------------


def make_hyperlink_rtf(path: Path, fields: int) -> Path:
    """An RTF file of `fields` unfinished HYPERLINK fields on one line (striprtf backtracks)."""
    field = r'{\field{\*\fldinst{HYPERLINK "http://example.com/x" x'
    body = field * fields
    path.write_bytes((r"{\rtf1\ansi " + ARTICLE + r"\par " + body + "}").encode())
    return path


def make_font_table_rtf(path: Path, fonts: int) -> Path:
    """An RTF file whose font table has `fonts` entries without a charset, on one line."""
    table = "".join(rf"\f{n} Arial" for n in range(fonts))
    text = r"{\rtf1\ansi{\fonttbl" + table + "}" + ARTICLE + r"\par}"
    path.write_bytes(text.encode())
    return path


# --- .docx --------------------------------------------------------------------------------------


def make_understated_docx(path: Path, real_megabytes: int, declared_bytes: int = 1000) -> Path:
    """A .docx-like zip whose word/document.xml inflates to `real_megabytes` MB while the
    zip's directories declare `declared_bytes`."""
    filler = b"<w:t>" + b"a" * (1024 * 1024 - 11) + b"</w:t>"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=False) as member:
            for _ in range(real_megabytes):
                member.write(filler)
    data = bytearray(path.read_bytes())
    real = (real_megabytes * len(filler)).to_bytes(4, "little")
    # (signature, offset of the uncompressed size, of the name's length, of the name)
    for signature, size_at, length_at, name_at in (
        (b"PK\x03\x04", 22, 26, 30),  # local file header
        (b"PK\x01\x02", 24, 28, 46),  # central directory entry
    ):
        start = data.find(signature)
        while start >= 0:
            length = int.from_bytes(data[start + length_at : start + length_at + 2], "little")
            name = data[start + name_at : start + name_at + length]
            if name == b"word/document.xml" and data[start + size_at : start + size_at + 4] == real:
                data[start + size_at : start + size_at + 4] = declared_bytes.to_bytes(4, "little")
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path
