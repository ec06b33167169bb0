"""vCard content lines (RFC 2425/2426/6350 and vCard 2.1), read as phones and mail apps write them.

A file is split into cards with the line each starts on; each card into
properties (name, parameters, value) after unfolding. Reading is linear in the
file's size: folded lines are joined once, and the continuation lines of
photos, logos, sounds and keys are passed over, never joined.

What real exports do that the standards do not say, and what is done here:

- vCard 2.1 quoted-printable values continue over a soft line break (``=`` at
  the end of a line) on a line that does not start with a space. A trailing
  ``=`` before the next property (Android 2.1) is a soft break into nothing:
  the next property is read as a property, not swallowed.
- A byte that is not UTF-8 in one property leaves that property out with a
  warning; the card is kept. A file with no UTF-8 at all is a legacy 8-bit
  export and read as Windows-1252; ``CHARSET`` names a property's own charset.
- A line that is not a property at all is left out with a warning.
- A vCard 2.1 ``AGENT`` may hold a whole card; its properties are not the
  person's. A ``BEGIN:VCARD`` inside a card without ``END:VCARD`` before it
  means the card before was cut short.
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

#: Properties whose value is binary data (base64 or a URI), never text smn keeps.
BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_QP_WORDS = frozenset({"QUOTED-PRINTABLE"})
_ENCODING_WORDS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)(?=[;:])")
_PROPERTY_NAME = re.compile(r"[A-Za-z0-9-]+")
#: Property names that start a new property after a quoted-printable soft line break.
_KNOWN = frozenset({
    "BEGIN", "END", "VERSION", "FN", "N", "NICKNAME", "PHOTO", "BDAY", "ANNIVERSARY", "GENDER", "ADR", "LABEL",
    "TEL", "EMAIL", "IMPP", "LANG", "TZ", "GEO", "TITLE", "ROLE", "LOGO", "ORG", "MEMBER", "RELATED", "CATEGORIES",
    "NOTE", "PRODID", "REV", "SOUND", "UID", "CLIENTPIDMAP", "URL", "KEY", "FBURL", "CALADRURI", "CALURI", "XML",
    "KIND", "SOURCE", "NAME", "PROFILE", "MAILER", "SORT-STRING", "CLASS", "AGENT",
})


@dataclass(slots=True)
class Property:
    """One content line: upper-case name (group dropped), parameters, the value still escaped."""

    name: str
    params: dict[str, list[str]]
    value: str
    line: int
    group: str = ""

    def param(self, key: str) -> list[str]:
        return self.params.get(key, [])

    @property
    def types(self) -> list[str]:
        """The TYPE values, lower-case, one per item (``TYPE=work,pref`` and 2.1's ``;WORK;PREF``)."""
        return [t.strip().lower() for v in self.param("TYPE") for t in v.split(",") if t.strip()]


@dataclass
class Card:
    """One card: the line of its BEGIN:VCARD, its version, its properties and what was left out."""

    line: int
    props: list[Property] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    complete: bool = False
    version: str = "3.0"

    def first(self, name: str) -> Property | None:
        return next((p for p in self.props if p.name == name), None)


# ---------------------------------------------------------------------- bytes to text


def decode_file(data: bytes) -> tuple[str, bool]:
    """The file's text and whether it may hold stray non-UTF-8 bytes (as surrogates, see :func:`clean_value`)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), False
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    if not _UTF8_TEXT.search(text):
        return data.decode("cp1252", errors="replace"), False  # no UTF-8 at all: a legacy 8-bit export
    return text, True


_UTF8_TEXT = re.compile("[^\x00-\x7f\udc80-\udcff]")
_STRAY = re.compile("[\udc80-\udcff]")


def _has_stray_bytes(value: str) -> bool:
    return _STRAY.search(value) is not None


def clean_value(prop: Property, stray: bool) -> str | None:
    """The value as text: quoted-printable decoded, the CHARSET applied; None when it cannot be read."""
    value = prop.value
    charset = (prop.param("CHARSET") or ["utf-8"])[0].strip().lower() or "utf-8"
    encoding = {e.upper() for e in prop.param("ENCODING")}
    if encoding & _QP_WORDS:
        raw = binascii.a2b_qp(value.encode("utf-8", errors="surrogateescape"))
        return _decode(raw, charset)
    if stray and _has_stray_bytes(value):
        if charset in ("utf-8", "utf8"):
            return None
        return _decode(value.encode("utf-8", errors="surrogateescape"), charset)
    return value


def _decode(raw: bytes, charset: str) -> str | None:
    """``raw`` in the named character set; an unknown name, or one that is no character set
    ('base64'), reads as UTF-8, and UTF-8 that is not falls back to Windows-1252 (old phones)."""
    try:
        name = codecs.lookup(charset).name  # 'UTF8' and 'utf_8' are both 'utf-8'
    except (LookupError, UnicodeError, ValueError):  # unknown, or a name with bytes that are no text
        name = "utf-8"
    if name != "utf-8":
        try:
            return raw.decode(name)
        except UnicodeDecodeError:
            return None
        except LookupError:  # a codec, but not of text
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return None


# ---------------------------------------------------------------------- lines to properties


def _physical_lines(text: str) -> Iterator[tuple[int, str]]:
    start, n = 0, 1
    size = len(text)
    while start < size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        line = text[start:end]
        yield n, line[:-1] if line.endswith("\r") else line
        start, n = end + 1, n + 1


def _split_head(logical: str) -> tuple[str, str] | None:
    """(name;params, value) split at the first colon outside double quotes; None without a colon."""
    colon = logical.find(":")
    if colon < 0:
        return None
    if '"' not in logical[:colon]:  # the usual case: no quoted parameter value before the colon
        return logical[:colon], logical[colon + 1:]
    quoted = False
    for i, ch in enumerate(logical):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return logical[:i], logical[i + 1:]
    return None


def _params(parts: list[str]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for part in parts:
        key, eq, val = part.partition("=")
        key = key.strip().upper()
        if not eq:  # vCard 2.1: ;CELL;HOME;QUOTED-PRINTABLE
            params.setdefault("ENCODING" if key in _ENCODING_WORDS else "TYPE", []).append(key)
            continue
        params.setdefault(key, []).append(val.strip().strip('"'))
    return params


def parse_line(logical: str, line: int) -> Property | None:
    """One unfolded content line as a :class:`Property`; None when it is not one."""
    head = _split_head(logical)
    if head is None:
        return None
    front, value = head
    parts = front.split(";")
    name = parts[0].strip()
    group, dot, bare = name.rpartition(".")
    if not bare or not _PROPERTY_NAME.fullmatch(bare):
        return None
    return Property(bare.upper(), _params(parts[1:]) if len(parts) > 1 else {}, value, line,
                    group if dot else "")


def _is_qp(first_line: str) -> bool:
    colon = first_line.find(":")
    return colon > 0 and "QUOTED-PRINTABLE" in first_line[:colon].upper()


def _starts_property(line: str) -> bool:
    m = _NAME.match(line)
    if not m:
        return False
    name = m.group(1).upper()
    return name in _KNOWN or name.startswith("X-")


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line of its start, text) for every unfolded line; binary continuations are passed over."""
    parts: list[str] = []
    start = 0
    binary = qp = False
    for n, line in _physical_lines(text):
        if parts and qp and parts[-1].endswith("="):
            if not _starts_property(line):  # a quoted-printable soft line break: the line goes on as it is
                parts[-1] = parts[-1][:-1]
                parts.append(line)
                continue
            parts[-1] = parts[-1][:-1]  # a soft break before the next property: nothing follows
        elif parts and line[:1] in (" ", "\t"):
            if not binary:
                parts.append(line[1:])
            continue
        if parts:
            yield start, "".join(parts)
        if not line.strip():
            parts = []
            continue
        start, parts = n, [line]
        m = _NAME.match(line)
        binary = m is not None and m.group(1).upper() in BINARY
        qp = "=" in line and _is_qp(line)
    if parts:
        yield start, "".join(parts)


def read_cards(text: str) -> Iterator[Card]:
    """Every card in ``text`` (``complete`` is False for a card with no END:VCARD)."""
    card: Card | None = None
    depth = 0
    agent_pending = False
    for line, logical in logical_lines(text):
        word = logical.strip().upper()
        if word == "BEGIN:VCARD":
            if card is not None and agent_pending:
                depth, agent_pending = depth + 1, False
                continue
            if card is not None:
                yield card  # cut short: a new card begins before this one ended
            card, depth, agent_pending = Card(line), 0, False
            continue
        if card is None:
            continue
        if word == "END:VCARD":
            if depth:
                depth -= 1
                continue
            card.complete = True
            yield card
            card = None
            continue
        if depth:
            continue
        prop = parse_line(logical, line)
        if prop is None:
            shown = logical.strip()
            shown = shown if len(shown) <= 40 else shown[:40] + "…"
            card.warnings.append((line, f"{shown!r} is not a vCard property; left out"))
            continue
        agent_pending = prop.name == "AGENT" and not prop.value.strip()
        if prop.name == "VERSION":
            card.version = prop.value.strip()
        card.props.append(prop)
    if card is not None:
        yield card


# ---------------------------------------------------------------------- values


def split_unescaped(value: str, sep: str) -> list[str]:
    """``value`` split at every ``sep`` not escaped by a backslash (escapes kept for :func:`unescape`)."""
    if "\\" not in value:
        return value.split(sep)
    out: list[str] = []
    buf: list[str] = []
    i, size = 0, len(value)
    while i < size:
        ch = value[i]
        if ch == "\\" and i + 1 < size:
            buf.append(value[i:i + 2])
            i += 2
            continue
        if ch == sep:
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    out.append("".join(buf))
    return out


_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def unescape(value: str) -> str:
    """Text value escapes undone: ``\\n`` is a newline; ``\\,``, ``\\;``, ``\\\\`` and Apple's ``\\:`` the character."""
    if "\\" not in value:
        return value
    return _ESCAPED.sub(lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), value)
