"""The review screen: who you helped this week, act by act, and who you are losing touch with."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from ..domain.dates import Week
from ..domain.models import HelpfulAct, act_kind_label
from ..domain.review import QUIET_WEEKS, TREND_WEEKS, WeekReview, build_review
from ..exchange.report import (
    TREND_ROWS,
    audit_state,
    default_export_folder,
    due_detail,
    due_state,
    journal_evidence,
    number,
    platform_counts,
    plural,
    quiet_state,
    render_review,
    review_file_name,
    sparkline,
    streak_line,
    trend_summary,
    write_new_file,
)
from .base import JournalScreen


def _act_option(act: HelpfulAct, with_others: str) -> Content:
    """``  Wed 25  note · feedback, made their month, 45 min, with ...``.

    The note comes first so a narrow list still shows it; the rest is cut off first.
    """
    minutes = f", {act.minutes} min" if act.minutes else ""
    others = f", with {with_others}" if with_others else ""
    return Content.assemble(
        (f"  {act.on:%a %d}  ", "dim"), act.note,
        (f" · {act_kind_label(act.kind)}, made their {act.impact}{minutes}{others}", "dim"),
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
    """Who you helped this week, and who you are losing touch with."""

    HELP_TITLE = "Review"
    BINDINGS = [
        Binding("left_square_bracket", "previous_week", "Prev week", key_display="[",
                tooltip="Review the week before"),
        Binding("right_square_bracket", "next_week", "Next week", key_display="]",
                tooltip="Review the week after"),
        Binding("t", "this_week", "This week", show=False, tooltip="Back to the current week"),
        Binding("enter", "open_selected", "Open person / edit act", show=False,
                tooltip="Open the selected person, or edit the selected act"),
        Binding("i", "log_interaction", "Log contact",
                tooltip="Journal an interaction with the selected person"),
        Binding("u", "open_audit", "Audit", tooltip="Open this week's self-audit"),
        Binding("x", "export", "Export", tooltip="Write this review to a Markdown file"),
    ]

    review: WeekReview | None = None

    def __init__(self) -> None:
        super().__init__()
        self.week: Week | None = None
        self._acts: dict[str, HelpfulAct] = {}

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="review-body"):
            yield Static(id="review-title", markup=False)
            with Horizontal(id="review-lists"):
                yield OptionList(id="helped", markup=False)
                yield OptionList(id="losing", markup=False)
            with Horizontal(id="review-facts"):
                yield Static(id="platforms", classes="panel", markup=False)
                yield Static(id="audit-vs-journal", classes="panel", markup=False)
            with Grid(id="trends", classes="panel"):
                for cell in ("", f"{TREND_WEEKS} weeks", "now", "avg"):
                    yield Static(cell, classes="trend-head", markup=False)
                for attr, label in TREND_ROWS:
                    yield Static(label, classes="trend-label", markup=False)
                    yield Static(id=f"spark-{attr}", classes="spark", markup=False)
                    yield Static(id=f"now-{attr}", classes="trend-num", markup=False)
                    yield Static(id=f"avg-{attr}", classes="trend-num", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#helped", OptionList).border_title = "Who you helped"
        self.query_one("#losing", OptionList).border_title = "Losing touch"
        self.query_one("#platforms").border_title = "New connections & interactions"
        self.query_one("#audit-vs-journal").border_title = "Audit vs journal"
        self.query_one("#trends").border_title = f"Trends · last {TREND_WEEKS} weeks"
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
        self._fill_helped(review)
        self._fill_losing(review)
        self._fill_platforms(review)
        self._fill_audit(review)
        self._fill_trends(review)

    @staticmethod
    def _refill(option_list: OptionList, options: list[Option]) -> None:
        """Replace the options, keeping the highlighted one where it still exists."""
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
        option_list.highlighted = first

    def _fill_helped(self, review: WeekReview) -> None:
        self._acts = {a.id: a for a in review.acts}
        options: list[Option] = []
        for person in review.helped:
            cid = person.contact.id
            options.append(Option(Content.assemble(
                (person.contact.name, "bold"), ("  " + plural(len(person.acts), "act"), "dim")),
                id=f"p:{cid}"))
            for act in person.acts:
                others = [i for i in act.contact_ids if i != cid]
                options.append(Option(_act_option(act, review.who(others) if others else ""),
                                      id=f"a:{cid}:{act.id}"))
        if not options:
            options.append(Option(Content("No helpful acts logged this week."), disabled=True))
        lst = self.query_one("#helped", OptionList)
        lst.border_subtitle = "enter opens" if review.acts else ""
        self._refill(lst, options)

    def _fill_losing(self, review: WeekReview) -> None:
        options: list[Option] = []
        if review.due:
            options.append(Option(Content.styled(f"Due or overdue ({review.due_total})", "bold"),
                                  disabled=True))
            for d in review.due:
                options.append(Option(Content.assemble(
                    d.contact.name, (f" · {due_state(d)}", "bold"),
                    ("\n  " + due_detail(d, review.today), "dim")), id=f"d:{d.contact.id}"))
            if review.due_total > len(review.due):
                options.append(Option(Content(f"  and {review.due_total - len(review.due)} more"),
                                      disabled=True))
        if review.quiet:
            options.append(Option(Content.styled(f"Strong ties gone quiet ({len(review.quiet)})", "bold"),
                                  disabled=True))
            for q in review.quiet:
                options.append(Option(Content.assemble(
                    q.contact.name, (f" · {quiet_state(q)}", "bold"),
                    (f"\n  {plural(q.before, 'real interaction')}, last {q.last:%d %b}", "dim")),
                    id=f"q:{q.contact.id}"))
        if not options:
            options.append(Option(Content(
                f"Nobody is slipping away.\n  No one is overdue, and no strong\n"
                f"  tie has gone quiet for {QUIET_WEEKS} weeks."), disabled=True))
        lst = self.query_one("#losing", OptionList)
        lst.border_subtitle = f"as of {review.today:%d %b} · i logs"
        self._refill(lst, options)

    def _fill_platforms(self, review: WeekReview) -> None:
        rows = [f"{'':<12}{'new':>5}{'real':>6}{'passive':>9}"]
        for p in review.platforms:
            new, real, passive = platform_counts(review, p)
            rows.append(f"{p[:12]:<12}{new:>5}{real:>6}{passive:>9}")
        if not review.platforms:
            rows.append("Nothing journaled this week.")
        else:
            rows.append(f"{'total':<12}{len(review.new_connections):>5}{review.real_interactions:>6}"
                        f"{review.passive_interactions:>9}")
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

    def _selected(self) -> tuple[str, str, str] | None:
        """(list id, kind, rest of the option id) of the highlighted option in the focused list."""
        focused = self.focused
        lists = [focused] if isinstance(focused, OptionList) else list(self.query(OptionList))
        for lst in lists:
            option = lst.highlighted_option
            if option is not None and option.id and not option.disabled:
                kind, _, rest = option.id.partition(":")
                return lst.id or "", kind, rest
        return None

    def _open(self, kind: str, rest: str) -> None:
        if kind == "a":
            _, _, act_id = rest.partition(":")
            act = self._acts.get(act_id)
            if act is not None:
                self.smn.open_act_form(act.contact_ids, act=act)
        else:
            self.smn.show_contact(rest)

    @on(OptionList.OptionSelected)
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            kind, _, rest = event.option.id.partition(":")
            self._open(kind, rest)

    def action_open_selected(self) -> None:
        selected = self._selected()
        if selected is not None:
            self._open(*selected[1:])

    def selected_contact_ids(self) -> list[str]:
        """The highlighted person (or the person of the highlighted act); forms start with them."""
        selected = self._selected()
        if selected is None:
            return []
        _, kind, rest = selected
        return [rest.partition(":")[0] if kind == "a" else rest]

    def action_log_interaction(self) -> None:
        people = self.selected_contact_ids()
        if not people:
            self.notify("Select a person first.", severity="warning")
            return
        self.smn.open_interaction_form(people)

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
