"""The board's card says whether a task's benefits are on or behind their profile.

Behind: a line of the signed agreement has realised less than its yearly targets
expect by today (past years in full, this year's for the months completed).
"""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.benefits import services
from samskab.portfolio import cards

# The fixture's targets: 100.000 in 2025, 200.000 in 2026, 300.000 in 2027.
NEW_YEAR_2026 = date(2026, 1, 5)  # 100.000 expected: 2025 in full, no month of 2026 yet


def benefit_signals(task, today) -> list[tuple[str, str]]:
    shown = cards.signals_for([task], today=today)[task.pk]
    return [(s.text, s.detail) for s in shown if s.key == "benefits"]


def test_behind_when_realised_is_below_what_the_targets_expect_by_today(task, signed, realise):
    _, line = signed(task)
    realise(line, "99999")
    assert benefit_signals(task, NEW_YEAR_2026) == [
        ("Gevinster bagud i forhold til profilen", "1 af 1 linje bagud")
    ]


def test_on_profile_when_realised_reaches_what_is_expected(task, signed, realise):
    _, line = signed(task)
    realise(line, "60000")
    realise(line, "40000", start=date(2025, 4, 1), end=date(2025, 12, 31))
    assert benefit_signals(task, NEW_YEAR_2026) == [("Gevinster følger profilen", "")]
    # Half a year on, half of 2026's target is expected as well: behind again.
    assert benefit_signals(task, date(2026, 7, 1))[0][0] == "Gevinster bagud i forhold til profilen"


def test_each_line_counts_and_the_card_says_how_many_are_behind(
    task, draft_with_line, manager, realise
):
    agreement, ahead = draft_with_line(task, kpi="Sparet hjemmehjælp")
    _, behind = draft_with_line(task, kpi="Færre visitationer")
    services.agreement_sign(agreement=agreement, by=manager, signed_on=date(2025, 1, 10))
    realise(ahead, "150000")
    realise(behind, "5000")
    assert benefit_signals(task, NEW_YEAR_2026) == [
        ("Gevinster bagud i forhold til profilen", "1 af 2 linjer bagud")
    ]


def test_nothing_is_said_without_a_signed_agreement_or_before_anything_is_expected(
    make_task, draft_with_line, signed
):
    drafted = make_task("Vasketoiletter")
    draft_with_line(drafted)
    assert benefit_signals(drafted, NEW_YEAR_2026) == []
    agreed = make_task("Træn dig fri")
    signed(agreed)
    assert benefit_signals(agreed, date(2025, 1, 20)) == []  # no month of 2025 completed


def test_the_board_shows_a_task_behind_its_profile(client, personas, task, signed, realise):
    year = timezone.localdate().year
    _, line = signed(task, targets=[(year - 1, Decimal("100000")), (year, Decimal("100000"))])
    realise(line, "1000", start=date(year - 1, 1, 1), end=date(year - 1, 3, 31))
    client.force_login(personas[roles.DIREKTION])
    body = client.get(reverse("portfolio:board")).content.decode()
    assert "Gevinster bagud i forhold til profilen" in body
