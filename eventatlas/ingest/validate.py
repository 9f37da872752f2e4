"""The checks every input passes on its way to being a Document, and the one place Documents are built.

Each failed check is an IngestError whose message is the Rejection's reason: short, specific, and
written for the person who has to fix the input, not for a developer reading a traceback."""

from __future__ import annotations

import codecs
import re
from typing import Any

from eventatlas.config import Settings
from eventatlas.errors import InputError
from eventatlas.ingest.credits import find_credits
from eventatlas.ingest.dates import normalise_date
from eventatlas.ingest.document import make_document
from eventatlas.ingest.language import check_english
from eventatlas.records import Document, Rejection

# The first bytes are enough to tell binary from text, and cheap on large files.
_SNIFF = 8192
# C0 controls other than tab/newline/CR/form feed: text with many of them is a binary file decoded by force.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class IngestError(InputError):
    """An input that cannot become a Document; str(error) is the reason given in its Rejection."""


def human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"


def check_size(size: int, settings: Settings, what: str = "input") -> None:
    if size > settings.max_bytes:
        raise IngestError(f"{what} is {human_size(size)}, over the {human_size(settings.max_bytes)} limit "
                          f"(settings.max_bytes / EVENTATLAS_MAX_BYTES)")


def looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        return False
    return b"\x00" in head


def utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text saved without a byte-order mark, told by where its NUL bytes
    fall: text that is mostly Latin letters has a NUL in every other byte, always on the same side."""
    sample = head[:4096 - 4096 % 2]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.6 * half and even == 0:
        return "utf-16-le"
    if even >= 0.6 * half and odd == 0:
        return "utf-16-be"
    return None


def decode(data: bytes, charset: str | None = None) -> str:
    """Bytes to text: a declared charset, a BOM, UTF-8, then Windows-1252 only when it decodes cleanly."""
    if looks_binary(data):
        raise IngestError("binary file (NUL bytes), not text")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    utf16 = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            raise IngestError("undecodable text (broken UTF-16)") from None
    candidates = ([charset] if charset else []) + ["utf-8", "cp1252"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        # cp1252 maps nearly every byte to something; a binary file "decoded" that way is full of controls.
        if len(_CONTROL.findall(text[:_SNIFF])) > 8:
            raise IngestError("binary file (control bytes), not text")
        return text
    raise IngestError("undecodable text (neither UTF-8 nor Windows-1252)")


_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def tidy(text: str) -> str:
    """Unify line ends and squeeze runs of blank lines: for text a reader makes (from HTML, a feed), never for
    text the user gave, whose offsets must hold."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return _BLANKS.sub("\n\n", text).strip()


def build(text: str | None, meta: dict[str, Any], name: str, settings: Settings, *,
          body_start: int = 0) -> Document | Rejection:
    """A Document from article text exactly as given (every offset downstream indexes it) and its metadata,
    or the Rejection that says why not. body_start: where the body starts after a header the reader read."""
    try:
        return _build(text, meta, name, settings, body_start)
    except IngestError as err:
        return Rejection(name, "ingest", str(err))


def _build(text: str | None, meta: dict[str, Any], name: str, settings: Settings, body_start: int = 0) -> Document:
    if text is None:
        raise IngestError("no article text")
    text = valid_unicode(text)  # one character for one: offsets hold
    if not text[body_start:].strip():
        raise IngestError("empty: no text after stripping whitespace")
    if (nul := text.find("\x00")) >= 0:
        raise IngestError(f"NUL bytes in the text (the first at character {nul:,}): a binary or damaged file")
    check_size(len(text.encode("utf-8")), settings, "text")
    verdict = check_english(text[body_start:])
    if not verdict.english:
        raise IngestError(verdict.reason or "not English")
    title = _one_line(meta.get("title"))
    doc = make_document(
        text, title=title, url=_one_line(meta.get("url")), outlet=_one_line(meta.get("outlet")),
        published=normalise_date(meta.get("published")), source=name,
    )
    doc.body_start = body_start
    doc.credits = find_credits(text[body_start:])
    return doc


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """The text with each lone surrogate (half of a UTF-16 pair, as JSON's \\ud83d can leave when a
    string was cut) replaced by U+FFFD: one character for one, so offsets hold, and it can be stored."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


def _one_line(value: Any) -> str | None:
    if value is None:
        return None
    value = " ".join(valid_unicode(str(value)).split())
    return value or None
