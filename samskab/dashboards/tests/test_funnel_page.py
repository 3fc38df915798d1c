"""The funnel page (/overblik/tragt/): who sees it, the period, and a fixed number of queries."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.portfolio.models import Category, Novelty

from .conftest import YEAR, at

URL = reverse("dashboards:funnel")
PERIOD = {"fra": f"{YEAR}-01-01", "til": f"{YEAR}-12-31"}


def cells(html: str, header: str) -> list[str]:
    """The cells of the table row whose header cell is ``header``."""
    row = re.search(rf'<th scope="row">{re.escape(header)}</th>(.*?)</tr>', html, re.S)
    assert row, header
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)
    ]


def test_the_executive_board_sees_the_funnel_of_the_period_chosen(
    client, personas, received, assess, period
):
    for _ in range(3):
        received(at(2, 1), responded=at(2, 3))
    idea = received(at(2, 1), responded=at(2, 3))
    received(at(2, 1))
    received(at(2, 1, year=YEAR - 1))
    assess([idea], at(3, 1))
    client.force_login(personas[roles.DIREKTION])

    response = client.get(URL, PERIOD)

    assert response.status_code == 200
    html = response.content.decode()
    assert cells(html, "Modtaget")[:5] == ["5", "–", "100\xa0%", "–", "1"]
    assert cells(html, "Besvaret")[:3] == ["4", "80\xa0%", "80\xa0%"]
    assert cells(html, "Vurderet")[:3] == ["1", "25\xa0%", "20\xa0%"]
    assert "<svg" in html and '<title id="chart-funnel-title">' in html
    assert f"01.01.{YEAR}" in html or f"1.1.{YEAR}" in html


def test_without_a_period_the_page_shows_the_last_twelve_months(client, personas):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    response = client.get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    period = response.context["period"]
    assert (period.end - period.start).days in (364, 365)
    assert form.initial["til"] == period.end


def test_a_period_that_ends_before_it_starts_is_refused_in_danish_keeping_what_was_typed(
    client, personas
):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    response = client.get(URL, {"fra": "2025-05-01", "til": "2025-01-31"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Perioden slutter, før den begynder." in html
    assert 'value="2025-05-01"' in html and 'value="2025-01-31"' in html
    # The figures shown are those of the last twelve months, as the page says.
    period = response.context["period"]
    assert period.end > date(2025, 5, 1)


@pytest.mark.parametrize("typed", ["31-02-2025", "1999-01-01", "næste år"])
def test_a_date_that_is_no_date_gets_a_message_not_an_error(client, personas, typed):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    response = client.get(URL, {"fra": typed, "til": "2025-12-31"})
    assert response.status_code == 200
    assert response.context["form"].errors["fra"]
    assert f'value="{typed}"' in response.content.decode()


def test_only_a_start_runs_to_today(client, personas):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    response = client.get(URL, {"fra": f"{YEAR}-03-01"})
    period = response.context["period"]
    assert period.start == date(YEAR, 3, 1)
    assert period.end == timezone.localdate()


def test_the_overview_of_benefits_links_to_the_funnel_and_the_menu_has_it(client, personas):
    client.force_login(personas[roles.MEDARBEJDER])
    html = client.get(reverse("benefits:rollup")).content.decode()
    assert f'href="{URL}"' in html
    client.force_login(personas[roles.BORGER])
    html = client.get(reverse("core:home")).content.decode()
    assert f'href="{URL}"' not in html


def test_only_the_funnel_is_the_current_menu_item_on_its_page(client, personas):
    client.force_login(personas[roles.DIREKTION])
    response = client.get(URL)
    current = [item["url"] for item in response.context["navigation"] if item["current"]]
    assert current == [URL]
    response = client.get(reverse("benefits:rollup"))
    current = [item["url"] for item in response.context["navigation"] if item["current"]]
    assert current == [reverse("benefits:rollup")]


# A fixed number of queries --------------------------------------------------------------


@pytest.fixture
def grow(received, assess, propose, task_with_gates, areas, personas):
    """Add ideas at every step, with areas, submitters, types and phases, ``n`` of each."""
    made = {"n": 0}
    authors = [None, personas[roles.MEDARBEJDER], personas[roles.BORGER]]

    def add(i: int) -> None:
        start = date(YEAR, 1, 1) + timedelta(days=i)
        ideas = [
            received(
                at(1 + i % 12, 1 + i % 27),
                responded=at(1 + i % 12, 1 + i % 27) + timedelta(days=j + 1),
                answered=at(1 + i % 12, 1 + i % 27) + timedelta(days=j + 5) if j % 2 else None,
                areas=[areas["skole"], areas["social"]][: 1 + j % 2],
                author=authors[j % 3],
                on_behalf_of="Foreningen" if j == 0 else "",
            )
            for j in range(4)
        ]
        received(at(1 + i % 12, 2, year=YEAR - 1))
        assess(ideas[:3], at(12, 1), category=Category.PROCESS, novelty=Novelty.INCREMENTAL)
        propose(ideas[1:3], at(12, 2))
        task_with_gates(
            ideas[2:3],
            started=start,
            gates=[start + timedelta(days=10 * g) for g in range(1, 1 + i % 6)],
            novelty=Novelty.INCREMENTAL if i % 2 else Novelty.RADICAL,
        )

    def to(n: int) -> None:
        while made["n"] < n:
            add(made["n"])
            made["n"] += 1

    return to


def queries_of(client, url, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def test_the_funnel_runs_the_same_number_of_queries_whatever_the_data(
    client, personas, grow, settings
):
    client.force_login(personas[roles.DIREKTION])
    grow(2)
    small = queries_of(client, URL, PERIOD)
    grow(8)
    large = queries_of(client, URL, {**PERIOD, "til": f"{YEAR}-12-30"})  # not from the cache
    assert small == large
    assert small <= 30


def test_another_period_shows_its_own_figures(client, personas, received):
    received(at(2, 1))
    received(at(8, 1))
    client.force_login(personas[roles.DIREKTION])
    whole = client.get(URL, PERIOD).content.decode()
    half = client.get(URL, {"fra": f"{YEAR}-01-01", "til": f"{YEAR}-06-30"}).content.decode()
    assert cells(whole, "Modtaget")[0] == "2"
    assert cells(half, "Modtaget")[0] == "1"
