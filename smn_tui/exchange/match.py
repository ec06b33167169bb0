"""Who an incoming person already is: the identity keys, and the index that finds contacts by them.

Only a strong key merges two people:

1. the same smn record id (an smn export read back in);
2. the same e-mail address;
3. the same profile on the same platform (a URL or handle, as
   :func:`~smn_tui.domain.platforms.same_handle_key` compares them); a
   website (platform ``other``) is no identity, since many people share one;
4. the same valid phone number in E.164 *and* names that do not conflict
   (``Katherine J.`` fits ``Katherine Johnson``; ``Mary Doe`` does not fit
   ``John Doe``), so a switchboard or a family landline never folds people
   into one; a number held by more than :data:`SHARED_NUMBER` people is
   shared and identifies nobody;
5. failing those, the same normalised full name, when neither has a strong
   key of a kind the other has too (two different e-mail addresses, or two
   LinkedIn profiles, are two people); when several people of that name
   fit, the one holding the same kinds of key, else nobody.

Every lookup is a dictionary hit, so matching stays linear in the file: a
thousand people of one name and a thousand addresses cost what a thousand
different people cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..domain.platforms import phone_e164, same_handle_key
from .sources import fold_accents

#: Platforms whose handles identify nobody: websites and meeting in person.
NO_IDENTITY = frozenset({"other", "in person", ""})

#: A number held by more people than this (of different names) is a shared line, not anyone's.
SHARED_NUMBER = 4

_PUNCT = re.compile(r"[.,;:()\"'\u2019]+")


@lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """Case-folded, accents stripped, whitespace collapsed: 'Zoë  O\u2019Brien' ~ 'zoe o\u2019brien'."""
    if name.isascii():
        return " ".join(name.casefold().split())
    return " ".join(fold_accents(name).casefold().split())


def _tokens(name: str) -> list[str]:
    return _PUNCT.sub(" ", normalise_name(name)).split()


def _placeholder(name: str) -> bool:
    """A name that is really an address or a number (a card named by its e-mail): it conflicts with nobody."""
    return "@" in name or not any(ch.isalpha() for ch in name)


def names_compatible(a: str, b: str) -> bool:
    """Whether two names may be one person: equal, or every word of the shorter fits the longer in order.

    A word fits an equal word, and an initial fits a word it starts
    (``Katherine J.`` and ``K. Johnson`` fit ``Katherine Johnson``).
    """
    if _placeholder(a) or _placeholder(b):
        return True
    ta, tb = _tokens(a), _tokens(b)
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if not short:
        return True
    i = 0
    for word in short:
        while i < len(long_) and not _fits(word, long_[i]):
            i += 1
        if i == len(long_):
            return False
        i += 1
    return True


def _fits(a: str, b: str) -> bool:
    if a == b:
        return True
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


@dataclass(frozen=True, slots=True)
class Key:
    """One identity key: ``kind`` groups keys that conflict ('email', 'phone', 'h:github'); ``label`` is for people."""

    kind: str
    value: str
    label: str

    @property
    def ref(self) -> str:
        return f"{self.kind}\x00{self.value}"


def identity_keys(platforms: Iterable[tuple[str, str]], region: str | None = None) -> list[Key]:
    """The strong keys of a person's platforms (e-mails, profiles, valid phone numbers)."""
    keys: list[Key] = []
    for platform, handle in platforms:
        if platform in NO_IDENTITY or not handle:
            continue
        if platform == "phone":
            number = phone_e164(handle, region)
            if number:
                keys.append(Key("phone", number, f"phone number {number}"))
            continue
        value = same_handle_key(platform, handle)
        if not value:
            continue
        if platform == "email":
            keys.append(Key("email", value, f"e-mail {value}"))
        else:
            keys.append(Key(f"h:{platform}", value, f"{platform} profile {value}"))
    return keys


@dataclass(frozen=True, slots=True)
class Found:
    """The contact a person already is, the kind of key that said so ('e-mail', 'name'), and the key itself."""

    cid: str
    key: str
    how: str


_NO_KINDS: frozenset[str] = frozenset()
_KIND_SETS: dict[frozenset[str], frozenset[str]] = {}


def _kind_set(kinds: Iterable[str]) -> frozenset[str]:
    """One shared frozenset per combination of kinds: a hundred thousand contacts hold a handful."""
    fs = frozenset(kinds)
    return _KIND_SETS.setdefault(fs, fs)


class _Namesakes:
    """The contacts of one name, grouped by the kinds of key they hold (so a lookup never walks them all)."""

    __slots__ = ("groups",)

    def __init__(self) -> None:
        self.groups: dict[frozenset[str], dict[str, None]] = {}

    def put(self, cid: str, kinds: frozenset[str], old: frozenset[str] | None = None) -> None:
        if old is not None:
            self.groups.get(old, {}).pop(cid, None)
        self.groups.setdefault(kinds, {})[cid] = None

    def fitting(self, kinds: frozenset[str]) -> str | None:
        fits = {held: cids for held, cids in self.groups.items() if cids and not (held & kinds)}
        alike = fits.get(kinds)  # only for someone holding no key: a keyless namesake
        if alike:
            return next(iter(alike))
        if len(fits) == 1:
            (cids,) = fits.values()
            if len(cids) == 1:
                return next(iter(cids))
        return None


