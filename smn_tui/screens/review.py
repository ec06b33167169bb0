"""The review screen: who you helped this week, act by act, whom you met, by name, who you are losing touch
with, your network across tools and the coming birthdays.

Every panel takes the focus (Tab, shift+Tab) and the screen scrolls to it, so all of them are in reach at
80x24. Enter on a person opens their contact; on an entry, its form; ``d`` deletes the entry (asking first).
What each list shows is in :mod:`smn_tui.widgets.review_options`.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from ..domain.dates import Week
from ..domain.models import HelpfulAct, Interaction
from ..domain.review import TREND_WEEKS, WeekReview, build_review
from ..domain.wording import BRINGS_BACK_ONE
from ..exchange.report import (
    TREND_ROWS,
    audit_state,
    default_export_folder,
    journal_evidence,
    number,
    platform_counts,
    plural,
    render_review,
    review_file_name,
    sparkline,
    streak_line,
    trend_summary,
    write_new_file,
)
from ..widgets.act_detail import entry_summary
from ..widgets.fitting_footer import FittingFooter
from ..widgets.review_options import (
    OptionRef,
    birthday_options,
    graph_options,
    helped_options,
    losing_options,
    met_options,
    parse_option,
)
from .base import JournalScreen

#: The review's lists: (widget id, border title).
LISTS = (
    ("helped", "Who you helped"),
    ("losing", "Losing touch"),
    ("met", "Whom you met"),
    ("graph", "Your network across tools"),
    ("birthdays", "Birthdays, next two weeks"),
)


def _weeks_away(week: Week, this_week: Week) -> str:
    n = (this_week.start - week.start).days // 7
    if n == 0:
        return "this week"
    if n == 1:
        return "last week"
    if n > 0:
        return f"{n} weeks ago"
    return "next week" if n == -1 else f"in {-n} weeks"


class ReviewScreen(JournalScreen):
    """Who you helped this week, whom you met, and who you are losing touch with."""

    HELP_TITLE = "Review"
    #: Below 100 columns the network and the birthdays are stacked, each the full width.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("left_square_bracket", "previous_week", "Earlier", key_display="[",
                tooltip="Review the week before"),
        Binding("right_square_bracket", "next_week", "Later", key_display="]",
                tooltip="Review the week after"),
        Binding("t", "this_week", "This week", show=False, tooltip="Back to the current week"),
        Binding("enter", "open_selected", "Open", show=False,
                tooltip="Open the selected person, or edit the selected act or interaction"),
        Binding("i", "log_interaction", "Log", tooltip="Journal an interaction with the selected person"),
        Binding("d", "delete_entry", "Delete", tooltip="Delete the selected act or interaction (asks first)"),
        Binding("u", "open_audit", "Audit", tooltip="Open this week's self-audit"),
        Binding("x", "export", "Export", tooltip="Write this review to a Markdown file"),
    ]

    review: WeekReview | None = None

    def __init__(self) -> None:
        super().__init__()
        self.week: Week | None = None
        self._acts: dict[str, HelpfulAct] = {}
        self._interactions: dict[str, Interaction] = {}

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="review-body"):
            yield Static(id="review-title", markup=False)
            with Horizontal(id="review-lists"):
                yield OptionList(id="helped", markup=False)
                yield OptionList(id="losing", markup=False)
            with Horizontal(id="review-people"):
                yield OptionList(id="met", markup=False)
                yield Static(id="platforms", classes="panel", markup=False)
            with Horizontal(id="review-network"):
                yield OptionList(id="graph", markup=False)
                yield OptionList(id="birthdays", markup=False)
            yield Static(id="audit-vs-journal", classes="panel", markup=False)
            with Grid(id="trends", classes="panel"):
                for cell in ("", f"{TREND_WEEKS} weeks", "now", "avg"):
                    yield Static(cell, classes="trend-head", markup=False)
                for attr, label in TREND_ROWS:
                    yield Static(label, classes="trend-label", markup=False)
                    yield Static(id=f"spark-{attr}", classes="spark", markup=False)
                    yield Static(id=f"now-{attr}", classes="trend-num", markup=False)
                    yield Static(id=f"avg-{attr}", classes="trend-num", markup=False)
        yield FittingFooter()

    def on_mount(self) -> None:
        for list_id, title in LISTS:
            self.query_one(f"#{list_id}", OptionList).border_title = title
        self.query_one("#platforms").border_title = "By platform"
        self.query_one("#audit-vs-journal").border_title = "Audit vs journal"
        self.query_one("#trends").border_title = f"Trends · last {TREND_WEEKS} weeks"
        for panel in self.query(".panel"):
            panel.can_focus = True  # Tab reaches it, and the screen scrolls it into view
        self.query_one("#helped").focus()

    # ------------------------------------------------------------------ data

    def show_week(self, week: Week) -> None:
        """Review ``week``."""
        self.week = week
        self.reload()

    def reload(self) -> None:
        if self.week is None:
            self.week = self.smn.this_week()
        self.review = build_review(self.store, self.week, self.smn.today())
        self._show(self.review)

    def _show(self, review: WeekReview) -> None:
        this_week = self.smn.this_week()
        if review.acts or review.interactions:
            summary = (f"{journal_evidence(review)} · {plural(len(review.new_connections), 'new connection')}"
                       f" · {plural(review.real_interactions, 'real interaction')}")
        else:
            summary = "Nothing journaled this week." if review.week != this_week else \
                "Nothing journaled this week yet."
        title = Content.assemble(
            (f"Week {review.week.label}", "bold"), f"  ({_weeks_away(review.week, this_week)})\n", summary)
        self.query_one("#review-title", Static).update(title)
        self._acts = {a.id: a for a in review.acts}
        self._interactions = {i.id: i for i in review.interactions}
        self._fill("helped", helped_options(review), "enter opens · d deletes" if review.acts else "")
        self._fill("losing", losing_options(review), f"as of {review.today:%d %b} · i logs")
        self._fill("met", met_options(review), "enter opens · d deletes" if review.interactions else "")
        self._fill("graph", graph_options(review.graph), "", from_top=True)
        self._fill("birthdays", birthday_options(review.birthdays, review.today), "")
        self._fill_platforms(review)
        self._fill_audit(review)
        self._fill_trends(review)

    def _fill(self, list_id: str, options: list[Option], subtitle: str, *, from_top: bool = False) -> None:
        """Replace a list's options, keeping the highlighted one where it still exists.

        ``from_top``: with nothing highlighted yet, highlight nothing, so the list shows its first lines
        (the figures above the people of the network) until the cursor moves into it.
        """
        option_list = self.query_one(f"#{list_id}", OptionList)
        option_list.border_subtitle = subtitle
        previous = option_list.highlighted_option
        keep = previous.id if previous is not None else None
        option_list.set_options(options)
        if keep is not None:
            try:
                option_list.highlighted = option_list.get_option_index(keep)
                return
            except OptionDoesNotExist:  # gone since: start from the top
                pass
        first = next((n for n, o in enumerate(options) if not o.disabled), None)
        option_list.highlighted = None if from_top else first

    def _fill_platforms(self, review: WeekReview) -> None:
        rows = [f"{'':<10}{'new':>4}{'real':>5}{'passive':>8}"]
        for p in review.platforms:
            new, real, passive = platform_counts(review, p)
            rows.append(f"{p[:10]:<10}{new:>4}{real:>5}{passive:>8}")
        if not review.platforms:
            rows.append("Nothing this week.")
        else:
            rows.append(f"{'total':<10}{len(review.new_connections):>4}{review.real_interactions:>5}"
                        f"{review.passive_interactions:>8}")
        self.query_one("#platforms", Static).update(Content("\n".join(rows)))

    def _fill_audit(self, review: WeekReview) -> None:
        state = audit_state(review)
        parts: list[str | tuple[str, str]] = [("Audit: ", "bold"), state]
        if review.audit is None or not review.audit.is_complete:
            parts.append((" · u opens it", "dim"))
        parts += [
            "\n", ("Hours     ", "bold"), number(review.audit_hours), (" on social platforms", "dim"),
            "\n", ("Support   ", "bold"), number(review.audit_support), (" would come if asked", "dim"),
            "\n", ("Journal   ", "bold"),
            f"{plural(len(review.acts), 'act')}, {plural(review.people_helped, 'person', 'people')}, "
            f"{review.minutes_given} min",
        ]
        if review.audit is not None and review.audit.intention:
            parts += ["\n", ("Intention ", "bold"), review.audit.intention]
        self.query_one("#audit-vs-journal", Static).update(Content.assemble(*parts))

    def _fill_trends(self, review: WeekReview) -> None:
        for attr, _ in TREND_ROWS:
            now, avg = trend_summary(review, attr)
            self.query_one(f"#spark-{attr}", Static).update(Content(sparkline(review.series(attr))))
            self.query_one(f"#now-{attr}", Static).update(Content(now))
            self.query_one(f"#avg-{attr}", Static).update(Content(avg))
        self.query_one("#trends").border_subtitle = streak_line(review)

    # ------------------------------------------------------------------ selection

    def _selected(self) -> OptionRef | None:
        """What the highlighted line of the focused list (else of the first list with one) stands for."""
        focused = self.focused
        lists = [focused] if isinstance(focused, OptionList) else list(self.query(OptionList))
        for lst in lists:
            option = lst.highlighted_option
            if option is not None and option.id and not option.disabled:
                return parse_option(option.id)
        return None

    def _open(self, ref: OptionRef) -> None:
        if ref.kind == "a" and ref.entry_id in self._acts:
            act = self._acts[ref.entry_id]
            self.smn.open_act_form(act.contact_ids, act=act)
        elif ref.kind == "i" and ref.entry_id in self._interactions:
            interaction = self._interactions[ref.entry_id]
            self.smn.open_interaction_form(interaction.contact_ids, interaction=interaction)
        elif not ref.is_entry:
            self.smn.show_contact(ref.contact_id)

    @on(OptionList.OptionSelected)
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self._open(parse_option(event.option.id))

    def action_open_selected(self) -> None:
        selected = self._selected()
        if selected is not None:
            self._open(selected)

    def selected_contact_ids(self) -> list[str]:
        """The highlighted person (or the person of the highlighted entry); forms start with them."""
        selected = self._selected()
        return [selected.contact_id] if selected is not None else []

    def action_log_interaction(self) -> None:
        people = self.selected_contact_ids()
        if not people:
            self.notify("Select a person first.", severity="warning")
            return
        self.smn.open_interaction_form(people)

    def action_delete_entry(self) -> None:
        """Delete the act or interaction under the cursor, once the user says yes to what it shows."""
        ref = self._selected() if isinstance(self.focused, OptionList) else None
        review = self.review
        entry: HelpfulAct | Interaction | None = None
        if ref is not None and ref.entry_id is not None:
            entry = self._acts.get(ref.entry_id) if ref.kind == "a" else self._interactions.get(ref.entry_id)
        if entry is None or review is None:
            self.notify("Move to an act or an interaction first; d deletes it.", severity="warning")
            return
        delete, what = ((self.store.delete_act, "helpful act") if isinstance(entry, HelpfulAct)
                        else (self.store.delete_interaction, "interaction"))
        entry_id = entry.id
        self.smn.confirm(f"Delete this {what}?", entry_summary(entry, review.who(entry.contact_ids)), "Delete",
                         lambda: self.smn.save(lambda: delete(entry_id), done=f"{what.capitalize()} deleted."),
                         note=BRINGS_BACK_ONE)

    # ------------------------------------------------------------------ weeks

    def action_previous_week(self) -> None:
        self.show_week(self._week().previous())

    def action_next_week(self) -> None:
        week = self._week()
        if week.next().start > self.smn.today():
            self.notify("This is the latest week; there is nothing after it to review yet.")
            return
        self.show_week(week.next())

    def action_this_week(self) -> None:
        self.show_week(self.smn.this_week())

    def _week(self) -> Week:
        return self.week or self.smn.this_week()

    def action_open_audit(self) -> None:
        self.smn.open_audit(self._week())

    # ------------------------------------------------------------------ export

    def action_export(self) -> None:
        if self.review is None:
            return
        text = render_review(self.review, "md")
        try:
            path = write_new_file(self.export_folder(), review_file_name(self.review.week.key), text)
        except OSError as exc:
            self.notify(f"Could not write the review: {exc}", title="Not exported", severity="error",
                        markup=False)
            return
        self.notify(f"Saved the review to {path}", title="Exported", markup=False)

    def export_folder(self) -> Path:
        """Where exports go (the user's documents folder, else home)."""
        return default_export_folder()
