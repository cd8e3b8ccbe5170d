"""Bytes → text: UTF-8 (with or without BOM), UTF-16 (with or without BOM) or Windows-1252.

Every format that carries text as bytes decodes it here, so all inputs decode alike. It refuses
binary data with an IngestError and knows nothing of formats.
"""

from __future__ import annotations

import unicodedata

from narrdiff.core.errors import IngestError

CONTROL_SHARE_LIMIT = 0.05
"""More than this share of control characters (other than tab/newline) means not text."""

NUL_SHARE_LIMIT = 0.001
"""Isolated NUL bytes up to this share (and at least `NUL_ALLOWANCE`) are dropped as damage;
more, or any run of two, mean a binary file (binary formats are full of NUL runs)."""

NUL_ALLOWANCE = 2

_NO_FIT = "no text encoding fits (tried UTF-8, UTF-16, cp1252)"


def decode_file(data: bytes, source: str) -> str:
    """Decoded text of a file, refusing binary data with a reason naming `source`."""
    is_utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data)
    if not is_utf16 and _is_binary(data):
        raise IngestError(source, "looks like a binary file, not text")
    try:
        text = decode_bytes(data if is_utf16 else data.replace(b"\x00", b""))
    except ValueError as err:
        raise IngestError(source, str(err)) from None
    if _control_share(text) > CONTROL_SHARE_LIMIT:
        raise IngestError(source, "looks like a binary file, not text")
    return text


def _is_binary(data: bytes) -> bool:
    nuls = data.count(0)
    if nuls == 0:
        return False
    return b"\x00\x00" in data or nuls > max(NUL_ALLOWANCE, NUL_SHARE_LIMIT * len(data))


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (BOM or not), UTF-16 (BOM, or BOM-less by its NUL pattern) or cp1252.

    Raises ValueError with a user-readable reason when none fits.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_or_fail(data, "utf-16")
    else:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return _decode_or_fail(data, utf16)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _mostly_utf8(data)
    if damaged is not None:
        return damaged
    return _decode_or_fail(data, "cp1252")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with U+FFFD for bad bytes, when valid multi-byte characters outnumber them."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    return text if multibyte > bad else None


def _utf16_without_bom(data: bytes) -> str | None:
    """Return utf-16-le or utf-16-be when NULs sit on every other byte (mostly-ASCII UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    pairs = len(sample) // 2
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    if odd_nuls >= 0.7 * pairs and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= 0.7 * pairs and odd_nuls == 0:
        return "utf-16-be"
    return None


def _decode_or_fail(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ValueError(_NO_FIT) from None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:100_000]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    return controls / len(sample)
