"""A request body larger than any form takes is refused before it is read."""

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.accounts import roles
from samskab.ideas.services import MAX_ATTACHMENTS


def test_the_body_limit_leaves_room_for_every_form_and_no_more():
    fields = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    largest_form = max(
        settings.SAMSKAB_IMPORT_MAX_BYTES, MAX_ATTACHMENTS * settings.SAMSKAB_UPLOAD_MAX_BYTES
    )
    assert largest_form + fields == settings.SAMSKAB_REQUEST_MAX_BYTES
    assert fields <= 2_621_440  # form fields other than files: Django's default, not 10 MB


def test_a_body_over_the_limit_is_refused_with_413_and_a_danish_page(client, personas, settings):
    settings.SAMSKAB_REQUEST_MAX_BYTES = 10_000
    client.force_login(personas[roles.INNOVATIONSENHED])

    response = client.post(
        reverse("ideas:idea-create"),
        {
            "title": "Stor fil",
            "attachments": SimpleUploadedFile("bilag.pdf", b"%PDF" + b"0" * 20_000),
        },
    )

    assert response.status_code == 413
    assert "Det, du sendte, er for stort" in response.content.decode()


def test_a_body_within_the_limit_passes(client, personas, settings):
    settings.SAMSKAB_REQUEST_MAX_BYTES = 10_000
    client.force_login(personas[roles.INNOVATIONSENHED])

    response = client.post(reverse("ideas:idea-create"), {"title": "Lille"})

    assert response.status_code == 200  # the form, with what is missing
