"""The "Benefits so far" section of a task's brief in a meeting pack."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.governance import briefs
from samskab.portfolio.models import InnovationTask

from .models import BenefitAgreement, BenefitKind, BenefitRealisation, BenefitTarget, ChainLevel

ZERO = Decimal("0")


def amount(value: Decimal) -> str:
    return formats.number_format(value, 0, use_l10n=True, force_grouping=True)


def _prefetch(tasks, proposals) -> None:
    """Three queries for the whole pack: the agreements, the expectations and the realisations."""
    if not tasks:
        return
    ids = [task.pk for task in tasks]
    agreements: dict[int, list[BenefitAgreement]] = defaultdict(list)
    for agreement in BenefitAgreement.objects.filter(task_id__in=ids).order_by("-version"):
        agreements[agreement.task_id].append(agreement)
    expected = defaultdict(dict)
    for row in (
        BenefitTarget.objects.filter(
            line__agreement__task_id__in=ids,
            line__agreement__status=BenefitAgreement.Status.SIGNED,
            line__level=ChainLevel.BENEFIT,
        )
        .values("line__agreement__task_id", "line__kind")
        .annotate(total=Sum("value"))
    ):
        expected[row["line__agreement__task_id"]][row["line__kind"]] = row["total"]
    realised = defaultdict(dict)
    for row in (
        BenefitRealisation.objects.filter(
            line__agreement__task_id__in=ids, line__level=ChainLevel.BENEFIT
        )
        .values("line__agreement__task_id", "line__kind")
        .annotate(total=Sum("value"))
    ):
        realised[row["line__agreement__task_id"]][row["line__kind"]] = row["total"]
    for task in tasks:
        task._benefits_brief = (agreements[task.pk], expected[task.pk], realised[task.pk])


def _render(subject) -> str | None:
    if not isinstance(subject, InnovationTask):
        return None
    versions, expected, realised = getattr(subject, "_benefits_brief", None) or ([], {}, {})
    if not versions:
        return _("No benefit agreement yet.") if subject.phase > 3 else None
    in_force = next((v for v in versions if v.status == BenefitAgreement.Status.SIGNED), None)
    lines = []
    if in_force:
        lines.append(
            _("Agreement signed %(date)s (version %(version)s).")
            % {"date": formats.date_format(in_force.signed_on), "version": in_force.version}
        )
    if versions[0].is_draft:
        lines.append(_("Version %(version)s is a draft.") % {"version": versions[0].version})
    for kind, label in BenefitKind.choices:
        if kind in expected or kind in realised:
            lines.append(
                _("%(kind)s: %(realised)s realised of %(expected)s expected")
                % {
                    "kind": label,
                    "realised": amount(realised.get(kind) or ZERO),
                    "expected": amount(expected.get(kind) or ZERO),
                }
            )
    return "\n".join(lines)


def register() -> None:
    briefs.register(
        briefs.Section(
            "benefits",
            gettext_lazy("Benefits so far"),
            70,
            render=_render,
            prefetch=_prefetch,
        )
    )
