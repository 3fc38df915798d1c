"""A line is behind its profile when it has realised less than its targets so far."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from samskab.accounts import roles
from samskab.benefits import queries

TARGETS = {2025: Decimal("120000"), 2026: Decimal("240000")}


def test_expected_to_date_counts_past_years_and_completed_months():
    assert queries.expected_to_date(TARGETS, date(2025, 1, 15)) == 0
    assert queries.expected_to_date(TARGETS, date(2025, 7, 1)) == Decimal("60000")
    assert queries.expected_to_date(TARGETS, date(2026, 4, 2)) == Decimal("180000")


def test_behind_when_realised_is_below_expected_so_far():
    assert queries.is_behind(TARGETS, Decimal("59999"), date(2025, 7, 1))
    assert not queries.is_behind(TARGETS, Decimal("60000"), date(2025, 7, 1))
    assert not queries.is_behind({}, Decimal("0"), date(2025, 7, 1))


def test_the_task_page_highlights_lines_behind_their_profile(
    client, personas, task, signed, realise
):
    _, line = signed(task, targets=[(2025, Decimal("100000"))])
    realise(line, "10000")
    benefits = queries.task_benefits(task, today=date(2026, 1, 5))
    assert [item.line for item in benefits.behind] == [line]
    client.force_login(personas[roles.MEDARBEJDER])
    body = client.get(reverse("benefits:task-benefits", args=[task.pk])).content.decode()
    assert "Bagud i forhold til profilen" in body
    realise(line, "95000", start=date(2025, 4, 1), end=date(2025, 12, 31))
    assert not queries.task_benefits(task, today=date(2026, 1, 5)).behind


def test_the_task_pages_cost_the_same_with_few_and_many_lines(
    client, personas, task, draft_with_line, django_assert_max_num_queries
):
    draft_with_line(task)
    client.force_login(personas[roles.INNOVATIONSENHED])
    urls = [
        reverse("benefits:task-benefits", args=[task.pk]),
        reverse("portfolio:task-detail", args=[task.pk]),
    ]
    few = {}
    for url in urls:
        with django_assert_max_num_queries(60) as captured:
            assert client.get(url).status_code == 200
        few[url] = len(captured.captured_queries)
    for i in range(10):
        draft_with_line(task, kpi=f"Linje {i}")
    for url in urls:
        with django_assert_max_num_queries(few[url]):
            assert client.get(url).status_code == 200
