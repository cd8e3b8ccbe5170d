"""Shared MIME handling for e-mail (.eml) and saved web pages (.mht/.mhtml): stdlib email only.

`parse_message` turns bytes into a message, `part_text` decodes one part's text whatever its
declared charset says, and `header_date` turns a Date header into an ISO date. Any damage
becomes an `IngestError` naming the file. This module must not extract article text itself.
"""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest.formats.decode import decode_bytes
from narrdiff.core.limits import (
    MAX_MIME_ENCODED_WORDS,
    MAX_MIME_HEADER_BYTES,
    MAX_MIME_PARAMETERS,
    MAX_MIME_PARTS,
)

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_ENCODED_WORD = re.compile(rb"=\?[^?\s]{1,40}\?[bq]\?", re.IGNORECASE)
_CONTENT_HEADER = re.compile(rb"^content-[\w-]{1,40}:[^\n]*(?:\r?\n[ \t][^\n]*)*", re.I | re.M)
_BOUNDARY = re.compile(rb"boundary\s*=\s*\"?([^\"';\s]{1,200})", re.IGNORECASE)


def parse_message(data: bytes, source: str, kind: str) -> EmailMessage:
    check_mime(data, source, kind)
    try:
        message = message_from_bytes(data, policy=policy.default)
    except MemoryError:  # the reader process reports it as such
        raise
    except Exception as err:  # the email package can raise on badly broken headers
        raise IngestError(source, f"is a damaged {kind} ({type(err).__name__})") from None
    assert isinstance(message, EmailMessage)
    return message


def check_mime(data: bytes, source: str, kind: str) -> None:
    """Refuse a message whose headers or parts would make the email package slow or huge.

    Each count is one linear scan of the bytes; the limits (`limits.MAX_MIME_*`) sit far above
    real mail and saved pages and below where the parser's cost grows out of hand.
    """
    end = _HEADER_END.search(data)
    header_bytes = end.start() if end else len(data)
    if header_bytes > MAX_MIME_HEADER_BYTES:
        raise IngestError(
            source,
            f"is {_a(kind)} with {header_bytes // 1024:,} KB of headers; narrdiff reads up to "
            f"{MAX_MIME_HEADER_BYTES // 1024} KB",
        )
    words = sum(1 for _ in _ENCODED_WORD.finditer(data))
    if words > MAX_MIME_ENCODED_WORDS:
        raise IngestError(
            source,
            f"is {_a(kind)} with {words:,} encoded words in its headers; narrdiff reads up to "
            f"{MAX_MIME_ENCODED_WORDS}",
        )
    for match in _CONTENT_HEADER.finditer(data):
        if match.group().count(b";") > MAX_MIME_PARAMETERS:
            raise IngestError(
                source,
                f"is {_a(kind)} with a header of more than {MAX_MIME_PARAMETERS} parameters",
            )
    parts = sum(data.count(b"\n--" + b) for b in set(_BOUNDARY.findall(data)))
    if parts > MAX_MIME_PARTS:
        raise IngestError(
            source,
            f"is {_a(kind)} with {parts:,} parts; narrdiff reads messages of up to "
            f"{MAX_MIME_PARTS:,}",
        )


def part_text(part: EmailMessage) -> str:
    """The decoded text of a text/* part; an unknown or wrong charset falls back to sniffing."""
    try:
        content = part.get_content()
        if isinstance(content, str):
            return content
    except (LookupError, UnicodeError, ValueError, KeyError):
        pass  # below: decode the raw payload ourselves
    payload = part.get_payload(decode=True) or b""
    try:
        return decode_bytes(payload)
    except ValueError:
        return payload.decode("utf-8", errors="replace")


def header(message: EmailMessage, name: str) -> str | None:
    """A header's value on one line, or None when absent or unparseable."""
    try:
        value = message.get(name)
    except MemoryError:  # the reader process reports it as such
        raise
    except Exception:  # a malformed header raises on access under policy.default
        return None
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def header_date(message: EmailMessage) -> str | None:
    """The Date header as an ISO date ("2022-09-06"), or as written when it does not parse."""
    value = header(message, "date")
    if value is None:
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return value


def _a(kind: str) -> str:
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"
