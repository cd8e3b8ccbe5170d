"""Shared MIME handling for e-mail (.eml) and saved web pages (.mht/.mhtml): stdlib email only.

`parse_message` turns bytes into a message, `part_text` decodes one part's text whatever its
declared charset says, and `header_date` turns a Date header into an ISO date. Any damage
becomes an `IngestError` naming the file. This module must not extract article text itself.
"""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest.formats.decode import decode_bytes


def parse_message(data: bytes, source: str, kind: str) -> EmailMessage:
    try:
        message = message_from_bytes(data, policy=policy.default)
    except Exception as err:  # the email package can raise on badly broken headers
        raise IngestError(source, f"is a damaged {kind} ({type(err).__name__})") from None
    assert isinstance(message, EmailMessage)
    return message


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
