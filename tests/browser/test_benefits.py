"""A benefit agreement drafted with a line, signed by the area manager, and the gate to scale met."""

from django.utils import timezone
from playwright.sync_api import expect

from samskab.benefits.models import BenefitAgreement, BenefitRealisation
from samskab.organisation.models import OrgUnit, Person
from samskab.portfolio.models import InnovationTask

QUESTION = "Har områdets leder underskrevet en gevinstrealiseringsaftale?"


def choose(select, text: str) -> None:
    option = select.locator("option", has_text=text).first
    select.select_option(option.get_attribute("value"))


def test_an_agreement_is_drafted_signed_and_meets_the_gate(page, login, assert_accessible):
    manager = Person.objects.get(user__username="omraadeleder")
    task = InnovationTask.objects.create(
        title="Velfærdsteknologi i hjemmeplejen",
        problem="Mange besøg kunne klares på skærm.",
        ambition="Hver femte besøg klares på skærm om to år.",
        novelty="incremental",
        category="service",
        owning_area=OrgUnit.objects.get(name="Social og Sundhed", kind="omraade"),
        owner=manager,
        political_reference="KB 2026, sag 12",
        phase=4,
    )

    # The unit drafts the agreement and its first line.
    login(page, "innovationsmedarbejder")
    page.goto(f"/opgaver/{task.pk}/")
    gate = page.locator("section[aria-labelledby=gate-heading]")
    expect(gate.locator("li", has_text=QUESTION)).to_contain_text("Nej: ")
    expect(page.locator("#benefits-heading")).to_have_text("Gevinstrealisering")
    assert_accessible(page)
    page.get_by_role("link", name="Opgavens gevinstrealisering").click()
    assert_accessible(page)
    page.get_by_role("link", name="Udarbejd aftalen").click()
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("textarea[name=parties]").fill("Social og Sundhed\nØkonomi og Analyse")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    agreement = BenefitAgreement.objects.get(task=task)
    assert agreement.owner == manager

    page.get_by_role("link", name="Tilføj en gevinstlinje").click()
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("select[name=level]").select_option("benefit")
    form.locator("select[name=kind]").select_option("economic")
    form.locator("textarea[name=description]").fill("Færre kørte kilometer og besøg.")
    form.locator("input[name=kpi]").fill("Sparede udgifter til kørsel")
    form.locator("input[name=unit]").fill("kr.")
    form.locator("input[name=baseline]").fill("0")
    form.locator("textarea[name=measurement_method]").fill("Kørselsregnskab hvert kvartal.")
    choose(form.locator("select[name=responsible]"), "Henrik Vestergaard")
    year = timezone.localdate().year
    form.locator(f"input[name=target_{year}]").fill("250000")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator("main table").first).to_contain_text("Sparede udgifter til kørsel")
    expect(page.get_by_role("button", name="Underskriv aftalen")).to_have_count(0)
    assert_accessible(page)

    # The area manager signs; the gate's requirement is met.
    page.context.clear_cookies()
    login(page, "omraadeleder")
    page.goto(f"/opgaver/{task.pk}/gevinster/")
    with page.expect_navigation():
        page.get_by_role("button", name="Underskriv aftalen").click()
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    assert_accessible(page)

    page.goto(f"/opgaver/{task.pk}/")
    answer = page.locator("section[aria-labelledby=gate-heading] li", has_text=QUESTION)
    expect(answer).to_contain_text("Ja")
    expect(answer).not_to_contain_text("Nej")
    expect(page.locator("main")).to_contain_text("Aftale version 1, underskrevet")
    assert_accessible(page)

    # What was realised, and the DKK taken home in the budget.
    page.goto(f"/opgaver/{task.pk}/gevinster/")
    page.get_by_role("link", name="Registrér realiseret Sparede udgifter til kørsel").click()
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("input[name=period_start]").fill(f"{year}-01-01")
    form.locator("input[name=period_end]").fill(timezone.localdate().isoformat())
    form.locator("input[name=value]").fill("40000")
    form.locator("textarea[name=evidence]").fill("Kørselsregnskabet for perioden.")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Markér som hjemtaget").click()
    assert BenefitRealisation.objects.get(line__agreement=agreement).taken_home
    assert_accessible(page)
    page.goto(f"/gevinster/aftaler/{agreement.pk}/")
    assert_accessible(page)


def test_the_rollup_is_accessible_to_the_executive_board(page, login, assert_accessible):
    login(page, "direktion")
    page.goto("/overblik/")
    expect(page.locator("main svg").first).to_be_visible()
    assert_accessible(page)
    page.goto("/overblik/?art=hours")
    assert_accessible(page)


def test_a_draft_line_is_deleted_and_a_mistaken_realisation_corrected(
    page, login, assert_accessible
):
    from datetime import date
    from decimal import Decimal

    from samskab.benefits import services
    from samskab.benefits.models import BenefitLine

    manager = Person.objects.get(user__username="omraadeleder")
    staff = Person.objects.get(user__username="innovationsmedarbejder").user
    task = InnovationTask.objects.create(
        title="Skærmbesøg om natten",
        problem="Natbesøg vækker borgerne.",
        ambition="Halvdelen af natbesøgene klares på skærm.",
        novelty="incremental",
        category="service",
        owning_area=OrgUnit.objects.get(name="Social og Sundhed", kind="omraade"),
        owner=manager,
        political_reference="KB 2026, sag 14",
        phase=4,
    )
    agreement = services.agreement_create(
        task=task, parties="Social og Sundhed", review_cadence="quarterly", by=staff
    )
    year = timezone.localdate().year
    lines = [
        services.line_save(
            line=BenefitLine(
                agreement=agreement,
                kind="economic",
                description="Færre natbesøg.",
                kpi=kpi,
                unit="kr.",
                baseline=Decimal("0"),
                measurement_method="Kørselsregnskab.",
                responsible=manager,
            ),
            targets=[(year, Decimal("100000"))],
            by=staff,
        )
        for kpi in ("Sparede natbesøg", "Oprettet ved en fejl")
    ]

    login(page, "innovationsmedarbejder")
    page.goto(f"/opgaver/{task.pk}/gevinster/")
    page.get_by_role("link", name="Slet Oprettet ved en fejl").click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Slet linjen").click()
    assert list(agreement.lines.all()) == [lines[0]]
    assert_accessible(page)

    services.agreement_sign(agreement=agreement, by=manager.user)
    lines[0].refresh_from_db()
    lines[0].agreement.refresh_from_db()
    realisation = services.realisation_record(
        realisation=BenefitRealisation(
            line=lines[0],
            period_start=date(year, 1, 1),
            period_end=date(year, 1, 31),
            value=Decimal("90000"),
            evidence="Tastefejl",
        ),
        by=staff,
    )
    page.goto(f"/opgaver/{task.pk}/gevinster/")
    page.locator(f"a[href='/gevinster/realiseringer/{realisation.pk}/rediger/']").click()
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("input[name=value]").fill("9000")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    realisation.refresh_from_db()
    assert realisation.value == Decimal("9000")
    assert_accessible(page)

    page.locator(f"a[href='/gevinster/realiseringer/{realisation.pk}/slet/']").click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Slet realiseringen").click()
    assert not BenefitRealisation.objects.filter(pk=realisation.pk).exists()
    assert_accessible(page)
