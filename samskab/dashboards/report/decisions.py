"""The decisions taken in the period, by forum and kind."""

from dataclasses import dataclass

from samskab.governance.models import Decision, Forum

from .period import Period

Kind = Decision.Kind


@dataclass
class KindCount:
    kind: str
    label: str
    by_forum: list[int]

    @property
    def total(self) -> int:
        return sum(self.by_forum)


@dataclass
class DecisionsSection:
    forums: list[Forum]
    decisions: list[Decision]

    @property
    def by_kind(self) -> list[KindCount]:
        """A row per kind of decision taken in the period, a column per forum."""
        column = {forum.pk: index for index, forum in enumerate(self.forums)}
        rows: dict[str, list[int]] = {}
        for decision in self.decisions:
            counts = rows.setdefault(decision.kind, [0] * len(self.forums))
            counts[column[decision.forum_id]] += 1
        return [KindCount(kind, label, rows[kind]) for kind, label in Kind.choices if kind in rows]

    @property
    def by_forum(self) -> list[int]:
        totals = [0] * len(self.forums)
        for row in self.by_kind:
            totals = [a + b for a, b in zip(totals, row.by_forum, strict=True)]
        return totals


def decisions_section(period: Period) -> DecisionsSection:
    """Every decision dated in the period, oldest first, and the forums (2 queries)."""
    decisions = list(
        Decision.objects.filter(decided_on__gte=period.start, decided_on__lte=period.end)
        .select_related("forum", "task", "proposal")
        .order_by("decided_on", "recorded_at", "pk")
    )
    return DecisionsSection(forums=list(Forum.objects.order_by("pk")), decisions=decisions)
