"""Where people are found: the one home of every rule about platforms and handles.

Four things live here and nowhere else:

- :data:`PLATFORMS`, :data:`PLATFORM_ALIASES` and :func:`normalise_platform`:
  the platforms the journal knows by name, the other names people give them
  (``twitter`` is ``x``), and the one form a platform's name is kept in;
  :data:`PLATFORM_MARKS` gives each a two-letter mark for narrow lists.
- :data:`URL_HOSTS` and :func:`platform_for_url`: which platform a profile URL
  belongs to, from its host.
- :func:`same_handle_key`: what makes two handles "the same" on a platform
  (case, a leading ``@``, URL prefixes, a trailing slash, an e-mail's case, a
  phone number in E.164). The command line (``smn log @ada``), the store's
  handle lookups and import de-duplication all compare handles with it.
- :func:`parse_platform_text`: what a user types in a platform box (a URL, an
  e-mail address, a phone number, ``platform:handle`` or just a platform) as a
  platform and a handle.

Phone numbers are read with ``phonenumbers``; a number written without its
country code needs a default region (a two-letter code such as ``ES``) to be
put in E.164. Nothing here reads settings or files: callers pass the region.
``phonenumbers`` is imported on the first number read, so a command that
reads none does not pay for it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from .fields import ValidationError, refuse_controls
from .text import CONTROL_ONE_LINE, drop_invisible

#: Known platforms, in the order forms offer them. Any other lower-case word is
#: accepted too (the list is extensible), so an unusual tool is never refused.
PLATFORMS: tuple[str, ...] = (
    "linkedin",
    "x",
    "mastodon",
    "bluesky",
    "github",
    "instagram",
    "facebook",
    "email",
    "phone",
    "in person",
    "other",
)

#: Two-letter marks used where space is short (lists, tables).
PLATFORM_MARKS: dict[str, str] = {
    "linkedin": "in",
    "x": "X",
    "mastodon": "Ma",
    "bluesky": "Bs",
    "github": "Gh",
    "instagram": "Ig",
    "facebook": "Fb",
    "email": "@",
    "phone": "Ph",
    "in person": "IRL",
    "other": "…",
}

PLATFORM_ALIASES: dict[str, str] = {
    "twitter": "x",
    "li": "linkedin",
    "gh": "github",
    "ig": "instagram",
    "fb": "facebook",
    "bsky": "bluesky",
    "mail": "email",
    "e-mail": "email",
    "tel": "phone",
    "mailto": "email",
    "irl": "in person",
    "in-person": "in person",
    "inperson": "in person",
    "person": "in person",
    "offline": "in person",
}


def normalise_platform(value: object, name: str = "platform") -> str:
    """Lower-case a platform name, map common aliases; empty stays empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(name, "must be text")
    word = " ".join(drop_invisible(value).strip().lower().split())
    word = PLATFORM_ALIASES.get(word, word)
    if len(word) > 40:
        raise ValidationError(name, "is too long (at most 40 characters)")
    refuse_controls(word, name, CONTROL_ONE_LINE)
    return word


def platform_mark(platform: str) -> str:
    """The platform's two-letter mark (its first two letters for one the journal does not know)."""
    return PLATFORM_MARKS.get(platform, platform[:2].title())


#: Profile hosts and the platform they belong to (subdomains count too).
URL_HOSTS: dict[str, str] = {
    "linkedin.com": "linkedin",
    "lnkd.in": "linkedin",
    "x.com": "x",
    "twitter.com": "x",
    "github.com": "github",
    "instagram.com": "instagram",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "bsky.app": "bluesky",
    "bsky.social": "bluesky",
    "mastodon.social": "mastodon",
    "mastodon.online": "mastodon",
    "hachyderm.io": "mastodon",
    "fosstodon.org": "mastodon",
    "mstdn.social": "mastodon",
    "infosec.exchange": "mastodon",
}

