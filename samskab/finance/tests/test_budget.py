"""The unit's budget: drafted, approved (locked), changed as a new version; read by the unit and
direktion; balanced against its sources."""

from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.accounts import roles
from samskab.finance import queries_budget, services_budget
from samskab.finance.models import BudgetLine, BudgetVersion, FundingSource

YEAR = timezone.localdate().year


@pytest.fixture
def finance(personas):
    return personas[roles.OEKONOMI]


@pytest.fixture
def municipal(db):
    return FundingSource.objects.create(name="Kommunens budget", kind="municipal")


@pytest.fixture
def pool(db):
    return FundingSource.objects.create(name="Investeringspuljen", kind="pool")


@pytest.fixture
def draft(finance, municipal, pool):
    version = services_budget.budget_start(year=YEAR, by=finance)
    for category, description, source, granted in [
        ("salaries", "Innovationschef", municipal, "850000"),
        ("operations", "Drift", municipal, "120000"),
        ("trials", "Pulje til prøvehandlinger", pool, "500000"),
    ]:
        services_budget.budget_line_save(
            line=BudgetLine(
                version=version,
                category=category,
                description=description,
                source=source,
                granted=Decimal(granted),
                committed=Decimal("1000.50"),
            ),
            by=finance,
        )
    return version


def test_finance_approves_a_draft_and_it_is_locked(draft, finance, municipal):
    approved = services_budget.budget_approve(version=draft, by=finance)
    assert approved.status == BudgetVersion.Status.APPROVED
    assert approved.approved_on == timezone.localdate()
    line = approved.lines.first()
    line.granted = Decimal(1)
    with pytest.raises(ValidationError, match="godkendt og låst"):
        services_budget.budget_line_save(line=line, by=finance)
    with pytest.raises(ValidationError):
        services_budget.budget_line_delete(line=line, by=finance)
    with pytest.raises(ValidationError):
        services_budget.budget_approve(version=approved, by=finance)


def test_an_empty_budget_cannot_be_approved(finance):
    version = services_budget.budget_start(year=YEAR, by=finance)
    with pytest.raises(ValidationError):
        services_budget.budget_approve(version=version, by=finance)


def test_a_year_is_started_only_once(draft, finance):
    with pytest.raises(ValidationError):
        services_budget.budget_start(year=YEAR, by=finance)


def test_revising_needs_a_reason_and_supersedes_the_old_version_only_when_approved(draft, finance):
    approved = services_budget.budget_approve(version=draft, by=finance)
    with pytest.raises(ValidationError):
        services_budget.budget_revise(version=approved, reason="  ", by=finance)
    new = services_budget.budget_revise(version=approved, reason="Ny medarbejder", by=finance)
    assert (new.version, new.status, new.reason) == (2, "draft", "Ny medarbejder")
    assert new.lines.count() == 3
    approved.refresh_from_db()
    assert approved.status == BudgetVersion.Status.APPROVED  # still in force
    with pytest.raises(ValidationError):  # one draft at a time
        services_budget.budget_revise(version=approved, reason="Igen", by=finance)
    services_budget.budget_approve(version=new, by=finance)
    approved.refresh_from_db()
    assert approved.status == BudgetVersion.Status.SUPERSEDED
    assert approved.lines.count() == 3  # the old version stays readable


def test_a_draft_cannot_be_revised(draft, finance):
    with pytest.raises(ValidationError):
        services_budget.budget_revise(version=draft, reason="x", by=finance)


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(BudgetLine.Category.values),
            st.integers(min_value=0, max_value=2),
            st.decimals(min_value=0, max_value=10**9, places=2),
            st.decimals(min_value=0, max_value=10**9, places=2),
            st.decimals(min_value=0, max_value=10**9, places=2),
        ),
        max_size=25,
    )
)
def test_the_sums_per_category_per_source_and_in_all_agree(rows):
    sources = [FundingSource(pk=index + 1, name=f"Kilde {index}") for index in range(3)]
    lines = [
        BudgetLine(
            category=category,
            description="x",
            source=sources[source],
            granted=granted,
            committed=committed,
            spent=spent,
        )
        for category, source, granted, committed, spent in rows
    ]
    summary = queries_budget.summarise(lines)
    for attribute in ("granted", "committed", "spent"):
        total = sum((getattr(line, attribute) for line in lines), Decimal(0))
        assert getattr(summary.total, attribute) == total
        assert sum((getattr(row, attribute) for row in summary.by_category), Decimal(0)) == total
        assert sum((getattr(row, attribute) for row in summary.by_source), Decimal(0)) == total
    for row in summary.by_category:
        assert row.granted == sum(
            (line.granted for line in lines if line.category == row.key), Decimal(0)
        )
    assert len(summary.by_source) == len({line.source_id for line in lines})


@pytest.mark.django_db
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=4))
def test_revising_never_loses_an_earlier_versions_lines(personas, municipal, changes):
    finance = personas[roles.OEKONOMI]
    BudgetVersion.objects.filter(year=YEAR).delete()
    version = services_budget.budget_start(year=YEAR, by=finance)
    services_budget.budget_line_save(
        line=BudgetLine(
            version=version, category="salaries", description="Løn", source=municipal, granted=1
        ),
        by=finance,
    )
    services_budget.budget_approve(version=version, by=finance)
    snapshots = {}
    for added in changes:
        snapshots[version.pk] = sorted(
            version.lines.values_list("description", "granted", "category")
        )
        version = services_budget.budget_revise(version=version, reason="Ændring", by=finance)
        for number in range(added):
            services_budget.budget_line_save(
                line=BudgetLine(
                    version=version,
                    category="trials",
                    description=f"Ny {number}",
                    source=municipal,
                    granted=Decimal(number),
                ),
                by=finance,
            )
        services_budget.budget_approve(version=version, by=finance)
    for pk, lines in snapshots.items():
        assert (
            sorted(
                BudgetLine.objects.filter(version_id=pk).values_list(
                    "description", "granted", "category"
                )
            )
            == lines
        )
    assert BudgetVersion.objects.filter(year=YEAR, status="approved").count() == 1


