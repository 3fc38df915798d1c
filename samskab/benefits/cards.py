"""What the portfolio board's cards say about benefits: on or behind the profile.

Behind the profile: a line of the task's signed agreement has realised less, so
far, than its yearly targets expect by today — the targets of the years gone by
in full and this year's target for the months completed (``queries.is_behind``,
the same measure as the task's benefit page). What a line realised counts every
version of it. A task is on its profile when something is expected by now and no
line is behind; when nothing is expected yet, or no agreement is signed, the
card says nothing about benefits. Two queries for the whole board.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samskab.portfolio import cards
from samskab.portfolio.models import InnovationTask

from . import queries
from .models import BenefitAgreement, BenefitTarget


def _profiles(tasks: Sequence[InnovationTask]) -> dict[int, dict]:
    """The yearly targets of each line of each task's signed agreement, by task and lineage."""
    rows = BenefitTarget.objects.filter(
        line__agreement__task_id__in=[task.pk for task in tasks],
        line__agreement__status=BenefitAgreement.Status.SIGNED,
    ).values_list("line__agreement__task_id", "line__lineage", "year", "value")
    profiles: dict[int, dict] = defaultdict(lambda: defaultdict(dict))
    for task_id, lineage, year, value in rows:
        profiles[task_id][lineage][year] = value
    return profiles


def _benefits(tasks, today: date) -> dict[int, cards.Signal]:
    profiles = _profiles(tasks)
    realised = queries.realised_by_lineage(
        {lineage for lines in profiles.values() for lineage in lines}
    )
    result = {}
    for task_id, lines in profiles.items():
        expecting = [
            lineage
            for lineage, targets in lines.items()
            if queries.expected_to_date(targets, today) > queries.ZERO
        ]
        if not expecting:
            continue
        behind = [
            lineage
            for lineage in expecting
            if queries.is_behind(lines[lineage], realised.get(lineage, Decimal(0)), today)
        ]
        if behind:
            result[task_id] = cards.Signal(
                _("Benefits behind profile"),
                cards.WARNING,
                ngettext(
                    "%(behind)d of %(lines)d line behind",
                    "%(behind)d of %(lines)d lines behind",
                    len(expecting),
                )
                % {"behind": len(behind), "lines": len(expecting)},
            )
        else:
            result[task_id] = cards.Signal(_("Benefits on profile"), cards.GOOD)
    return result


SIGNAL = cards.CardSignal(
    key="benefits",
    label=gettext_lazy("Benefits"),
    position=40,
    compute=_benefits,
    explanation=gettext_lazy(
        "“Behind profile” when a line of the signed benefit agreement has realised less so far "
        "than its yearly targets expect by today: past years' targets in full, and this year's "
        "for the months completed. “On profile” when every line that expects something by now "
        "has realised at least that."
    ),
    icon="payments",
)


def register() -> None:
    cards.register(SIGNAL)