def _put(table: dict[str, str | dict[str, None]], key: str, cid: str) -> None:
    held = table.get(key)
    if held is None:
        table[key] = cid
    elif isinstance(held, str):
        if held != cid:
            table[key] = {held: None, cid: None}
    else:
        held[cid] = None


def _ids(held: str | dict[str, None] | None) -> list[str]:
    if held is None:
        return []
    return [held] if isinstance(held, str) else list(held)


class ContactIndex:
    """Contacts by every strong key, and by name; kept small, since it holds every contact of a big import."""

    def __init__(self, region: str | None = None) -> None:
        self.region = region
        self._by_key: dict[str, str | dict[str, None]] = {}  # key ref -> id, or ids when several hold it
        self._names: dict[str, str] = {}  # id -> name as written
        self._kinds: dict[str, frozenset[str]] = {}  # id -> kinds of key held (absent: none)
        self._by_name: dict[str, str | _Namesakes] = {}  # normalised name -> id, or its namesakes
        self._record_ids: dict[str, str] = {}  # smn ids people came with, when their contact has another

    def keys(self, platforms: Iterable[tuple[str, str]]) -> list[Key]:
        return identity_keys(platforms, self.region)

    def add(self, cid: str, name: str, platforms: Iterable[tuple[str, str]], *, record_id: str = "",
            keys: list[Key] | None = None) -> None:
        """Index a contact; ``record_id`` (an smn id the person came with) keeps it apart from other ids."""
        keys = self.keys(platforms) if keys is None else keys
        self._names[cid] = name
        kinds = {k.kind for k in keys} | ({"id"} if record_id else set())
        if kinds:
            self._kinds[cid] = _kind_set(kinds)
        if record_id and record_id != cid:
            self._record_ids[record_id] = cid
        norm = normalise_name(name)
        held = self._by_name.get(norm)
        if held is None:
            self._by_name[norm] = cid
        else:
            if isinstance(held, str):
                first, held = held, _Namesakes()
                held.put(first, self._kinds.get(first, _NO_KINDS))
                self._by_name[norm] = held
            held.put(cid, self._kinds.get(cid, _NO_KINDS))
        for key in keys:
            _put(self._by_key, key.ref, cid)

    def add_platforms(self, cid: str, platforms: Iterable[tuple[str, str]]) -> None:
        old = self._kinds.get(cid, _NO_KINDS)
        keys = self.keys(platforms)
        for key in keys:
            _put(self._by_key, key.ref, cid)
        kinds = _kind_set(old | {k.kind for k in keys})
        if kinds != old:
            self._kinds[cid] = kinds
            namesakes = self._by_name.get(normalise_name(self._names[cid]))
            if isinstance(namesakes, _Namesakes):
                namesakes.put(cid, kinds, old)

    def find(self, name: str, platforms: Iterable[tuple[str, str]], *, record_id: str = "",
             keys: list[Key] | None = None) -> Found | None:
        """The contact this person already is, with the key that matched; None for someone new."""
        if record_id:
            cid = record_id if record_id in self._names else self._record_ids.get(record_id)
            if cid is not None:
                return Found(cid, "smn id", "the same smn id")
        keys = self.keys(platforms) if keys is None else keys
        for key in keys:
            if key.kind != "phone":
                hit = _ids(self._by_key.get(key.ref))
                if hit:
                    return Found(hit[0], key.label.rsplit(" ", 1)[0], f"the same {key.label}")
        for key in keys:
            if key.kind == "phone":
                hit = _ids(self._by_key.get(key.ref))
                if len(hit) > SHARED_NUMBER:
                    continue
                for cid in hit:
                    if names_compatible(name, self._names[cid]):
                        return Found(cid, "phone number", f"the same {key.label} and a name that fits")
        return self._by_same_name(name, _kind_set({k.kind for k in keys} | ({"id"} if record_id else set())))

    def _by_same_name(self, name: str, kinds: frozenset[str]) -> Found | None:
        """Someone of the same name holding no key of a kind this person has. Among several, the one
        holding the same kinds of key (so a second import finds who the first one added); when none
        does, nobody: the person could be any of them."""
        held = self._by_name.get(normalise_name(name))
        if held is None:
            return None
        if isinstance(held, str):
            cid: str | None = None if self._kinds.get(held, _NO_KINDS) & kinds else held
        else:
            cid = held.fitting(kinds)
        return None if cid is None else Found(cid, "name", "the same name")
