"""The rules of partnerships: a period that ends after it starts, organisations, the
responsible, the tasks, and status changes that only go forward."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from samskab.accounts import roles
from samskab.network import services
from samskab.network.models import Organisation, Partnership, TaskPartnership

Status = Partnership.Status


def test_a_4k_partnership_is_one_partnership_between_several_municipalities(
    make_partnership, make_organisation
):
    municipalities = [
        make_organisation(name)
        for name in ("Gladsaxe Kommune", "Lyngby-Taarbæk Kommune", "Rudersdal Kommune")
    ]
    partnership = make_partnership(organisations=municipalities)

    assert set(partnership.organisations.all()) == set(municipalities)
    assert all(m.partnerships.get() == partnership for m in municipalities)


def test_a_partnership_cannot_end_before_it_starts(make_partnership):
    with pytest.raises(ValidationError) as error:
        make_partnership(starts_on=date(2026, 3, 1), ends_on=date(2026, 2, 28))
    assert "ends_on" in error.value.message_dict
    assert not Partnership.objects.exists()


def test_a_partnership_may_run_until_further_notice(make_partnership):
    assert make_partnership(ends_on=None).ends_on is None


def test_the_database_refuses_a_period_that_ends_before_it_starts(make_partnership):
    partnership = make_partnership(starts_on=date(2026, 3, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.filter(pk=partnership.pk).update(ends_on=date(2026, 1, 1))


def test_the_database_refuses_a_closed_partnership_without_its_day(make_partnership):
    partnership = make_partnership()
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.filter(pk=partnership.pk).update(status=Status.ENDED)


@pytest.mark.parametrize("day", [date(1, 1, 1), date(9999, 12, 31)])
def test_dates_out_of_any_sensible_range_are_refused(make_partnership, day):
    with pytest.raises(ValidationError) as error:
        make_partnership(starts_on=day)
    assert "starts_on" in error.value.message_dict


def test_a_partnership_needs_an_organisation(staff, responsible):
    with pytest.raises(ValidationError) as error:
        services.partnership_save(
            partnership=Partnership(
                title="Uden partner",
                purpose="x",
                starts_on=date(2026, 1, 1),
                responsible=responsible,
            ),
            organisations=[],
            by=staff,
        )
    assert "organisations" in error.value.message_dict


def test_the_responsible_is_an_employee_of_the_municipality(staff, personas, make_organisation):
    with pytest.raises(ValidationError) as error:
        services.partnership_save(
            partnership=Partnership(
                title="x",
                purpose="x",
                starts_on=date(2026, 1, 1),
                responsible=personas[roles.BORGER].person,
            ),
            organisations=[make_organisation()],
            by=staff,
        )
    assert "responsible" in error.value.message_dict


def test_a_partnership_is_not_ended_by_saving_it(make_partnership):
    with pytest.raises(ValidationError) as error:
        make_partnership(status=Status.ENDED)
    assert "status" in error.value.message_dict


def test_tasks_are_linked_with_the_partners_role_changed_and_taken_off(
    make_partnership, make_task, staff
):
    first, second = make_task("Synlig læring"), make_task("Træn dig fri")
    partnership = make_partnership(tasks=[(first, "Testskole"), (second, "")])

    services.partnership_save(
        partnership=partnership,
        organisations=partnership.organisations.all(),
        tasks=[(first, "Evaluator")],
        by=staff,
    )

    assert list(TaskPartnership.objects.values_list("task", "role")) == [(first.pk, "Evaluator")]
    removed = TaskPartnership.history.filter(task_id=second.pk, history_type="-").get()
    assert removed.history_user == staff


def test_a_task_is_listed_once(make_partnership, make_task):
    task = make_task()
    with pytest.raises(ValidationError) as error:
        make_partnership(tasks=[(task, "a"), (task, "b")])
    assert "tasks" in error.value.message_dict


def test_history_keeps_who_changed_the_partnership(make_partnership, personas):
    partnership = make_partnership()
    partnership.purpose = "Et nyt formål."
    chief = personas[roles.INNOVATIONSCHEF]
    services.partnership_save(
        partnership=partnership, organisations=partnership.organisations.all(), by=chief
    )
    assert [h.history_user for h in partnership.history.order_by("history_date")] == [
        personas[roles.INNOVATIONSENHED],
        chief,
    ]


def test_ending_an_active_partnership_records_the_day_and_shortens_its_period(
    make_partnership, staff
):
    today = timezone.localdate()
    partnership = make_partnership(
        starts_on=today - timedelta(days=100), ends_on=today + timedelta(days=100)
    )

    ended = services.partnership_end(
        partnership=partnership, status=Status.ENDED, on=today - timedelta(days=1), by=staff
    )

    assert (ended.status, ended.closed_on, ended.ends_on) == (
        Status.ENDED,
        today - timedelta(days=1),
        today - timedelta(days=1),
    )


def test_a_partnership_under_negotiation_is_cancelled_not_ended(make_partnership, staff):
    today = timezone.localdate()
    partnership = make_partnership(status=Status.NEGOTIATION, starts_on=today + timedelta(days=30))
    with pytest.raises(ValidationError):
        services.partnership_end(partnership=partnership, status=Status.ENDED, by=staff)

    cancelled = services.partnership_end(partnership=partnership, status=Status.CANCELLED, by=staff)
    # It never began: its planned period stays as it was.
    assert (cancelled.status, cancelled.closed_on, cancelled.ends_on) == (
        Status.CANCELLED,
        today,
        None,
    )


def test_the_day_a_partnership_ends_is_not_in_the_future(make_partnership, staff):
    partnership = make_partnership()
    with pytest.raises(ValidationError) as error:
        services.partnership_end(
            partnership=partnership,
            status=Status.ENDED,
            on=timezone.localdate() + timedelta(days=1),
            by=staff,
        )
    assert "on" in error.value.message_dict


def test_a_closed_partnership_is_kept_as_it_was(make_partnership, staff):
    partnership = make_partnership()
    services.partnership_end(partnership=partnership, status=Status.CANCELLED, by=staff)
    partnership.refresh_from_db()

    with pytest.raises(ValidationError):
        services.partnership_end(partnership=partnership, status=Status.ENDED, by=staff)
    partnership.title = "Genoplivet"
    partnership.status = Status.ACTIVE
    with pytest.raises(ValidationError):
        services.partnership_save(
            partnership=partnership, organisations=partnership.organisations.all(), by=staff
        )
    partnership.refresh_from_db()
    assert (partnership.status, partnership.title) == (Status.CANCELLED, "4K: Synlig læring")


def test_an_organisation_is_a_region_or_a_foundation_too(db):
    region = services.organisation_save(
        organisation=Organisation(name="Region Hovedstaden", kind=Organisation.Kind.REGION)
    )
    fund = services.organisation_save(
        organisation=Organisation(name="Fonden", kind=Organisation.Kind.FOUNDATION, cvr="12345678")
    )
    assert (region.get_kind_display(), fund.get_kind_display()) == ("Region", "Fond")
    with pytest.raises(ValidationError):
        services.organisation_save(organisation=Organisation(name="Fonden 2", cvr="12345678"))
