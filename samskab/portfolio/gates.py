"""What a task must meet to pass a gate (DESIGN rule 6), registered by the apps that know.

Each app registers its requirements in its AppConfig.ready(); this module
provides the mechanism and the requirements of the portfolio itself
(ownership, and the phase's exit checklist). A gate decision that meets a
requirement only partly says which and why; the forum may go despite a
requirement only where the requirement allows it.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ExitCheck, ExitCriterion, InnovationTask
from .ownership import ownership_problems


@dataclass(frozen=True)
class Requirement:
    key: str
    label: Promise  # what is required, as a statement: "A signed benefit agreement"
    # Returns None when the task meets the requirement, else what is missing (in the user's
    # language), without repeating the requirement: "Not ticked: …", not "… is not done: …".
    check: Callable[[InnovationTask], str | None]
    leaving: frozenset[int] | None = None  # the phases it guards the exit of; None: every phase
    entering: frozenset[int] | None = None  # or the phases it guards the entry to
    overridable: bool = False
    # The requirement as the question the task page answers: "Has … signed …?"
    question: Promise | str = ""

    def applies(self, *, from_phase: int, to_phase: int) -> bool:
        if self.leaving is not None and from_phase not in self.leaving:
            return False
        return not (self.entering is not None and to_phase not in self.entering)


@dataclass(frozen=True)
class Unmet:
    requirement: Requirement
    reason: str

    @property
    def message(self) -> str:
        """A whole sentence for a refusal: the requirement, that it is unmet, and why."""
        return _("%(requirement)s – not met: %(reason)s") % {
            "requirement": self.requirement.label,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Answer:
    """A requirement of the next gate as a question, and its answer for one task."""

    requirement: Requirement
    reason: str | None  # None: met

    @property
    def met(self) -> bool:
        return self.reason is None


_REGISTRY: dict[str, Requirement] = {}


def register(requirement: Requirement) -> Requirement:
    _REGISTRY[requirement.key] = requirement
    return requirement


def requirements() -> list[Requirement]:
    return list(_REGISTRY.values())


def label(key: str) -> Promise | str:
    """A requirement's label by its key; the key itself for one no longer registered."""
    requirement = _REGISTRY.get(key)
    return requirement.label if requirement else key


@contextmanager
def set_aside(*, keep: frozenset[str]) -> Iterator[None]:
    """Only the requirements in ``keep`` apply for a while; the registry is restored after.

    For replaying history: the demo moves its tasks through gates before the apps
    that guard them have made their teams, trials and agreements.
    """
    saved = dict(_REGISTRY)
    for key in saved.keys() - keep:
        del _REGISTRY[key]
    try:
        yield
    finally:
        _REGISTRY.clear()
        _REGISTRY.update(saved)


def review(task: InnovationTask, *, to_phase: int | None = None) -> list[Answer]:
    """Every requirement of moving from the task's phase to ``to_phase``, answered."""
    to_phase = to_phase or task.phase + 1
    return [
        Answer(requirement, requirement.check(task) or None)
        for requirement in _REGISTRY.values()
        if requirement.applies(from_phase=task.phase, to_phase=to_phase)
    ]


def unmet(task: InnovationTask, *, to_phase: int | None = None) -> list[Unmet]:
    """The requirements the task does not meet for moving from its phase to ``to_phase``."""
    return [
        Unmet(answer.requirement, answer.reason)
        for answer in review(task, to_phase=to_phase)
        if not answer.met
    ]


# The portfolio's own requirements --------------------------------------------------


def _owner_from_owning_area(task: InnovationTask) -> str | None:
    return " ".join(ownership_problems(task).values()) or None


def _exit_checklist_done(task: InnovationTask) -> str | None:
    missing = ExitCriterion.objects.filter(phase=task.phase, active=True).exclude(
        pk__in=ExitCheck.objects.filter(task=task).values("criterion")
    )
    labels = [criterion.label for criterion in missing]
    if labels:
        return _("not ticked: %(items)s.") % {"items": "; ".join(labels)}
    return None


OWNERSHIP = register(
    Requirement(
        key="ownership",
        label=gettext_lazy("The task has an owner from the owning area"),
        question=gettext_lazy("Does the task have an owner from the owning area?"),
        check=_owner_from_owning_area,
    )
)
EXIT_CHECKLIST = register(
    Requirement(
        key="exit-checklist",
        label=gettext_lazy("The phase's exit checklist is done"),
        question=gettext_lazy("Is the phase's exit checklist done?"),
        check=_exit_checklist_done,
        overridable=True,
    )
)

# The portfolio's own requirements, which need nothing from any other app.
OWN = frozenset({OWNERSHIP.key, EXIT_CHECKLIST.key})
