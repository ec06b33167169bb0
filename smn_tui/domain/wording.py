"""How counts are said: "1 contact", "2 contacts", "1,200 helpful acts", never "1 contacts" or "act(s)"."""

from __future__ import annotations

__all__ = ["BRINGS_BACK", "BRINGS_BACK_ONE", "count_of", "plural"]

#: Words whose plural is not the word and an "s".
_IRREGULAR = {"person": "people", "entry": "entries", "activity": "activities"}


def plural(n: int, word: str, many: str | None = None) -> str:
    """``word`` as it goes with ``n``: the word itself for one, else ``many`` (or the usual plural)."""
    if n == 1:
        return word
    if many is not None:
        return many
    last, _, head = word.rpartition(" ")
    return f"{last} {_plural_word(head)}" if last else _plural_word(word)


def _plural_word(word: str) -> str:
    return _IRREGULAR.get(word, word + "s")


def count_of(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the word that goes with it: ``1 contact``, ``12,004 contacts``, ``2 helpful acts``."""
    return f"{n:,} {plural(n, word, many)}"


#: What a delete question says under what goes.
BRINGS_BACK = "Ctrl+Z brings it all back."
BRINGS_BACK_ONE = "Ctrl+Z brings it back."
