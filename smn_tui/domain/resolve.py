"""Which contact a typed name means: one rule for the command line, quick captures and the app.

``resolve_contact`` works on plain contact documents (``id -> {"name",
"archived", "platforms"}``), so the store, the names index and the tests can all
hand it what they hold without building records.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .platforms import same_handle

__all__ = [
    "AmbiguousContactError",
    "Candidate",
    "NameLookupError",
    "UnknownContactError",
    "resolve_contact",
]

ContactDocs = Mapping[str, Mapping[str, Any]]


class NameLookupError(LookupError):
    """A typed name that does not lead to exactly one contact (kept apart from the builtin NameError)."""


@dataclass(frozen=True)
class Candidate:
    """One of several contacts a name could mean, with what tells namesakes apart."""

    id: str
    name: str
    handle: str = ""  # "platform handle" of their first handle, if any

    def describe(self) -> str:
        return f"{self.name} (id {self.id[:8]}{', ' + self.handle if self.handle else ''})"


class UnknownContactError(NameLookupError):
    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        self.name = name
        self.suggestions = suggestions or []
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"No contact called '{name}'.{hint} Add --new to create them.")


class AmbiguousContactError(NameLookupError):
    def __init__(self, name: str, candidates: list[Candidate]) -> None:
        self.name = name
        self.candidates = candidates
        more = f" and {len(candidates) - 8} more" if len(candidates) > 8 else ""
        if len({c.name.casefold() for c in candidates}) < len(candidates):
            # Namesakes: only an id or a handle tells them apart.
            shown = ", ".join(c.describe() for c in candidates[:8])
            hint = "Use the id shown (its first 8 characters are enough) or a handle instead of the name."
        else:
            shown = ", ".join(c.name for c in candidates[:8])
            hint = "Type more of the name."
        super().__init__(f"'{name}' matches several contacts: {shown}{more}. {hint}")


def _candidate(cid: str, doc: Mapping[str, Any]) -> Candidate:
    handle = next((f"{p} {h}" for p, h in doc.get("platforms", ()) if h), "")
    return Candidate(cid, doc["name"], handle)


def resolve_contact(docs: ContactDocs, name: str) -> str:
    """The id of the one contact ``name`` means, among contact documents ``docs``.

    In order: a contact id or a unique start of one (6+ characters); the exact
    name (active contacts first); the name in any case; a unique start of the
    name, of a word in it, or a part of it; one of their handles. Raises
    :class:`AmbiguousContactError` or :class:`UnknownContactError`.
    """
    wanted = " ".join(name.split())
    if not wanted:
        raise UnknownContactError(name)
    if wanted in docs:
        return wanted
    low_id = wanted.lower()
    if len(low_id) >= 6 and all(ch in "0123456789abcdef" for ch in low_id):
        hits = [cid for cid in docs if cid.startswith(low_id)]
        if len(hits) == 1:
            return hits[0]

    def ambiguous(ids: list[str]) -> AmbiguousContactError:
        return AmbiguousContactError(name, [_candidate(c, docs[c]) for c in ids])

    # The usual case first, in one pass: exactly one active contact of that very name.
    exact = [cid for cid, d in docs.items() if d["name"] == wanted and not d.get("archived")]
    if len(exact) == 1:
        return exact[0]
    active = [(cid, d) for cid, d in docs.items() if not d.get("archived")]
    for pool in (active, list(docs.items())):
        found = _by_name(pool, wanted, docs, ambiguous)
        if found is not None:
            return found
    by_handle = [cid for cid, d in docs.items()
                 if any(same_handle(p, wanted, h) for p, h in d.get("platforms", ()) if h)]
    if len(by_handle) == 1:
        return by_handle[0]
    if len(by_handle) > 1:
        raise ambiguous(by_handle)
    close = difflib.get_close_matches(wanted, [d["name"] for _, d in active], n=3, cutoff=0.75)
    raise UnknownContactError(name, close)


def _by_name(pool: list[tuple[str, Mapping[str, Any]]], wanted: str, docs: ContactDocs,
             ambiguous: Callable[[list[str]], AmbiguousContactError]) -> str | None:
    exact = [cid for cid, d in pool if d["name"] == wanted]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise ambiguous(exact)
    low = wanted.casefold()
    same = [cid for cid, d in pool if d["name"].casefold() == low]
    if len(same) == 1:
        return same[0]
    if len(same) > 1:
        raise ambiguous(same)
    tests: tuple[Callable[[str], bool], ...] = (
        lambda n: n.startswith(low),
        lambda n: any(w.startswith(low) for w in n.split()),
        lambda n: low in n,
    )
    for test in tests:
        hits = [cid for cid, d in pool if test(d["name"].casefold())]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            hits.sort(key=lambda c: docs[c]["name"].casefold())
            raise ambiguous(hits)
    return None
