"""The reasons Samskab flags a task for closure by itself (rule 7), by code, in the reader's language.

The evidence app writes the code and its parameters (the trials' titles, as the
team wrote them) on the task; the task, the agenda and the meeting pack show the
reason in each reader's language. A flag the unit types in the task's form is
kept and shown as typed.
"""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

TRIALS_MISSED = "trials-missed"

REASONS = {
    TRIALS_MISSED: _(
        "Every concluded trial missed its success criterion (%(trials)s). Consider "
        "closing the task."
    ),
}


def trials_missed(titles: list[str]) -> tuple[str, dict]:
    """The code and parameters of the flag for concluded trials that all missed."""
    return TRIALS_MISSED, {"trials": list(titles)}


def reason(code: str, params: Mapping) -> str:
    """The reason in the active language; "" for a code this version no longer knows."""
    if code == TRIALS_MISSED:
        return str(REASONS[code]) % {"trials": ", ".join(params.get("trials", []))}
    return ""
