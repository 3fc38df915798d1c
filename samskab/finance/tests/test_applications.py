"""Fund applications: the pipeline, moving status (a grant funds the task), grant reports,
reminders by e-mail, and the front page's deadlines."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.dashboards.frontpage import Viewer
from samskab.finance import frontpage_budget, services_budget, tasks
from samskab.finance.models import Application, Funding, FundingSource, GrantReport
from samskab.notifications.models import Notification, NotificationSetting
from samskab.portfolio.models import InnovationTask

TODAY = timezone.localdate()


@pytest.fixture
def finance(personas):
    return personas[roles.OEKONOMI]


@pytest.fixture
def foundation(db):
    return FundingSource.objects.create(name="Velux Fonden", kind="foundation")


@pytest.fixture
def task(personas, unit):
    return InnovationTask.objects.create(
        title="Træn dig fri",
        problem="x",
        ambition="x",
        novelty="radical",
        category="service",
        owning_area=unit.parent,
        owner=personas[roles.OMRAADELEDER].person,
        political_reference="KB",
        phase=3,
    )


@pytest.fixture
def make_application(personas, foundation, finance):
    def make(title="Ansøgning til Velux", *, deadline=None, task=None, **fields):
        return services_budget.application_save(
            application=Application(
                title=title,
                source=foundation,
                task=task,
                responsible=personas[roles.INNOVATIONSENHED].person,
                amount_sought=Decimal("750000"),
                deadline=deadline,
                **fields,
            ),
            by=finance,
        )

    return make


def test_granting_needs_the_amount_and_the_day_and_funds_the_task(make_application, task, finance):
    application = make_application(task=task)
    with pytest.raises(ValidationError) as error:
        services_budget.application_move(application=application, status="granted", by=finance)
    assert set(error.value.error_dict) == {"granted_amount", "decided_on"}
    decided = TODAY.replace(month=1, day=15)
    services_budget.application_move(
        application=application,
        status="granted",
        by=finance,
        granted_amount=Decimal("600000"),
        decided_on=decided,
    )
    funding = Funding.objects.get()
    assert (funding.task, funding.year, funding.granted, funding.application) == (
        task,
        decided.year,
        Decimal("600000"),
        application,
    )
    with pytest.raises(ValidationError):  # granted stays granted
        services_budget.application_move(application=application, status="refused", by=finance)


def test_granting_without_a_task_makes_no_funding(make_application, finance):
    application = make_application()
    services_budget.application_move(
        application=application, status="granted", by=finance, granted_amount=1, decided_on=TODAY
    )
    assert not Funding.objects.exists()


def test_refusing_needs_the_day_of_the_decision(make_application, finance):
    application = make_application()
    with pytest.raises(ValidationError):
        services_budget.application_move(application=application, status="refused", by=finance)
    services_budget.application_move(
        application=application, status="refused", by=finance, decided_on=TODAY
    )
    application.refresh_from_db()
    assert application.status == "refused"


def test_submitting_records_today_when_no_day_is_given(make_application, finance):
    application = make_application()
    services_budget.application_move(application=application, status="submitted", by=finance)
    application.refresh_from_db()
    assert application.submitted_on == TODAY


def test_finance_moves_an_application_to_granted_through_the_form(
    client, make_application, task, finance
):
    application = make_application(task=task)
    client.force_login(finance)
    url = reverse("finance:application-move", args=[application.pk])
    response = client.post(url, {"status": "granted", "granted_amount": "-1"})
    assert response.status_code == 200
    response = client.post(
        url, {"status": "granted", "granted_amount": "500000", "decided_on": TODAY.isoformat()}
    )
    assert response.status_code == 302
    assert task.fundings.get().granted == Decimal("500000")


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "nej"])
def test_a_hostile_date_is_refused_next_to_the_field(client, make_application, finance, day):
    application = make_application()
    client.force_login(finance)
    response = client.post(
        reverse("finance:application-move", args=[application.pk]),
        {"status": "refused", "decided_on": day},
    )
    assert response.status_code == 200


def test_direktion_reads_the_pipeline_but_may_not_create(client, personas, make_application):
    make_application()
    client.force_login(personas[roles.DIREKTION])
    assert client.get(reverse("finance:application-list")).status_code == 200
    assert client.get(reverse("finance:application-create")).status_code == 403


def test_unit_staff_create_an_application(client, personas, foundation):
    staff = personas[roles.INNOVATIONSENHED]
    client.force_login(staff)
    response = client.post(
        reverse("finance:application-create"),
        {
            "title": "Ansøgning",
            "source": foundation.pk,
            "responsible": staff.person.pk,
            "amount_sought": "100000",
            "deadline": (TODAY + timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Application.objects.get().status == "idea"


def test_the_pipeline_runs_a_fixed_number_of_queries(
    client, finance, make_application, task, django_assert_num_queries
):
    for number in range(20):
        make_application(f"Ansøgning {number}", task=task, deadline=TODAY + timedelta(days=number))
    client.force_login(finance)
    client.get(reverse("finance:application-list"))
    with django_assert_num_queries(3):
        response = client.get(reverse("finance:application-list"))
    assert response.status_code == 200


def test_a_grant_report_is_added_on_the_application_page(client, finance, make_application):
    application = make_application()
    client.force_login(finance)
    response = client.post(
        reverse("finance:report-create", args=[application.pk]),
        {"title": "Midtvejsrapport", "due_on": (TODAY + timedelta(days=40)).isoformat()},
    )
    assert response.status_code == 302
    page = client.get(reverse("finance:application-detail", args=[application.pk]))
    assert "Midtvejsrapport" in page.content.decode()


def test_an_id_that_is_no_application_gives_404(client, finance):
    client.force_login(finance)
    assert client.get("/oekonomi/ansoegninger/999999/").status_code == 404


# Reminders ----------------------------------------------------------------------------


def test_reminders_go_14_and_3_days_before_a_deadline_once_each(
    make_application, personas, django_capture_on_commit_callbacks
):
    application = make_application(deadline=TODAY + timedelta(days=14))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reminders.call(TODAY.isoformat()) == 1
        assert tasks.send_reminders.call(TODAY.isoformat()) == 0
        later = TODAY + timedelta(days=5)
        assert tasks.send_reminders.call(later.isoformat()) == 0
        last = TODAY + timedelta(days=11)
        assert tasks.send_reminders.call(last.isoformat()) == 1
        assert tasks.send_reminders.call(last.isoformat()) == 0
    assert Notification.objects.filter(user=personas[roles.INNOVATIONSENHED]).count() == 2
    application.refresh_from_db()
    assert application.deadline_reminded_on == last
    assert len(mail.outbox) == 2


def test_no_reminder_for_a_submitted_application(make_application, finance):
    application = make_application(deadline=TODAY + timedelta(days=3))
    services_budget.application_move(application=application, status="submitted", by=finance)
    assert tasks.send_reminders.call(TODAY.isoformat()) == 0


def test_a_grant_report_is_reminded_14_days_before_once(make_application, personas):
    application = make_application()
    GrantReport.objects.create(
        application=application, title="Slutrapport", due_on=TODAY + timedelta(days=14)
    )
    GrantReport.objects.create(
        application=application,
        title="Afleveret",
        due_on=TODAY + timedelta(days=2),
        done_on=TODAY,
    )
    call_command("send_finance_reminders")
    call_command("send_finance_reminders")
    notification = Notification.objects.get()
    assert "Slutrapport" in notification.subject
    assert GrantReport.objects.get(title="Slutrapport").reminded_on == TODAY


def test_a_person_who_chose_a_daily_digest_gets_the_reminder_in_it(make_application, personas):
    NotificationSetting.objects.create(
        user=personas[roles.INNOVATIONSENHED], frequency=NotificationSetting.Frequency.DAILY
    )
    make_application(deadline=TODAY + timedelta(days=2))
    tasks.send_reminders.call(TODAY.isoformat())
    assert Notification.objects.get().digest


# The front page -----------------------------------------------------------------------


def test_the_deadlines_panel_is_for_finance_and_the_chief(personas):
    assert frontpage_budget.for_finance_and_chief(personas[roles.OEKONOMI])
    assert frontpage_budget.for_finance_and_chief(personas[roles.INNOVATIONSCHEF])
    assert not frontpage_budget.for_finance_and_chief(personas[roles.INNOVATIONSENHED])
    assert not frontpage_budget.for_finance_and_chief(personas[roles.DIREKTION])


def test_the_deadlines_panel_shows_five_within_30_days_and_more(make_application, finance):
    for number in range(7):
        make_application(f"Frist {number}", deadline=TODAY + timedelta(days=number * 4))
    make_application("For sent", deadline=TODAY - timedelta(days=1))
    make_application("Langt ude", deadline=TODAY + timedelta(days=45))
    listing = frontpage_budget._deadlines(Viewer.of(finance), 5)
    assert [item.label for item in listing.items] == [f"Frist {n}" for n in range(5)]
    assert listing.more
    assert listing.see_all == reverse("finance:application-list")


def test_the_front_page_of_finance_shows_the_panel(client, finance, make_application):
    make_application("Frist snart", deadline=TODAY + timedelta(days=10))
    client.force_login(finance)
    assert "Frist snart" in client.get(reverse("core:home")).content.decode()
