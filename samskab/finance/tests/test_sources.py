"""Funding sources: the chief and the finance role record them; the unit and direktion read."""

import pytest
from django.urls import reverse

from samskab.accounts import roles
from samskab.finance.models import FundingSource
from samskab.network.models import Organisation


@pytest.mark.parametrize("role", [roles.OEKONOMI, roles.INNOVATIONSCHEF])
def test_finance_and_the_chief_create_a_source(client, personas, role):
    foundation = Organisation.objects.create(name="Velux Fonden", kind="foundation")
    client.force_login(personas[role])
    response = client.post(
        reverse("finance:source-create"),
        {
            "name": "Velux Fonden",
            "kind": "foundation",
            "organisation": foundation.pk,
            "conditions": "Medfinansiering 25 %",
            "reporting": "Årsrapport",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert FundingSource.objects.get().organisation == foundation


def test_unit_staff_read_sources_but_may_not_edit(client, personas):
    source = FundingSource.objects.create(name="Puljen", kind="pool")
    client.force_login(personas[roles.INNOVATIONSENHED])
    assert client.get(reverse("finance:source-list")).status_code == 200
    assert client.get(reverse("finance:source-edit", args=[source.pk])).status_code == 403


def test_a_huge_name_is_refused_and_kept(client, personas):
    client.force_login(personas[roles.OEKONOMI])
    response = client.post(reverse("finance:source-create"), {"name": "x" * 5000, "kind": "eu"})
    assert response.status_code == 200
    assert not FundingSource.objects.exists()


def test_the_source_list_runs_a_fixed_number_of_queries(
    client, personas, django_assert_num_queries
):
    for number in range(25):
        FundingSource.objects.create(
            name=f"Kilde {number}",
            kind="foundation",
            organisation=Organisation.objects.create(name=f"Fond {number}", kind="foundation"),
        )
    client.force_login(personas[roles.DIREKTION])
    client.get(reverse("finance:source-list"))
    with django_assert_num_queries(3):
        response = client.get(reverse("finance:source-list"))
    assert response.status_code == 200
