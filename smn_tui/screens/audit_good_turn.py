"""The audit's written good turn as a helpful act.

Ctrl+L logs the good turn through the act form, its words as the act's note; the answers then keep which
act it became (:func:`smn_tui.domain.audit.mark_good_turn_logged`), so the same words are not offered for
logging again. Rewording the good turn, or deleting that act, makes it loggable again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..domain import audit as A
from ..domain.models import HelpfulAct, ValidationError

if TYPE_CHECKING:
    from ..domain.audit_questions import QuestionSet
    from ..journal_app import JournalApp


class GoodTurn:
    """The written good turn: the act it was logged as, and whether it can be logged now."""

    def __init__(self, app: JournalApp, questions: QuestionSet, notify: Callable[..., object]) -> None:
        self.app = app
        self.questions = questions
        self._notify = notify

    def logged_act(self, answers: dict[str, Any]) -> HelpfulAct | None:
        """The act the written good turn was logged as (None once the words change or the act is gone)."""
        act_id = A.good_turn_logged_as(self.questions, answers)
        if act_id is None:
            return None
        try:
            return self.app.store.get_act(act_id)
        except ValidationError:  # deleted (or its logging undone) since: the good turn can be logged again
            return None

    def text_to_log(self, answers: dict[str, Any]) -> str | None:
        """The good turn's words to log as an act; None, said, when none are written or they are logged."""
        text = A.good_turn_text(self.questions, answers)
        if not text:
            self._notify("Write the good turn first; then ctrl+l logs it as an act.", severity="warning")
            return None
        logged = self.logged_act(answers)
        if logged is not None:
            self._notify(f"This good turn is logged already, as the act of {logged.on:%a %d %b}. "
                         "Write another to log it.", severity="information")
            return None
        return text
