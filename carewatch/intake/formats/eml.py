"""Reader for e-mail messages (.eml): the body and each readable attachment.

Part 0 is the body (text/plain preferred over text/html), titled with the Subject and dated
with the Date header. Attachments go back through ``read_bytes`` (passed in as ``read``) and
become parts 1..n; one that cannot be read is skipped and noted on part 0, never fatal.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage, Message

from carewatch.errors import IntakeError
from carewatch.intake.codes import fail
from carewatch.intake.formats.text import decode_text
from carewatch.intake.record import Record, clean_str, iso_date

Reader = Callable[[bytes, str], list[Record]]
MAX_ATTACHMENTS = 200


def _body_text(part: EmailMessage) -> tuple[str, str | None]:
    """The part's text: its declared charset when the bytes fit it, else detected.

    ``get_content()`` would silently replace bytes that do not fit a wrong declaration.
    """
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        return "", None
    declared = part.get_content_charset()
    if declared:
        try:
            return payload.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(payload)


def _attachments(msg: Message, body: Message | None) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of every leaf part other than the body; nested e-mails whole."""
    for part in msg.iter_parts() if isinstance(msg, EmailMessage) else ():
        if part is body:
            continue
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                yield (part.get_filename() or "attached.eml"), inner[0].as_bytes()
            continue
        if part.is_multipart():
            yield from _attachments(part, body)
            continue
        if part.get_content_maintype() == "multipart":
            continue
        name = part.get_filename() or _guess_name(part)
        if name is None:
            continue  # an alternative rendering of the body, not an attachment
        payload = part.get_payload(decode=True)
        yield name, payload if isinstance(payload, bytes) else b""


def _guess_name(part: Message) -> str | None:
    """A file name for a nameless attachment, from its content type."""
    if part.get_content_disposition() != "attachment":
        return None
    ext = mimetypes.guess_extension(part.get_content_type()) or ".bin"
    return f"attachment{ext}"


def _parse(raw: bytes) -> EmailMessage:
    msg = message_from_bytes(raw, policy=policy.default)
    if not isinstance(msg, EmailMessage) or not msg.keys():
        fail("CW202", "no e-mail headers found")
    return msg


def _header(msg: EmailMessage, name: str) -> object:
    try:
        return msg[name]
    except Exception:  # malformed headers raise only when parsed; treat as absent
        return None


def read_eml(raw: bytes, read: Reader) -> list[Record]:
    """Body as part 0 and readable attachments as parts 1..n."""
    try:
        msg = _parse(raw)
        body = msg.get_body(preferencelist=("plain", "html"))
        text, enc = _body_text(body) if isinstance(body, EmailMessage) else ("", None)
        media = "text/html" if body is not None and body.get_content_subtype() == "html" else "text/plain"
        date = _header(msg, "Date")
        head = Record(text=text, media_type=media, encoding=enc, part=0,
                      title=clean_str(_header(msg, "Subject"), 500),
                      published=iso_date(getattr(date, "datetime", None)))
        records = [head, *_read_attachments(msg, body, read, head.notes)]
    except IntakeError:
        raise
    except Exception as exc:  # the email package raises assorted errors on mangled MIME
        fail("CW203", f"the e-mail could not be parsed ({type(exc).__name__})", cause=exc)
    if not any(r.text.strip() for r in records):
        fail("CW207", "neither the body nor any attachment holds text")
    return records


def _read_attachments(msg: EmailMessage, body: Message | None, read: Reader,
                      notes: list[str]) -> list[Record]:
    """Records of each readable attachment, numbered from 1; failures go to ``notes``."""
    records: list[Record] = []
    for i, (name, data) in enumerate(_attachments(msg, body)):
        if i >= MAX_ATTACHMENTS:
            notes.append(f"attachments after the first {MAX_ATTACHMENTS} were skipped")
            break
        try:
            found = read(data, name)
        except IntakeError as err:
            notes.append(f"skipped attachment {name!r}: [{err.code}] {err.message}")
            continue
        for rec in found:
            rec.part = len(records) + 1
            rec.name = rec.name or name
            records.append(rec)
    return records
