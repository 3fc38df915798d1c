"""A business case's versions are never lost: new versions and edits leave earlier ones as they were."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from samskab.accounts import roles
from samskab.core.testing import make_persona
from samskab.finance import services_case
from samskab.finance.models import BusinessCase
from samskab.finance.services_case import LineFigures
from samskab.organisation.models import OrgUnit
from samskab.portfolio.models import Category, InnovationTask, Novelty

KINDS = ["investment", "running", "gain_budget", "gain_other"]
LINE = st.builds(
    lambda kind, year, low, extra, more: LineFigures(
        kind=kind, year=year, low=low, expected=low + extra, high=low + extra + more
    ),
    st.sampled_from(KINDS),
    st.integers(min_value=2024, max_value=2032),
    *[st.decimals(min_value=0, max_value=1_000_000, places=2)] * 3,
)
LINES = st.lists(LINE, max_size=6, unique_by=lambda line: (line.kind, line.year))
STEPS = st.lists(st.one_of(st.just("new"), LINES), min_size=1, max_size=6)


def _snapshot(case: BusinessCase):
    return sorted(case.lines.values_list("kind", "year", "low", "expected", "high"))


class VersionsAreNeverLost(TestCase):
    @classmethod
    def setUpTestData(cls):
        root = OrgUnit.objects.create(name="Kommune", kind=OrgUnit.Kind.MUNICIPALITY)
        area = OrgUnit.objects.create(name="Område", kind=OrgUnit.Kind.AREA, parent=root)
        cls.staff = make_persona(roles.INNOVATIONSENHED, unit=area)
        owner = make_persona(roles.OMRAADELEDER, unit=area)
        cls.area, cls.owner = area, owner

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(STEPS)
    def test_new_versions_and_edits_keep_every_earlier_version(self, steps):
        task = InnovationTask.objects.create(
            title="Opgave",
            problem="x",
            ambition="x",
            novelty=Novelty.RADICAL,
            category=Category.SERVICE,
            owning_area=self.area,
            owner=self.owner.person,
            political_reference="KB",
            phase=4,
        )
        services_case.business_case_new_version(task=task, by=self.staff)
        frozen: dict[int, list] = {}
        for step in steps:
            newest = BusinessCase.objects.filter(task=task).order_by("-version").first()
            if step == "new":
                frozen[newest.version] = _snapshot(newest)
                copy = services_case.business_case_new_version(task=task, by=self.staff)
                assert _snapshot(copy) == frozen[newest.version]
            else:
                services_case.business_case_update(
                    case=newest,
                    discount_rate=Decimal("3.5"),
                    first_year=2024,
                    note="",
                    lines=step,
                    by=self.staff,
                )
            for version, lines in frozen.items():
                assert _snapshot(BusinessCase.objects.get(task=task, version=version)) == lines
        versions = list(
            BusinessCase.objects.filter(task=task)
            .order_by("version")
            .values_list("version", flat=True)
        )
        assert versions == list(range(1, len(versions) + 1))
