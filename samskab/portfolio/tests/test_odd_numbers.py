"""Numbers typed or posted that are not numbers Samskab can use get an answer, never a 500.

"²" and "١٢" are digits to Python's str.isdigit(), and int() refuses the first; a
number of 30 digits is too large for SQLite and PostgreSQL.
"""

import pytest
from django.urls import reverse

from samskab.accounts import roles
from samskab.portfolio.services import sparring as sparring_services

ODD = ["²", "9" * 30, "١٢"]


@pytest.mark.parametrize("odd", ODD)
def test_odd_numbers_in_triage_and_proposals_never_break_a_page(client, personas, odd):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    pages = [
        client.get(reverse("portfolio:assessment-create"), {"ide": odd}),
        client.post(reverse("portfolio:assessment-create"), {"ideas": odd}),
        client.get(reverse("portfolio:owner-choices"), {"owning_area": odd}),
        client.post(reverse("portfolio:proposal-create"), {"title": "x", "owning_area": odd}),
    ]
    assert [response.status_code for response in pages] == [200, 200, 200, 200]


@pytest.mark.parametrize("odd", ODD)
def test_odd_places_in_the_sparring_queue_are_refused_with_a_message(client, personas, odd):
    request = sparring_services.sparring_request_create(
        title="Hjælp", description="Sparring.", area=None, by=personas[roles.MEDARBEJDER]
    )
    client.force_login(personas[roles.INNOVATIONSCHEF])
    response = client.post(
        reverse("portfolio:sparring-move", args=[request.pk]),
        {"direction": "to_position", "position": odd},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("odd", ODD)
def test_odd_numbers_in_query_strings_of_ideas_and_decisions_never_break_a_page(
    client, personas, odd
):
    client.force_login(personas[roles.DIREKTION])
    pages = [
        client.get(reverse("ideas:idea-create"), {"udfordring": odd}),
        client.get(reverse("governance:decision-create"), {"opgave": odd, "retter": odd}),
        client.get(reverse("governance:decision-list"), {"opgave": odd}),
    ]
    assert [response.status_code for response in pages] == [200, 200, 200]
