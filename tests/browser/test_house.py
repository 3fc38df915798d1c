"""The innovation house on the demo: an employee books a room through the form, finds it in
the week calendar, and a second booking on top of it is refused with the free times that day;
the whole house by week and the unit's residencies, by keyboard and axe-clean."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from samskab.accounts.models import User
from samskab.house.models import Booking, Resource
from samskab.house.queries import week_label
from samskab.portfolio.models import InnovationTask
from samskab.teams.queries import composition_for


def test_an_employee_books_a_room_and_an_overlap_is_refused(page, login, assert_accessible):
    today = timezone.localdate()
    # A Wednesday five weeks ahead: past the demo's single bookings.
    day = today + timedelta(weeks=5) + timedelta(days=(2 - today.weekday()) % 7)
    room = Resource.objects.get(name="Fordybelsesrummet")

    page.goto("/innovationshus/")
    assert_accessible(page)
    expect(page.locator("#resources")).to_contain_text("Dæmpet lys og lyddæmpning")
    expect(page.locator("#residents")).to_contain_text("Maja Thorsen")

    login(page, "medarbejder")
    page.goto("/innovationshus/")
    page.get_by_role("link", name="Book et lokale eller udstyr").click()
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("select[name=resource]").select_option(str(room.pk))
    form.locator("input[name=day]").fill(day.isoformat())
    form.locator("input[name=starts]").fill("10:00")
    form.locator("input[name=ends]").fill("12:00")
    form.locator("input[name=title]").fill("Interview med pårørende")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/innovationshus/{room.pk}/?uge={week_label(day)}")
    expect(page.locator(".alert")).to_contain_text("Fordybelsesrummet er booket")
    calendar = page.locator("#resource-week")
    expect(calendar.locator("tr", has_text=str(day.day))).to_contain_text(
        "10:00–12:00 Interview med pårørende"
    )
    expect(calendar.locator("caption")).to_contain_text("Bookinger af Fordybelsesrummet")
    assert_accessible(page)

    # A second booking on top of it, from the calendar's own link to a free time that day.
    calendar.locator("tr", has_text=str(day.day)).get_by_role(
        "link", name="Book 07:00–10:00"
    ).click()
    form = page.locator("main form")
    expect(form.locator("input[name=day]")).to_have_value(day.isoformat())
    form.locator("input[name=starts]").fill("11:00")
    form.locator("input[name=ends]").fill("13:00")
    form.locator("input[name=title]").fill("Workshop")
    form.locator("button[type=submit]").press("Enter")
    expect(page.locator(".alert-error")).to_contain_text(
        "Fordybelsesrummet er optaget 10:00–12:00. Ledigt samme dag: 07:00–10:00, 12:00–18:00."
    )
    expect(form.locator("input[name=title]")).to_have_value("Workshop")
    assert_accessible(page)
    assert Booking.objects.filter(resource=room, title="Interview med pårørende").count() == 1
    assert not Booking.objects.filter(resource=room, title="Workshop").exists()

    # The whole house by week, and on to the next week by keyboard.
    page.goto(f"/innovationshus/uge/?uge={week_label(day)}")
    expect(page.locator("#house-week")).to_contain_text("10:00–12:00 Interview med pårørende")
    assert_accessible(page)
    page.get_by_role("link", name="Næste uge").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(week_label(day + timedelta(weeks=1)))

    page.goto("/innovationshus/mine-bookinger/")
    expect(page.locator("#my-bookings")).to_contain_text("Interview med pårørende")
    assert_accessible(page)


def test_the_unit_sees_its_residents_and_a_resident_in_the_composer(page, login, assert_accessible):
    login(page, "innovationsmedarbejder")
    page.goto("/innovationshus/ivaerksaettere/")
    expect(page.locator("#current-residencies")).to_contain_text("Maja Thorsen")
    assert_accessible(page)
    page.get_by_role("link", name="Maja Thorsen (Prototypia ApS)").click()
    assert_accessible(page)
    page.goto("/innovationshus/")
    page.get_by_role("link", name="Hele huset denne uge").click()
    assert_accessible(page)

    # A demo task whose team lacks what a consenting resident offers proposes the resident.
    staff = User.objects.get(username="innovationsmedarbejder")
    task = next(
        task
        for task in InnovationTask.objects.filter(status="active").order_by("pk")
        if any(p.candidate.mark for p in composition_for(task, user=staff).proposals)
    )
    page.goto(f"/opgaver/{task.pk}/team/sammensaet/")
    expect(page.locator("#proposals")).to_contain_text("Iværksætter i huset")
    assert_accessible(page)
