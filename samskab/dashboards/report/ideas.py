"""The ideas received in the period, and the answers given in it."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from samskab.ideas.models import Idea, StatusChange

from .period import Period


@dataclass
class IdeaKindRow:
    kind: str
    label: str
    received: int = 0
    waiting: int = 0  # still received, not yet under assessment
    assessing: int = 0
    answered: int = 0


@dataclass
class AnswerRow:
    answer: str
    label: str
    by_kind: list[int]

    @property
    def total(self) -> int:
        return sum(self.by_kind)


@dataclass
class IdeasSection:
    kinds: list[IdeaKindRow]
    answers: list[AnswerRow]

    @property
    def received(self) -> int:
        return sum(row.received for row in self.kinds)

    @property
    def answered_of_received(self) -> int:
        return sum(row.answered for row in self.kinds)

    @property
    def answers_given(self) -> int:
        return sum(row.total for row in self.answers)

    @property
    def answers_by_kind(self) -> list[int]:
        return [sum(row.by_kind[i] for row in self.answers) for i in range(len(self.kinds))]

    @property
    def totals(self) -> IdeaKindRow:
        total = IdeaKindRow("", str(_("Total")))
        for row in self.kinds:
            total.received += row.received
            total.waiting += row.waiting
            total.assessing += row.assessing
            total.answered += row.answered
        return total


def ideas_section(period: Period) -> IdeasSection:
    """Ideas received in the period by kind and status now; answers given in it (2 queries)."""
    kinds = {kind: IdeaKindRow(kind, label) for kind, label in Idea.Kind.choices}
    received = (
        Idea.objects.filter(confirmed_at__gte=period.since, confirmed_at__lt=period.until)
        .exclude(moderation=Idea.Moderation.HIDDEN)
        .values_list("kind", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    field_of = {
        Idea.Status.RECEIVED: "waiting",
        Idea.Status.UNDER_ASSESSMENT: "assessing",
        Idea.Status.ANSWERED: "answered",
    }
    for kind, status, n in received:
        row = kinds[kind]
        row.received += n
        setattr(row, field_of[status], getattr(row, field_of[status]) + n)

    column = {kind: index for index, kind in enumerate(kinds)}
    answers = {
        answer: AnswerRow(answer, label, [0] * len(kinds)) for answer, label in Idea.Answer.choices
    }
    given = (
        StatusChange.objects.filter(
            status=Idea.Status.ANSWERED, created_at__gte=period.since, created_at__lt=period.until
        )
        .exclude(idea__moderation=Idea.Moderation.HIDDEN)
        .values_list("idea__kind", "answer")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for kind, answer, n in given:
        if answer in answers:
            answers[answer].by_kind[column[kind]] += n
    return IdeasSection(kinds=list(kinds.values()), answers=list(answers.values()))
