"""A learning programme from start to finish: the unit creates it, names what it builds, plans a
session, adds a participant, records attendance and completion; the person's journey shows it;
the heatmap before and after the programme shows the change in the person's area; the demo
innovation partner sees their next session on the front page. Every page is axe-clean."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from samskab.organisation.models import Competency, OrgUnit, Person
from samskab.organisation.queries import OrgTree
from samskab.teams.demo import DEMO_USERNAMES
from samskab.teams.models import Attendance, LearningRecord, Participation, Programme


def _newcomer() -> Person:
    """An employee of an area who has no design competency and takes part in no programme."""
    return (
        Person.objects.filter(kind=Person.Kind.EMPLOYEE, org_unit__isnull=False)
        .exclude(user__username__in=DEMO_USERNAMES)
        .exclude(person_competencies__competency__slug="design")
        .exclude(participations__isnull=False)
        .order_by("name")
        .first()
    )


def _area_of(person: Person) -> OrgUnit:
    tree = OrgTree.load()
    for unit in tree.units.values():
        if unit.kind == OrgUnit.Kind.AREA and person.org_unit_id in tree.descendant_ids(unit.pk):
            return unit
    raise AssertionError(f"{person.name} works in no area")


def test_the_unit_runs_a_programme_and_the_heatmap_shows_what_it_changed(
    page, login, assert_accessible
):
    today = timezone.localdate()
    person = _newcomer()
    area = _area_of(person)
    design = Competency.objects.get(slug="design")

    login(page, "innovationsmedarbejder")
    page.goto("/kompetencer/")
    page.get_by_role("link", name="Læringsforløb").first.click()
    expect(page.locator("h1")).to_have_text("Læringsforløb")
    assert_accessible(page)

    # The unit creates the programme; an end before its start is refused in Danish first.
    page.get_by_role("link", name="Opret et forløb").click()
    form = page.locator("main form")
    form.locator("input[name=title]").fill("Prototypeforløbet for partnere")
    form.locator("textarea[name=purpose]").fill(
        "Lær innovation ved at gøre det, og tag det med hjem."
    )
    form.locator("input[name=starts_on]").fill((today - timedelta(days=14)).isoformat())
    form.locator("input[name=ends_on]").fill((today - timedelta(days=20)).isoformat())
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Forløbet kan ikke slutte, før det begynder.")
    assert_accessible(page)
    page.locator("main form input[name=ends_on]").fill((today + timedelta(days=60)).isoformat())
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    programme = Programme.objects.get(title="Prototypeforløbet for partnere")
    assert page.url.endswith(f"/kompetencer/forloeb/{programme.pk}/")
    assert_accessible(page)

    # What it builds: design, to expert level.
    aims = page.locator("main form[action$='/kompetencer/']")
    aims.locator("select[name=competency]").select_option(str(design.pk))
    aims.locator("select[name=target_level]").select_option("4")
    with page.expect_navigation():
        aims.locator("button[type=submit]").click()
    expect(page.locator("section[aria-labelledby=aims-heading] tbody")).to_contain_text("Design")

    # A session held a week ago.
    page.get_by_role("link", name="Tilføj en mødegang").click()
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("input[name=on]").fill((today - timedelta(days=7)).isoformat())
    form.locator("input[name=starts_at]").fill("09:00")
    form.locator("input[name=ends_at]").fill("12:00")
    form.locator("input[name=place]").fill("Innovationshuset, værkstedet")
    form.locator("input[name=topic]").fill("Prototyper")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator("#sessions")).to_contain_text("Prototyper")

    # A participant, found by name.
    page.locator("#id_q").fill(person.name)
    with page.expect_navigation():
        page.get_by_role("button", name="Søg").click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name=f"Tilføj {person.name}", exact=True).click()
    expect(page.locator(".alert")).to_contain_text(f"{person.name} er med i forløbet.")
    participation = Participation.objects.get(programme=programme, person=person)
    assert participation.status == Participation.Status.ACTIVE

    # Attendance at the session: the participant came.
    page.get_by_role("link", name="Registrér fremmøde til Prototyper").click()
    assert_accessible(page)
    expect(page.get_by_label(person.name)).to_be_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Gem fremmødet").click()
    expect(page.locator(".alert")).to_contain_text("1 af 1 kom")
    assert Attendance.objects.get(participation=participation).present

    # Completion records the learning and raises the level.
    with page.expect_navigation():
        page.get_by_role("button", name=f"Markér {person.name} som gennemført").click()
    expect(page.locator(".alert")).to_contain_text("har gennemført forløbet")
    record = LearningRecord.objects.get(person=person, programme=programme)
    assert (record.level_before, record.level_after) == (None, 4)
    expect(page.locator("#participants")).to_contain_text("Gennemført")
    assert_accessible(page)

    # The person's journey shows the programme and what was learned.
    page.get_by_role("link", name=person.name).click()
    journey = page.locator("#journey")
    expect(journey).to_contain_text("Læringsforløb: Prototypeforløbet for partnere")
    expect(journey).to_contain_text("Design: niveau – til 4")
    assert_accessible(page)

    # The heatmap before and after the programme, chosen in its form.
    page.goto("/kompetencer/varmekort/")
    page.locator("select[name=forloeb]").select_option(str(programme.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Vis").click()
    expect(page.locator("main")).to_contain_text("Før og efter Prototypeforløbet for partnere")
    row = page.locator("table.heatmap tbody tr", has=page.locator("th", has_text=area.name))
    expect(row.locator("td").first).to_contain_text("steg")
    assert_accessible(page)

    # The demo innovation partner sees their next session on the front page.
    page.context.clear_cookies()
    login(page, "innovationspartner")
    page.goto("/")
    expect(page.locator("main")).to_contain_text("Min næste mødegang")
    assert_accessible(page)
