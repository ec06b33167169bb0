"""The audit screen's draft: the week's audit as the journal holds it, and whether the answers typed are newer.

Opening a week reads its audit and evidence. A change on screen makes the draft pending and (re)starts a
timer; when it fires, or sooner (a field left, the screen left, another week opened), the draft is written
through the app's save funnel, kept complete if the week already was. Completing writes the week complete,
keeping the time it first was. When the app closes, the draft is written without a word (nobody is left to
tell); a write that fails leaves the draft pending.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..domain import audit as A
from ..domain.models import ValidationError, WeeklyAudit, now_utc
from ..storage.errors import StorageError
from ..widgets.audit import AuditFields, AuditState

if TYPE_CHECKING:
    from textual.timer import Timer

    from ..domain.audit_questions import QuestionSet
    from ..domain.dates import Week
    from ..journal_app import JournalApp

#: Seconds of quiet typing before a draft is written.
DRAFT_DELAY = 0.6


class AuditDraft:
    """The week's audit as last read or saved (:attr:`audit`), and whether the answers on screen are newer."""

    def __init__(self, app: JournalApp) -> None:
        self.app = app
        self.audit: WeeklyAudit | None = None
        #: True while the answers on screen are not yet written.
        self.dirty = False
        self._timer: Timer | None = None

    def open(self, week: Week, questions: QuestionSet, fields: AuditFields) -> AuditState:
        """Read ``week``'s audit and evidence from the store."""
        store = self.app.store
        self.audit = audit = store.audit_for(week.key)
        state = AuditState(questions, A.build_evidence(store, week, self.app.today()),
                           answers=copy.deepcopy(audit.answers) if audit else {},
                           intention=audit.intention if audit else "",
                           last_intention=A.last_intention(store, week), fields=fields)
        state.find_platforms()
        state.errors = A.validate(questions, state.answers, state.intention, platforms=state.platforms,
                                  complete=False)
        self.dirty = False
        return state

    def newer(self, week: Week) -> WeeklyAudit | None:
        """``week``'s audit when the journal holds another than :attr:`audit` (a write from elsewhere),
        taken as the one saved; None when it holds the same."""
        stored = self.app.store.audit_for(week.key)
        if stored is not None and (self.audit is None or stored.updated != self.audit.updated):
            self.audit = stored
            return stored
        return None

    def touch(self, timer: Timer) -> None:
        """The answers changed: they are written when ``timer`` fires, unless sooner."""
        self.dirty = True
        self._stop()
        self._timer = timer

    def write(self, week: Week, state: AuditState, *, notify: bool = True) -> WeeklyAudit | None:
        """Write the pending draft now; the audit saved, or None (nothing pending, or the write failed)."""
        self._stop()
        if not self.dirty:
            return None
        audit = A.draft_audit(week, state.answers, state.intention, self.audit)
        saved: WeeklyAudit | None
        if notify:
            saved = self.app.save(lambda: self.app.store.save_audit(audit))
        else:
            try:
                saved = self.app.store.save_audit(audit)
            except (StorageError, ValidationError):
                saved = None
        return self._kept(saved)

    def complete(self, week: Week, state: AuditState) -> WeeklyAudit | None:
        """Write the week complete (at the time it first was); the audit saved, or None."""
        stamp = self.audit.completed if self.audit is not None and self.audit.completed else now_utc()
        audit = A.draft_audit(week, state.answers, state.intention, self.audit, complete_at=stamp)
        done = f"Audit for {week.key} is complete."
        return self._kept(self.app.save(lambda: self.app.store.save_audit(audit), done=done))

    def _kept(self, saved: WeeklyAudit | None) -> WeeklyAudit | None:
        if saved is not None:
            self.audit = saved
            self.dirty = False
        return saved

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
