"""An import file is refused as soon as it passes a limit, never read whole first.

A workbook is a zip of XML: 30 KB can unpack to one row of a million cells,
which cost a gigabyte when the row was read whole. The sheets here are written
part by part (samskab.core.testing.handmade_xlsx), so that they stay small.
"""

import io
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from samskab.accounts import roles
from samskab.core.testing import handmade_xlsx, inline_row
from samskab.organisation import importing
from samskab.organisation.importing import ImportSource, reading
from samskab.organisation.models import OrgUnit

from .test_import import IMPORT_URL, make_user, run

TOO_WIDE = (
    "Arket har mere end 200 kolonner. Slet kolonnerne til højre for tabellen, "
    "også tomme kolonner med formatering, og prøv igen."
)
HEADER = inline_row(1, "enhed_id", "overordnet_id", "navn")


def wide_row(cells: int):
    """One row of ``cells`` numbers, written in chunks: never whole in memory."""
    yield HEADER
    yield b'<row r="2">'
    chunk = b"<c><v>1</v></c>" * 10_000
    for _ in range(cells // 10_000):
        yield chunk
    yield b"</row>"


@pytest.fixture
def administrator(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_user("admin", staff=True, groups=(roles.MEDARBEJDER, roles.ADMINISTRATOR))


@pytest.fixture(scope="module")
def wide_file() -> bytes:
    return handmade_xlsx(wide_row(1_000_000))


def file_errors(report: importing.ImportReport) -> list[str]:
    return [error.message for file in report.files for error in file.errors]


@pytest.mark.django_db
def test_a_row_of_a_million_cells_is_refused_without_reading_the_row(wide_file):
    assert len(wide_file) < 100_000  # small as a file: the XML inside is 15 MB

    tracemalloc.start()
    try:
        report = run(ImportSource(name="enheder.xlsx", data=wide_file))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert file_errors(report) == [TOO_WIDE]
    assert not report.applied
    assert peak < 20 * 2**20  # reading the row whole took more than 400 MB


@pytest.mark.django_db
def test_a_sheet_that_declares_more_columns_than_the_limit_is_refused_before_its_rows():
    data = handmade_xlsx([HEADER, inline_row(2, "k", "", "Testkommune")], dimension="A1:GS2")

    report = run(ImportSource(name="enheder.xlsx", data=data))

    assert file_errors(report) == [TOO_WIDE]
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_a_sheet_that_declares_more_rows_than_the_limit_is_refused_before_its_rows():
    data = handmade_xlsx([HEADER, inline_row(2, "k", "", "Testkommune")], dimension="A1:C100002")

    report = run(ImportSource(name="enheder.xlsx", data=data))

    assert file_errors(report) == ["Filen har mere end 100000 rækker."]


@pytest.mark.django_db
def test_a_row_past_the_row_limit_is_refused():
    data = handmade_xlsx([HEADER, inline_row(100_002, "k", "", "Testkommune")])

    report = run(ImportSource(name="enheder.xlsx", data=data))

    assert file_errors(report) == ["Filen har mere end 100000 rækker."]


@pytest.mark.django_db
def test_a_sheet_of_more_cells_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_CELLS", 50)
    rows = [inline_row(n, str(n), "", f"Enhed {n}") for n in range(2, 40)]

    report = run(ImportSource(name="enheder.xlsx", data=handmade_xlsx([HEADER, *rows])))

    assert file_errors(report) == [
        "Arket har mere end 50 celler, tomme celler med formatering medregnet. Del filen op, "
        "eller slet ubrugte rækker og kolonner, og prøv igen."
    ]


@pytest.mark.django_db
def test_a_workbook_that_unpacks_to_more_than_the_limit_is_refused_unopened(monkeypatch):
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 20_000)
    rows = [inline_row(n, str(n), "k", f"Enhed {n}") for n in range(2, 400)]

    report = run(ImportSource(name="enheder.xlsx", data=handmade_xlsx([HEADER, *rows])))

    assert file_errors(report) == [
        "Excel-filen fylder mere end 19,5\xa0KB udpakket. Del den op i mindre filer, og prøv igen."
    ]


@pytest.mark.django_db
def test_rows_of_a_handmade_sheet_keep_the_numbers_the_spreadsheet_shows():
    data = handmade_xlsx(
        [HEADER, inline_row(2, "k", "", "Testkommune"), inline_row(7, "x", "nope", "Forældreløs")]
    )

    report = run(ImportSource(name="enheder.xlsx", data=data))

    assert [error.row for error in report.files[0].errors] == [7]


@pytest.mark.django_db
def test_a_csv_value_beyond_the_column_limit_is_refused_not_dropped():
    text = "enhed_id,overordnet_id,navn\nk,,Testkommune" + "," * 250 + "glemt\n"

    report = run(ImportSource(name="enheder.csv", data=text.encode()))

    assert file_errors(report) == [TOO_WIDE]
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_empty_csv_cells_beyond_the_column_limit_are_ignored():
    text = "enhed_id,overordnet_id,navn\nk,,Testkommune" + "," * 250 + "\n"

    report = run(ImportSource(name="enheder.csv", data=text.encode()))

    assert report.applied
    assert OrgUnit.objects.get().name == "Testkommune"


# What the command and the admin page say ------------------------------------------


@pytest.mark.django_db
def test_the_command_refuses_a_too_wide_file_and_says_why(tmp_path, wide_file):
    (tmp_path / "enheder.xlsx").write_bytes(wide_file)
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_organisation",
            "--units",
            str(tmp_path / "enheder.xlsx"),
            stdout=io.StringIO(),
            stderr=err,
        )

    assert TOO_WIDE in err.getvalue()
    assert OrgUnit.objects.count() == 0


def test_the_import_page_shows_why_a_too_wide_file_is_refused(client, administrator, wide_file):
    client.force_login(administrator)

    response = client.post(
        reverse(IMPORT_URL), {"file": SimpleUploadedFile("enheder.xlsx", wide_file)}
    )

    assert response.status_code == 200
    assert TOO_WIDE in response.content.decode()
    assert response.context["confirm"] is None
