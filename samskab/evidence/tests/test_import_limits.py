"""A measurement file is refused as soon as it passes a limit, with the reason on the form."""

import tracemalloc

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.accounts import roles
from samskab.core.testing import handmade_xlsx, inline_row
from samskab.evidence.models import Measurement


def one_row_of(cells: int):
    yield inline_row(1, "dato", "værdi")
    yield b'<row r="2">'
    chunk = b"<c><v>1</v></c>" * 10_000
    for _ in range(cells // 10_000):
        yield chunk
    yield b"</row>"


def test_a_file_with_a_row_of_a_million_cells_is_refused_on_the_form(
    client, personas, task, make_experiment
):
    experiment = make_experiment(task)
    data = handmade_xlsx(one_row_of(1_000_000))
    client.force_login(personas[roles.INNOVATIONSENHED])
    url = reverse("evidence:experiment-import", args=[experiment.pk])

    tracemalloc.start()
    try:
        response = client.post(url, {"file": SimpleUploadedFile("maalinger.xlsx", data)})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Arket har mere end 200 kolonner. Slet kolonnerne til højre for tabellen, "
        "også tomme kolonner med formatering, og prøv igen."
    ]
    assert "Arket har mere end 200 kolonner." in response.content.decode()
    assert not Measurement.objects.exists()
    assert peak < 30 * 2**20  # reading the row whole took more than 400 MB