# The pages ----------------------------------------------------------------------------


def test_budget_page_shows_the_totals_per_category_and_source(client, personas, draft):
    client.force_login(personas[roles.DIREKTION])
    response = client.get(reverse("finance:budget"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Investeringspuljen" in content
    assert "1.470.000" in content  # the total granted
    assert "Godkend budgettet" not in content  # direktion reads only


def test_chief_sees_the_approve_button_of_a_draft(client, personas, draft):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    content = client.get(reverse("finance:budget")).content.decode()
    assert "Godkend budgettet" in content


def test_an_employee_may_not_see_the_budget(client, personas, draft):
    client.force_login(personas[roles.MEDARBEJDER])
    assert client.get(reverse("finance:budget")).status_code == 403


def test_unit_staff_reads_but_may_not_edit(client, personas, draft):
    client.force_login(personas[roles.INNOVATIONSENHED])
    assert client.get(reverse("finance:budget")).status_code == 200
    line = draft.lines.first()
    assert client.get(reverse("finance:budget-line-edit", args=[line.pk])).status_code == 403


def test_finance_edits_a_line_and_a_negative_amount_is_refused_in_danish(
    client, finance, draft, municipal
):
    client.force_login(finance)
    line = draft.lines.first()
    url = reverse("finance:budget-line-edit", args=[line.pk])
    data = {
        "category": "salaries",
        "description": "Løn til chefen",
        "source": municipal.pk,
        "granted": "-5",
        "committed": "0",
        "spent": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Løn til chefen" in response.content.decode()  # what was typed is kept
    data["granted"] = "900000"
    assert client.post(url, data).status_code == 302
    line.refresh_from_db()
    assert line.granted == Decimal("900000")


def test_the_form_of_a_locked_line_says_it_is_locked(client, finance, draft, municipal):
    services_budget.budget_approve(version=draft, by=finance)
    client.force_login(finance)
    line = draft.lines.first()
    response = client.post(
        reverse("finance:budget-line-edit", args=[line.pk]),
        {
            "category": "salaries",
            "description": "x",
            "source": municipal.pk,
            "granted": "1",
            "committed": "0",
            "spent": "0",
        },
    )
    assert response.status_code == 200
    assert "godkendt og låst" in response.content.decode()
    assert BudgetLine.objects.get(pk=line.pk).description == line.description


def test_chief_changes_the_approved_budget_with_a_reason(client, personas, draft, finance):
    services_budget.budget_approve(version=draft, by=finance)
    client.force_login(personas[roles.INNOVATIONSCHEF])
    url = reverse("finance:budget-revise", args=[draft.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    response = client.post(url, {"reason": "Ekstra bevilling"})
    assert response.status_code == 302
    assert BudgetVersion.objects.get(year=YEAR, version=2).reason == "Ekstra bevilling"


def test_any_version_stays_readable_by_its_number(client, personas, draft, finance):
    services_budget.budget_approve(version=draft, by=finance)
    services_budget.budget_revise(version=draft, reason="Ny", by=finance)
    client.force_login(personas[roles.DIREKTION])
    response = client.get(reverse("finance:budget"), {"aar": YEAR, "version": 1})
    assert response.status_code == 200
    assert "Version 2" in response.content.decode()


@pytest.mark.parametrize("year", ["1", "9999", "abc", "-3", "2026.5"])
def test_a_hostile_year_never_breaks_the_page(client, finance, year):
    client.force_login(finance)
    assert client.get(reverse("finance:budget"), {"aar": year, "version": "x"}).status_code == 200
    assert client.get(reverse("finance:export"), {"aar": year}).status_code == 200


def test_finance_starts_a_year_and_a_hostile_year_is_refused(client, finance):
    client.force_login(finance)
    assert client.post(reverse("finance:budget-start"), {"year": "9999"}).status_code == 302
    assert not BudgetVersion.objects.exists()
    client.post(reverse("finance:budget-start"), {"year": str(YEAR + 1)})
    assert BudgetVersion.objects.get().year == YEAR + 1


def test_budget_page_runs_a_fixed_number_of_queries(
    client, finance, draft, municipal, django_assert_num_queries
):
    BudgetLine.objects.bulk_create(
        BudgetLine(
            version=draft,
            category="other",
            description=f"Linje {number}",
            source=FundingSource.objects.create(name=f"Kilde {number}", kind="other"),
            granted=number,
        )
        for number in range(30)
    )
    client.force_login(finance)
    client.get(reverse("finance:budget"))
    with django_assert_num_queries(5):
        response = client.get(reverse("finance:budget"))
    assert response.status_code == 200


def test_the_export_has_the_budget_in_kroner(client, finance, draft):
    client.force_login(finance)
    response = client.get(reverse("finance:export"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=False))
    assert rows[1][3].number_format.endswith('"kr."')
    assert rows[-1][3].value == Decimal("1470000") or rows[-1][3].value == 1470000
    assert "Ansøgninger" in book.sheetnames