#: What comes before the profile's name in a URL of each platform ('github.com/ada' -> 'ada').
_SITE_PREFIXES: dict[str, tuple[str, ...]] = {
    "linkedin": ("linkedin.com/",),
    "x": ("x.com/", "twitter.com/"),
    "github": ("github.com/",),
    "instagram": ("instagram.com/",),
    "facebook": ("facebook.com/", "fb.com/"),
    "bluesky": ("bsky.app/profile/",),
}
_HOST_PREFIXES = ("www.", "m.", "mobile.")
_URL_SCHEMES = ("https://", "http://")
_EMAIL = re.compile(r"^[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+$")
_PHONE = re.compile(r"^\+?[\d ()./-]{6,}$")
_WORD = re.compile(r"^[^\W\d_][\w .+-]*$")
_SPACE = re.compile(r"\s+")
_EXTENSION = re.compile(r"\s*(?:ext\.?|x|#)\s*\d+\s*$", re.IGNORECASE)
_MASTODON_ADDRESS = re.compile(r"@[^@\s]+@[^@\s]+\.[^@\s]+")
_MASTODON_URL = re.compile(r"([^/@]+)/@([^/@]+)")


def platform_for_url(url: str) -> str | None:
    """The platform a profile URL belongs to, from its host; None when the host is not a known one.

    ``https://any.instance/@name`` is a Mastodon profile; ``*.bsky.social`` a Bluesky one.
    """
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix):]
    if host in URL_HOSTS:
        return URL_HOSTS[host]
    for known, platform in URL_HOSTS.items():
        if host.endswith("." + known):
            return platform
    if parts.path.startswith("/@") and "." in host:
        return "mastodon"
    return None


def looks_like_email(text: str) -> bool:
    """Whether ``text`` has the shape of an e-mail address (one @, a dotted domain)."""
    return bool(_EMAIL.match(text.strip()))


def looks_like_phone(text: str) -> bool:
    """Whether ``text`` has the shape of a phone number as people type one (digits and separators)."""
    return bool(_PHONE.match(text.strip()))


_E164: dict[tuple[str, str | None], str | None] = {}


def phone_e164(text: str, region: str | None = None) -> str | None:
    """The number in E.164 (``+34663123456``) when it is a valid phone number; None otherwise.

    A number without a country code is read in ``region`` (``ES``); without a
    region it cannot be placed, so it is None. Letters (``IBERDROLA``), short
    codes and numbers of an impossible length are None. Answers are kept, the
    E.164 form's own too, since an import reads each number, then its E.164 form.
    """
    if (text, region) in _E164:
        return _E164[(text, region)]
    number = _read_e164(text, region)
    if len(_E164) > 1 << 16:
        _E164.clear()
    _E164[(text, region)] = number
    if number:
        _E164[(number, region)] = _E164[(number, None)] = number
    return number


