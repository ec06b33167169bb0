"""``smn settings``: show the settings, or choose how numeric dates are read.

The settings are the app's (settings.json in the user config folder); the
theme and the week start are chosen in the app's command palette.
"""

from __future__ import annotations

from ..domain.dates import DATE_ORDERS
from . import Context, DbOption, Subcommands, UserError

_NONE = ("none", "ask", "off")


def register(sub: Subcommands, db_option: DbOption) -> None:
    settings = sub.add_parser("settings", help="show the settings, or set how numeric dates like 3/4 are read")
    settings.add_argument("setting", nargs="?", choices=("date-order",), metavar="date-order",
                          help="the setting to change")
    settings.add_argument("value", nargs="?", metavar="|".join((*DATE_ORDERS, "none")),
                          help="day-first: 3/4 is 3 April; month-first: 3/4 is March 4; none: refuse 3/4")
    db_option(settings)  # taken like every command's, though the settings are not in the journal
    settings.set_defaults(handler=settings_command)


def _describe(order: str) -> str:
    if order == "day-first":
        return "day-first (3/4 is 3 April)"
    if order == "month-first":
        return "month-first (3/4 is March 4)"
    return "not set (a date like 3/4 is refused; write 4 Mar or 2026-03-04)"


def settings_command(ctx: Context) -> int:
    from ..settings import save_settings, settings_path

    settings = ctx.settings()
    a = ctx.args
    if a.setting is None:
        ctx.print(f"Settings in {settings_path()}:")
        ctx.print(f"  date-order  {_describe(settings.date_order)}")
        ctx.print(f"  week-start  {settings.week_start}")
        ctx.print(f"  theme       {settings.theme}")
        return 0
    if a.value is None:
        ctx.print(f"date-order  {_describe(settings.date_order)}")
        return 0
    value = a.value.strip().lower()
    if value in _NONE:
        value = ""
    elif value not in DATE_ORDERS:
        raise UserError("date-order is day-first, month-first or none.")
    settings.date_order = value
    save_settings(settings)
    ctx.print(f"Numeric dates: {_describe(value)}.")
    return 0
