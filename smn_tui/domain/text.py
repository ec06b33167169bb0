"""Which characters user text may hold, and how text is shown where it could mislead.

One home for the rule, used on the way in (the records' validation) and on
the way out (reports, the command line):

- **Control characters** (C0 ``U+0000–U+001F`` and DEL, C1 ``U+0080–U+009F``)
  are refused: nobody types them, and a terminal obeys them (``U+009B`` starts
  an escape sequence). Newlines and tabs are allowed in notes only.
- **Invisible formatting characters** are removed: the bidirectional
  embeddings, overrides and isolates (``U+202A–U+202E``, ``U+2066–U+2069``),
  which can make text read backwards, and the zero-width space, word joiner
  and byte-order mark (``U+200B``, ``U+2060``, ``U+FEFF``). Text copied from a
  phone or a web page often carries them; removing them loses nothing visible.
- **Joiners** (``U+200C`` zero-width non-joiner, ``U+200D`` zero-width joiner)
  stay where they join two visible characters: an emoji sequence such as
  👩‍💻, or letters in Persian and Indic scripts. Anywhere else (at the
  ends, beside a space, doubled) they are removed.

On the way out, :func:`printable` escapes whatever of these a record still
holds (one written before the rule, or by hand), and turns a line break into
a visible mark, so one note can never pass for another line of a report.
"""

from __future__ import annotations

import re
import unicodedata

#: Refused in every field (names, notes, handles, platforms).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Refused in one-line fields (names, platforms): the above plus newline and tab.
CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

_REMOVED = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u2060\ufeff"
_JOINERS = "\u200c\u200d"
_INVISIBLE = re.compile(f"[{_REMOVED}{_JOINERS}]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: What :func:`printable` has to look at; most text holds none of it.
_UNSAFE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\u2028\u2029{_REMOVED}{_JOINERS}\\ud800-\\udfff]")

#: Shown in place of a line break in a one-line rendering of a note.
LINE_BREAK_MARK = " ↵ "


def _visible(ch: str) -> bool:
    """A character that shows on its own: not a space, a control or a format character."""
    return unicodedata.category(ch) not in ("Zs", "Zl", "Zp", "Cc", "Cf")


def _joins(text: str, i: int) -> bool:
    """Whether the joiner at ``text[i]`` sits between two visible characters."""
    return 0 < i < len(text) - 1 and _visible(text[i - 1]) and _visible(text[i + 1])


def unify_line_breaks(text: str) -> str:
    """``\\r\\n``, ``\\r`` and the Unicode line and paragraph separators become ``\\n``."""
    return _LINE_BREAKS.sub("\n", text) if ("\r" in text or "\u2028" in text or "\u2029" in text) else text


def drop_invisible(text: str) -> str:
    """Remove the invisible formatting characters, and joiners that join nothing."""
    if not _INVISIBLE.search(text):
        return text
    stripped = "".join(ch for ch in text if ch not in _REMOVED)
    return "".join(ch for i, ch in enumerate(stripped) if ch not in _JOINERS or _joins(stripped, i))


def has_surrogates(text: str) -> bool:
    """Text decoded from bytes that were not UTF-8 (Python keeps them as lone surrogates)."""
    return _SURROGATE.search(text) is not None


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, line_break: str = LINE_BREAK_MARK) -> str:
    """``text`` safe to show on one line of a terminal or a report.

    Control characters and invisible formatting characters are shown escaped
    (``\\x9b``, ``\\u202e``); a line break becomes ``line_break``; a tab a space.
    A joiner inside an emoji sequence or a word is kept as it is.
    """
    if not _UNSAFE.search(text):
        return text
    text = unify_line_breaks(text)
    out = []
    for i, ch in enumerate(text):
        if ch == "\n":
            out.append(line_break)
        elif ch == "\t":
            out.append(" ")
        elif ch in _JOINERS:
            out.append(ch if _joins(text, i) else _escape(ch))
        elif ch in _REMOVED or CONTROL.match(ch) or "\ud800" <= ch <= "\udfff":
            out.append(_escape(ch))
        else:
            out.append(ch)
    return "".join(out)
