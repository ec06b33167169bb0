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


class ContactIndex:
    """Contacts by every strong key, and by name grouped by the kinds of key they hold."""

    def __init__(self, region: str | None = None) -> None:
        self.region = region
        self._by_key: dict[tuple[str, str], dict[str, None]] = {}
        self._names: dict[str, str] = {}  # id -> name as written
        self._kinds: dict[str, frozenset[str]] = {}  # id -> kinds of strong key held
        self._by_name: dict[str, dict[frozenset[str], dict[str, None]]] = {}

    def add(self, cid: str, name: str, platforms: Iterable[tuple[str, str]], *, record_id: str = "") -> None:
        """Index a contact; ``record_id`` (an smn id the person came with) keeps it apart from other ids."""
        self._names[cid] = name
        self._kinds[cid] = frozenset({"id"} if record_id else ())
        self._by_key.setdefault(("id", cid), {})[cid] = None
        if record_id and record_id != cid:
            self._by_key.setdefault(("id", record_id), {})[cid] = None
        self._group(cid)[cid] = None
        for key in identity_keys(platforms, self.region):
            self._add_key(cid, key)

    def add_platforms(self, cid: str, platforms: Iterable[tuple[str, str]]) -> None:
        for key in identity_keys(platforms, self.region):
            self._add_key(cid, key)

    def _group(self, cid: str) -> dict[str, None]:
        groups = self._by_name.setdefault(normalise_name(self._names[cid]), {})
        return groups.setdefault(self._kinds[cid], {})

    def _add_key(self, cid: str, key: Key) -> None:
        self._by_key.setdefault((key.kind, key.value), {})[cid] = None
        if key.kind not in self._kinds[cid]:
            self._group(cid).pop(cid, None)
            self._kinds[cid] = self._kinds[cid] | {key.kind}
            self._group(cid)[cid] = None

    def find(self, name: str, platforms: Iterable[tuple[str, str]], *, record_id: str = "") -> Found | None:
        """The contact this person already is, with the key that matched; None for someone new."""
        if record_id:
            hit = self._by_key.get(("id", record_id))
            if hit:
                return Found(next(iter(hit)), "smn id", "the same smn id")
        keys = identity_keys(platforms, self.region)
        phones: list[Key] = []
        for key in keys:
            if key.kind == "phone":
                phones.append(key)
                continue
            hit = self._by_key.get((key.kind, key.value))
            if hit:
                return Found(next(iter(hit)), key.label.rsplit(" ", 1)[0], f"the same {key.label}")
        for key in phones:
            hit = self._by_key.get((key.kind, key.value))
            if not hit or len(hit) > SHARED_NUMBER:
                continue
            for cid in hit:
                if names_compatible(name, self._names[cid]):
                    return Found(cid, "phone number", f"the same {key.label} and a name that fits")
        return self._by_same_name(name, {k.kind for k in keys} | ({"id"} if record_id else set()))

    def _by_same_name(self, name: str, kinds: set[str]) -> Found | None:
        """Someone of the same name holding no key of a kind this person has. Among several, the one
        holding the same kinds of key (so a second import finds who the first one added); when none
        does, nobody: the person could be any of them."""
        groups = self._by_name.get(normalise_name(name))
        if not groups:
            return None
        fits = {held: cids for held, cids in groups.items() if cids and not (held & kinds)}
        alike = fits.get(frozenset(kinds))  # only for someone holding no key: a keyless namesake
        if alike:
            return Found(next(iter(alike)), "name", "the same name")
        if len(fits) == 1:
            (cids,) = fits.values()
            if len(cids) == 1:
                return Found(next(iter(cids)), "name", "the same name")
        return None