def _read_e164(text: str, region: str | None) -> str | None:
    raw = _EXTENSION.sub("", text.strip().removeprefix("tel:"))
    if not any(ch.isdigit() for ch in raw) or any(ch.isalpha() for ch in raw):
        return None  # 'IBERDROLA' is no number, and a vanity number is not what an address book holds
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    import phonenumbers  # here, not at the top: it costs 40 ms, and most commands never read a number

    try:
        number = phonenumbers.parse(raw, region.upper() if region else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_phone_region(region: str) -> bool:
    """Whether ``region`` is a two-letter region phonenumbers knows (``ES``, ``GB``, ``US``)."""
    import phonenumbers

    return region.upper() in phonenumbers.SUPPORTED_REGIONS


def _phone_key(handle: str, region: str | None) -> str:
    e164 = phone_e164(handle, region)
    if e164:
        return e164
    raw = handle.strip().removeprefix("tel:")
    digits = "".join(ch for ch in raw if ch.isdigit())
    if not digits:
        return ""
    if raw.startswith("+"):
        return "+" + digits
    if raw.startswith("00"):
        return "+" + digits[2:]
    return digits


def _email_key(handle: str) -> str:
    addr = handle.strip().casefold().removeprefix("mailto:")
    return addr if "@" in addr.strip("@") else ""


def _profile_key(platform: str, handle: str) -> str:
    h = handle.strip().casefold()
    for prefix in (*_URL_SCHEMES, "mailto:", "tel:"):
        if h.startswith(prefix):
            h = h[len(prefix):]
            break
    for prefix in _HOST_PREFIXES:
        if h.startswith(prefix):
            h = h[len(prefix):]
            break
    h = h.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    for prefix in _SITE_PREFIXES.get(platform, ()):
        if h.startswith(prefix):
            h = h[len(prefix):]
            break
    if platform == "mastodon":
        m = _MASTODON_URL.fullmatch(h)  # 'host/@user' and '@user@host' are one account
        if m:
            h = f"{m.group(2)}@{m.group(1)}"
    h = _SPACE.sub("", h.lstrip("@"))
    if platform == "linkedin" and h and not h.startswith(("in/", "pub/", "company/", "school/")):
        h = "in/" + h
    return h


@lru_cache(maxsize=1 << 16)
def same_handle_key(platform: str, handle: str, region: str | None = None) -> str:
    """What identifies ``handle`` on ``platform``: two handles on one platform are the same when their keys are equal.

    ``platform`` is a journal platform name (as ``normalise_platform`` makes it).
    E-mail addresses compare without case or ``mailto:``; phone numbers in
    E.164 when they are valid (a national number needs ``region``), else by
    their digits; other handles without case, URL scheme, ``www.``, the site's
    own prefix (``github.com/``), query, trailing slash or leading ``@``, so
    ``https://github.com/Ada/``, ``github.com/ada`` and ``@ada`` are one key on
    github. An empty key identifies nobody: never treat two empty keys as a match.
    """
    if not handle or not handle.strip():
        return ""
    if platform == "email":
        return _email_key(handle)
    if platform == "phone":
        return _phone_key(handle, region)
    return _profile_key(platform, handle)


def same_handle(platform: str, a: str, b: str, region: str | None = None) -> bool:
    """Whether ``a`` and ``b`` name the same person on ``platform`` (never for empty handles)."""
    key = same_handle_key(platform, a, region)
    return bool(key) and key == same_handle_key(platform, b, region)


def parse_platform_text(text: str, platform: str = "") -> tuple[str, str]:
    """What a user typed in a platform box, as (platform, handle).

    With ``platform`` given (the form's platform box), ``text`` is its handle,
    with ``mailto:``/``tel:`` dropped for e-mail and phone. Otherwise the
    platform comes from the text: a profile URL's host (``https://github.com/ada``
    is github, an unknown host ``other``), an e-mail address, a phone number, a
    Mastodon address (``@ada@hachyderm.io``), ``platform:handle``, or a bare
    platform name (``in person``). The platform is returned as typed, for
    ``normalise_platform``; it is ``""`` when the text does not say (``@ada``).
    """
    text = (text or "").strip()
    if platform.strip():
        word = platform.strip()
        if word.lower() in ("email", "e-mail", "mail"):
            return word, text.removeprefix("mailto:")
        if word.lower() in ("phone", "tel"):
            return word, text.removeprefix("tel:")
        return word, text
    if not text:
        return "", ""
    lower = text.lower()
    if lower.startswith(_URL_SCHEMES):
        return platform_for_url(text) or "other", text
    if lower.startswith("mailto:"):
        return "email", text[7:].strip()
    if lower.startswith("tel:"):
        return "phone", text[4:].strip()
    if looks_like_email(text):
        return "email", text
    if looks_like_phone(text):
        return "phone", text
    if _MASTODON_ADDRESS.fullmatch(text):
        return "mastodon", text
    scheme, colon, rest = text.partition(":")
    if colon and _WORD.match(scheme.strip()):
        return scheme.strip(), rest.strip()
    if "/" in text and " " not in text:
        found = platform_for_url(text)
        if found:
            return found, text
    if not colon and _WORD.match(text):
        return text, ""
    return "", text
