"""The benefit curve on the task page: expected against realised in all, per kind and unit."""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.benefits import charts, queries, services
from samskab.benefits.models import BenefitKind, BenefitLine, ChainLevel

NBSP = "\xa0"
TODAY = date(2026, 7, 15)  # six months of 2026 completed


def curves_of(task, today=TODAY):
    return queries.benefit_curves(queries.task_benefits(task, today=today), today=today)


def figures(curve):
    return [(point.on, point.expected, point.realised, point.is_today) for point in curve.points]


def test_expected_and_realised_add_up_year_by_year_and_this_year_by_its_months(
    task, signed, realise
):
    _, line = signed(task)  # targets 100,000 / 200,000 / 300,000 for 2025-2027
    realise(line, "30000", start=date(2025, 1, 1), end=date(2025, 3, 31))
    realise(line, "50000", start=date(2025, 10, 1), end=date(2025, 12, 31))
    realise(line, "40000", start=date(2026, 1, 1), end=date(2026, 3, 31))

    [curve] = curves_of(task)

    assert curve.kind == BenefitKind.ECONOMIC and curve.is_kroner
    assert figures(curve) == [
        (date(2025, 12, 31), Decimal("100000"), Decimal("80000"), False),
        (TODAY, Decimal("200000"), Decimal("120000"), True),  # 100,000 + 6/12 of 200,000
        (date(2026, 12, 31), Decimal("300000"), None, False),
        (date(2027, 12, 31), Decimal("600000"), None, False),
    ]
    assert curve.behind
    assert curve.today.expected == queries.expected_to_date(
        {2025: Decimal("100000"), 2026: Decimal("200000"), 2027: Decimal("300000")}, TODAY
    )


def test_kroner_and_hours_are_drawn_apart_and_outputs_and_effects_not_at_all(
    task, draft_with_line, manager, staff, realise
):
    agreement, _money = draft_with_line(task)
    _, hours = draft_with_line(task, kind=BenefitKind.HOURS, kpi="Frigjorte timer")
    BenefitLine.objects.filter(pk=hours.pk).update(unit="timer")
    effect = services.line_save(
        line=BenefitLine(
            agreement=agreement,
            kind=BenefitKind.QUALITY,
            level=ChainLevel.EFFECT,
            description="Flere klarer sig selv",
            kpi="Andel selvhjulpne",
            unit="%",
            baseline=Decimal("20"),
            measurement_method="Opfølgning.",
            responsible=manager.person,
        ),
        targets=[(2025, Decimal("5"))],
        by=staff,
    )
    services.agreement_sign(agreement=agreement, by=manager, signed_on=date(2025, 1, 10))
    hours.refresh_from_db()
    realise(hours, "120")
    realise(effect, "7")

    curves = curves_of(task)

    assert [(curve.kind, curve.unit) for curve in curves] == [
        (BenefitKind.ECONOMIC, "kr."),
        (BenefitKind.HOURS, "timer"),
    ]
    assert curves[1].label == "Frigjorte timer"
    assert curves[0].label == "Økonomisk (kr.)"
    assert curves[1].points[0].realised == Decimal("120")
    assert curves[1].rows[0].realised == f"120{NBSP}timer"
    assert curves[0].rows[0].expected == f"100.000{NBSP}kr."


def test_lines_of_one_kind_and_unit_add_up_in_one_curve(task, draft_with_line, manager, realise):
    agreement, first = draft_with_line(task, kpi="Sparet hjemmehjælp")
    _, second = draft_with_line(task, kpi="Sparet kørsel", targets=[(2025, Decimal("50000"))])
    services.agreement_sign(agreement=agreement, by=manager, signed_on=date(2025, 1, 10))
    realise(first, "10000")
    realise(second, "5000")

    [curve] = curves_of(task)

    assert curve.points[0].expected == Decimal("150000")
    assert curve.points[0].realised == Decimal("15000")


def test_no_curve_before_the_agreement_is_signed(task, draft_with_line):
    draft_with_line(task)
    assert curves_of(task) == []


def test_while_a_revision_is_drafted_the_curve_follows_the_agreement_in_force(
    task, signed, realise, staff
):
    agreement, line = signed(task)
    realise(line, "30000")
    draft = services.agreement_revise(agreement=agreement, reason="Nye mål.", by=staff)
    draft_line = draft.lines.get()
    draft_line.targets.update(value=Decimal("1"))

    [curve] = curves_of(task)

    assert curve.points[0].expected == Decimal("100000")  # the signed version's target
    assert curve.points[0].realised == Decimal("30000")


def test_what_an_earlier_version_realised_counts_for_the_revised_line(
    task, signed, realise, staff, manager
):
    agreement, line = signed(task)
    realise(line, "30000")
    draft = services.agreement_revise(agreement=agreement, reason="Nye mål.", by=staff)
    services.agreement_sign(agreement=draft, by=manager, signed_on=date(2025, 6, 1))
    realise(draft.lines.get(), "20000", start=date(2025, 4, 1), end=date(2025, 6, 30))

    [curve] = curves_of(task)

    assert curve.points[0].realised == Decimal("50000")


def test_the_chart_runs_from_zero_to_a_round_tick_over_the_curves_years(task, signed, realise):
    _, line = signed(task)
    realise(line, "80000")
    [curve] = curves_of(task)

    chart = charts.curve_chart(curve)

    assert chart.y_ticks[0].label == "0"
    assert chart.y_ticks[-1].label == "600.000"
    assert [year.label for year in chart.years] == ["2025", "2026", "2027"]
    assert chart.expected[0].x == chart.left and chart.expected[-1].x == chart.right
    assert len(chart.realised) == 3  # from nothing, to the end of 2025, to today
    assert chart.left < chart.today_x < chart.right
    assert all(chart.top <= point.y <= chart.bottom for point in chart.expected + chart.realised)


def test_the_task_page_draws_the_curve_with_its_table(client, personas, task, signed, realise):
    year = timezone.localdate().year
    _, line = signed(
        task,
        targets=[
            (year - 1, Decimal("100000")),
            (year, Decimal("200000")),
            (year + 1, Decimal("300000")),
        ],
    )
    realise(line, "45000", start=date(year - 1, 1, 1), end=date(year - 1, 3, 31))
    client.force_login(personas[roles.DIREKTION])

    response = client.get(reverse("portfolio:task-detail", args=[task.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    section = body.split('id="benefits-heading"')[1].split("</section>")[0]
    assert '<svg class="prioritisation-chart"' in section and 'role="img"' in section
    assert "Økonomisk (kr.): forventet og realiseret i alt</title>" in section
    assert '-caption">Økonomisk (kr.): forventet og realiseret i alt</caption>' in section
    cell = '<td class="text-align-right">'
    assert (
        f'<th scope="row">Udgangen af {year - 1}</th>{cell}100.000{NBSP}kr.</td>'
        f"{cell}45.000{NBSP}kr.</td>"
    ) in section
    assert (
        f'<th scope="row">Udgangen af {year + 1}</th>{cell}600.000{NBSP}kr.</td>{cell}–</td>'
        in section
    )
    assert "I dag, " in section
