"""User settings (theme, week start, date order, phone region, identity) in a small JSON file in the
user config folder."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson

from .domain.dates import DATE_ORDERS, MONDAY, SUNDAY
from .domain.platforms import is_phone_region

DEFAULT_THEME = "textual-dark"


@dataclass
class Settings:
    theme: str = DEFAULT_THEME
    week_start: str = MONDAY
    #: How a numeric date such as 3/4 is read: "day-first", "month-first", or "" (it is refused).
    date_order: str = ""
    #: The age identity file that opens an encrypted journal ("": none; SMN_IDENTITY wins).
    identity: str = ""
    #: Where phone numbers written without a country code are from (``ES``, ``GB``); "" for nowhere,
    #: in which case such numbers are kept as written and identify nobody in an import.
    phone_region: str = ""

    def __post_init__(self) -> None:
        if self.week_start not in (MONDAY, SUNDAY):
            self.week_start = MONDAY
        if self.date_order not in DATE_ORDERS:
            self.date_order = ""
        if not isinstance(self.theme, str) or not self.theme:
            self.theme = DEFAULT_THEME
        if not isinstance(self.identity, str):
            self.identity = ""
        if not isinstance(self.phone_region, str) or (self.phone_region and not is_phone_region(self.phone_region)):
            self.phone_region = ""
        self.phone_region = self.phone_region.upper()


def settings_path() -> Path:
    env = os.environ.get("SMN_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("smn", appauthor=False) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; defaults when the file is missing or unreadable."""
    path = path or settings_path()
    try:
        raw = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known = {k: v for k, v in raw.items() if k in Settings.__dataclass_fields__}
    return Settings(**known)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write settings atomically (a failed write keeps the old file)."""
    from .storage.journal_file import DIR_MODE, atomic_write_bytes

    path = path or settings_path()
    path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    atomic_write_bytes(path, orjson.dumps(asdict(settings), option=orjson.OPT_INDENT_2))
