"""Publishing is the chief's decision, from phase 5 on (or for a completed task)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samskab.accounts import roles
from samskab.catalogue import services
from samskab.portfolio.models import InnovationTask


def test_chief_cannot_publish_an_entry_of_a_task_before_phase_5(make_entry, chief):
    entry = make_entry(publish=False, phase=4)
    with pytest.raises(ValidationError) as error:
        services.entry_publish(entry=entry, by=chief)
    assert "fase 5" in error.value.messages[0]  # Danish, the site's language
    entry.refresh_from_db()
    assert not entry.is_published


def test_chief_publishes_an_entry_from_phase_5(make_entry, chief):
    entry = make_entry(publish=False, phase=5)
    services.entry_publish(entry=entry, by=chief)
    entry.refresh_from_db()
    assert entry.is_published and entry.published_by == chief


def test_an_entry_of_a_completed_task_can_be_published(make_task, make_entry, chief):
    task = make_task(phase=4, status=InnovationTask.Status.COMPLETED, ended_on=timezone.localdate())
    entry = make_entry(task=task, publish=False)
    services.entry_publish(entry=entry, by=chief)
    assert entry.__class__.objects.get(pk=entry.pk).is_published


def test_chief_withdraws_a_published_entry_and_cannot_withdraw_it_twice(make_entry, chief):
    entry = make_entry()
    services.entry_unpublish(entry=entry, by=chief)
    entry.refresh_from_db()
    assert not entry.is_published
    with pytest.raises(ValidationError):
        services.entry_unpublish(entry=entry, by=chief)


def test_an_entry_keeps_its_address_when_its_title_changes(make_entry, staff):
    entry = make_entry("Træn dig fri")
    assert entry.slug == "traen-dig-fri"
    entry.title = "Hverdagsrehabilitering"
    services.entry_save(entry=entry, by=staff)
    entry.refresh_from_db()
    assert entry.slug == "traen-dig-fri"
    assert entry.history.count() >= 2


def test_a_title_that_is_one_of_the_catalogues_own_addresses_gets_another(make_entry):
    assert make_entry("Udkast").slug == "udkast-loesning"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (roles.INNOVATIONSCHEF, 302),
        (roles.ADMINISTRATOR, 302),
        (roles.INNOVATIONSENHED, 403),
        (roles.MEDARBEJDER, 403),
    ],
)
def test_only_the_chief_and_the_administrator_publish(
    client, personas, make_entry, persona, status
):
    entry = make_entry(publish=False)
    client.force_login(personas[persona])
    response = client.post(f"/katalog/{entry.slug}/udgiv/")
    assert response.status_code == status
    entry.refresh_from_db()
    assert entry.is_published == (status == 302)


def test_the_chief_sees_why_an_entry_is_not_published(client, chief, make_entry):
    entry = make_entry(publish=False, phase=3)
    client.force_login(chief)
    response = client.post(f"/katalog/{entry.slug}/udgiv/", follow=True)
    assert "fase 5" in response.content.decode()
