"""The helpful acts screen: a ledger of what you did for whom, a week at a time or all at once, sorted by
date, impact or minutes, with the act under the cursor shown in full below it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Header, Input, Select, Static

from ..domain.act_order import ORDER_LABELS, act_sort_key, next_order
from ..domain.dates import Week, week_of
from ..domain.models import ACT_KINDS, IMPACTS, HelpfulAct, ValidationError, act_kind_label
from ..domain.wording import BRINGS_BACK_ONE
from ..storage.store import ActTotals
from ..widgets.act_detail import ActDetail, entry_summary
from ..widgets.fitting_footer import FittingFooter
from ..widgets.ledger import Ledger, LedgerRow
from .base import JournalScreen

#: Above this many acts, the filter waits for a pause in typing before scanning, and a sort runs in steps.
QUIET_SCAN = 5_000
#: Acts read between two pauses of a sort in steps (a few tens of milliseconds).
SORT_STEP = 2_000
#: Seconds: cursor moves closer together than this redraw the act's detail once they stop.
DETAIL_PAUSE = 0.06


def parse_filter(text: str) -> tuple[list[str], list[str]]:
    """(person words after ``@``, plain words) from the filter box."""
    people: list[str] = []
    words: list[str] = []
    for token in text.split():
        if token.startswith("@"):
            if token[1:]:
                people.append(token[1:].casefold())
        else:
            words.append(token)
    return people, words


class ActsScreen(JournalScreen):
    """What you did for whom, and how much it mattered."""

    HELP_TITLE = "Helpful acts"

    BINDINGS = [
        Binding("n", "new_act", "New", show=False, tooltip="Log a helpful act (h does too, on any screen)"),
        Binding("e", "edit_act", "Edit", tooltip="Edit the act under the cursor (enter does too)"),
        Binding("d", "delete_act", "Delete", tooltip="Delete the act under the cursor (asks first)"),
        Binding("s", "cycle_order", "Sort", tooltip="Sort by date, then impact, then minutes"),
        Binding("p", "person", "Person", tooltip="Show the person in the contacts journal"),
        Binding("left_square_bracket", "week(-1)", "Earlier", key_display="[", tooltip="The week before"),
        Binding("right_square_bracket", "week(1)", "Later", key_display="]", tooltip="The week after"),
        Binding("t", "this_week", "This week", show=False),
        Binding("w", "all_weeks", "All weeks"),
        Binding("slash", "focus_filter", "Filter", key_display="/"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.week: Week | None = None
        self.all_weeks = False
        self._base_ids: list[str] = []
        self._names: dict[str, str] = {}
        self.totals = ActTotals(0, 0, 0, {})
        self._pending: Timer | None = None
        self.order = "date"  # see smn_tui.domain.act_order
        self._sorts = 0  # sorts started, so a sort in steps knows when a newer one ran
        self._detail_timer: Timer | None = None
        self._detail_at = 0.0  # when the detail was last drawn (time.monotonic)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="acts-bar"):
            yield Static("", id="acts-week")
            yield Input(placeholder="/ filter: words in the note, @name", id="acts-filter", compact=True)
            yield Select([(act_kind_label(k), k) for k in ACT_KINDS], prompt="any kind", id="acts-kind",
                         compact=True)
        yield Ledger(id="ledger")
        yield ActDetail(id="act-detail")
        yield Static("", id="acts-totals")
        yield FittingFooter()

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.query_one("#acts-filter", Input).cursor_blink = False
        self.query_one(Ledger).focus()

    # ------------------------------------------------------------------ data

    @property
    def ledger(self) -> Ledger:
        return self.query_one(Ledger)

    def reload(self, keep: str | None = None) -> None:
        if self.week is None:
            self.week = self.smn.this_week()
        self._names = self.store.contact_names()
        if self.all_weeks:
            self._base_ids = self.store.all_act_ids_newest_first()
        else:
            self._base_ids = [a.id for a in self.store.acts_in(self.week)]
        self.refilter(keep)

    def refilter(self, keep: str | None = None) -> None:
        """Apply the filter and kind to the acts of the week (or all weeks) and redraw."""
        text = self.query_one("#acts-filter", Input).value
        kind = self.query_one("#acts-kind", Select).value
        person_words, words = parse_filter(text)
        people = self._people_matching(person_words) if person_words else None
        if self.all_weeks and people is None and kind is Select.NULL and not any(words):
            # Every act, unfiltered: the store keeps these totals, no scan of years of acts.
            shown, self.totals = self._base_ids, self.store.all_act_totals()
        else:
            shown, self.totals = self.store.scan_acts(
                self._base_ids, people=people, kind=None if kind is Select.NULL else str(kind), words=words)
        empty = self._empty_text(bool(text.strip()) or kind is not Select.NULL)
        self._sorts += 1
        if self.order != "date" and len(shown) > QUIET_SCAN:
            # Years of acts: shown by date now, in the order asked once read (keys run meanwhile).
            self.run_worker(self._sort_in_steps(shown, self.order, empty, self._sorts), group="sort",
                            exclusive=True)
            self._show_rows(shown, "date", empty, keep)
        else:
            self._show_rows(self._sorted(shown, self.order), self.order, empty, keep)
        self._draw_labels()

    def _show_rows(self, ids: Sequence[str], order: str, empty: str, keep: str | None) -> None:
        self.ledger.order = order
        self.ledger.show(ids, self._rows, empty_text=empty, keep=keep)
        self._show_detail()

    def _sorted(self, ids: list[str], order: str) -> list[str]:
        """``ids`` (newest first) in ``order``: stably, so the newest stay first among ties."""
        if order == "date":
            return ids
        keys = {a.id: act_sort_key(a, order) for a in self.store.acts_by_ids(ids)}
        return sorted((i for i in ids if i in keys), key=keys.__getitem__)

    async def _sort_in_steps(self, ids: list[str], order: str, empty: str, token: int) -> None:
        keys: dict[str, tuple[int, ...]] = {}
        for start in range(0, len(ids), SORT_STEP):
            keys.update((a.id, act_sort_key(a, order)) for a in self.store.acts_by_ids(ids[start:start + SORT_STEP]))
            await asyncio.sleep(0.002)
            if token != self._sorts:
                return  # a newer filter or sort took over
        self._show_rows(sorted((i for i in ids if i in keys), key=keys.__getitem__), order, empty, None)

    def _people_matching(self, tokens: list[str]) -> set[str]:
        out = set()
        for cid, name in self._names.items():
            folded = name.casefold()
            parts = folded.split()
            if all(folded.startswith(t) or any(p.startswith(t) for p in parts) for t in tokens):
                out.add(cid)
        return out

    def _rows(self, ids: Sequence[str]) -> list[LedgerRow]:
        names = self._names
        return [
            LedgerRow(a.id, a.on.isoformat(), ", ".join(names.get(c, "(removed)") for c in a.contact_ids),
                      act_kind_label(a.kind), a.impact, a.asked, a.minutes, a.platform, a.note)
            for a in self.store.acts_by_ids(ids)
        ]

    def _empty_text(self, filtered: bool) -> str:
        if filtered and self._base_ids:
            return "Nothing matches the filter. Press / then esc to clear it."
        if self.store.count("acts") == 0:
            return "No helpful acts yet. Press n (or h on any screen) to log what you did for someone."
        if self.all_weeks:
            return "No helpful acts. Press n to log one."
        return "No helpful acts in this week. Press n to log one, [ or ] to change week, w for all weeks."

    def _draw_labels(self) -> None:
        assert self.week is not None
        label = "All weeks" if self.all_weeks else self.week.label
        if not self.all_weeks and self.week == self.smn.this_week():
            label += " (this week)"
        self.query_one("#acts-week", Static).update(Text(label, style="bold"))
        t = self.totals
        text = Text()
        text.append(f"{t.acts:,} act{'s' if t.acts != 1 else ''}", "bold")
        text.append(f" · {t.people:,} {'person' if t.people == 1 else 'people'} helped · {t.minutes:,} min · ")
        text.append("  ".join(f"{impact} {t.by_impact.get(impact, 0):,}" for impact in IMPACTS))
        self.query_one("#acts-totals", Static).update(text)

    def _show_detail(self) -> None:
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        self._detail_at = time.monotonic()
        act = self.selected_act()
        self.query_one(ActDetail).show(act, self._people(act) if act is not None else "")

    def _people(self, act: HelpfulAct) -> str:
        return ", ".join(self._names.get(c, "(removed)") for c in act.contact_ids)

    @on(Ledger.Highlighted)
    def _highlighted(self) -> None:
        """Show the act the cursor reached: at once for one move, once the keys pause for a run of them
        (a key held down moves the cursor at full speed, the detail follows when it stops)."""
        if self._detail_timer is None and time.monotonic() - self._detail_at > DETAIL_PAUSE:
            self._show_detail()
            return
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(DETAIL_PAUSE, self._show_detail)

    def selected_act(self) -> HelpfulAct | None:
        act_id = self.ledger.selected_id
        if act_id is None:
            return None
        try:
            return self.store.get_act(act_id)
        except ValidationError:  # removed by another process since the last refresh
            return None

    def _show_saved(self, act: HelpfulAct | None) -> None:
        """After a save: bring the saved act into view and onto the cursor."""
        if act is None:
            return
        if not self.all_weeks and self.week is not None and act.on not in self.week:
            self.week = week_of(act.on, self.smn.settings.week_start)
        self.reload(keep=act.id)

    # ------------------------------------------------------------------ actions

    def action_new_act(self) -> None:
        self.smn.open_act_form([], callback=self._show_saved)

    def action_edit_act(self) -> None:
        act = self.selected_act()
        if act is None:
            self.notify("Choose an act first (or press n to log one).", severity="warning")
            return
        self.smn.open_act_form(act.contact_ids, act=act, callback=self._show_saved)

    @on(Ledger.Selected)
    def _chosen(self) -> None:
        self.action_edit_act()

    def action_delete_act(self) -> None:
        act = self.selected_act()
        if act is None:
            return
        self.smn.confirm("Delete this helpful act?", entry_summary(act, self._people(act)), "Delete",
                         lambda: self.smn.save(lambda: self.store.delete_act(act.id), done="Helpful act deleted."),
                         note=BRINGS_BACK_ONE)

    def action_cycle_order(self) -> None:
        """Sort by the next order: date, impact, minutes, then the date again."""
        self.order = next_order(self.order)
        self.refilter(keep=self.ledger.selected_id)
        self.notify(f"Acts sorted {ORDER_LABELS[self.order]}.", timeout=2)

    def action_person(self) -> None:
        act = self.selected_act()
        if act is None:
            return
        people = [(c, self._names[c]) for c in act.contact_ids if c in self._names]
        if not people:
            self.notify("The people of this act are no longer in the journal.", severity="warning")
        elif len(people) == 1:
            self.smn.show_contact(people[0][0])
        else:
            self.smn.choose_person(people, "Show which person?", self.smn.show_contact)

    def action_week(self, step: int) -> None:
        assert self.week is not None
        if self.all_weeks:
            self.all_weeks = False
        else:
            self.week = self.week.shift(step)
        self.reload()

    def action_this_week(self) -> None:
        self.week = self.smn.this_week()
        self.all_weeks = False
        self.reload()

    def action_all_weeks(self) -> None:
        self.all_weeks = not self.all_weeks
        self.reload()

    def action_focus_filter(self) -> None:
        self.query_one("#acts-filter", Input).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#acts-filter", Input)
        if box.value:
            box.value = ""
        self.ledger.focus()

    @on(Input.Changed, "#acts-filter")
    def _filter_changed(self) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        if len(self._base_ids) > QUIET_SCAN:
            # Typing fast over years of acts: scan once the keys pause.
            self._pending = self.set_timer(0.15, self.refilter)
        else:
            self.refilter()

    @on(Input.Submitted, "#acts-filter")
    def _filter_done(self) -> None:
        self.ledger.focus()

    @on(Select.Changed, "#acts-kind")
    def _kind_changed(self) -> None:
        self.refilter()
