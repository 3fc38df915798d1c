"""Importing units and employees from the HR system's export: service, command and admin page."""

import io
import os
import time

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.organisation import importing
from samskab.organisation.importing import Action, ImportKind, ImportSource
from samskab.organisation.models import OrgUnit, Person

# Child before parent on purpose: the order of rows must not matter.
UNITS = """enhed_id,overordnet_id,navn,type
skoler,boern,Skoler,
k,,Testkommune,
boern,k,Børn og Skole,
sundet,skoler,Skolen ved Sundet,Institution
social,k,Social og Sundhed,område
"""

EMPLOYEES = """medarbejder_id,navn,email,enhed_id,stilling
1001,Anna Hansen,anna@kommune.dk,sundet,Lærer
1002,Bo Jensen,BO@Kommune.dk,skoler,Skoleleder
1003,Carl Nielsen,,social,Områdechef
"""


def source(text: str, name: str = "fil.csv", *, kind: str = "", bom: bool = False) -> ImportSource:
    data = text.encode("utf-8-sig" if bom else "utf-8")
    return ImportSource(name=name, data=data, kind=kind)


def run(*sources: ImportSource, dry_run: bool = False) -> importing.ImportReport:
    return importing.import_organisation(sources=list(sources), dry_run=dry_run)


def import_units(text: str = UNITS) -> importing.ImportReport:
    report = run(source(text, "enheder.csv"))
    assert not report.has_errors, report
    return report


def error_rows(report: importing.ImportReport) -> list[int | None]:
    return [error.row for file in report.files for error in file.errors]


def unit(external_id: str) -> OrgUnit:
    return OrgUnit.objects.select_related("parent").get(external_id=external_id)


def xlsx(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_user(username: str, *, staff: bool = False, groups: tuple[str, ...] = ()) -> User:
    user = User.objects.create_user(
        username=username, email=f"{username}@example.dk", password="pw", is_staff=staff
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


# The service ------------------------------------------------------------------------


@pytest.mark.django_db
def test_units_file_creates_the_tree_whatever_the_order_of_rows():
    report = import_units()

    assert (report.created, report.updated, report.unchanged) == (5, 0, 0)
    assert report.files[0].kind == ImportKind.UNITS
    assert unit("k").parent is None
    assert unit("boern").parent == unit("k")
    assert unit("skoler").parent == unit("boern")
    assert unit("sundet").parent == unit("skoler")
    # Without a level the depth decides; a level given as a Danish label is understood.
    assert unit("k").kind == OrgUnit.Kind.MUNICIPALITY
    assert unit("boern").kind == OrgUnit.Kind.AREA
    assert unit("skoler").kind == OrgUnit.Kind.DEPARTMENT
    assert unit("sundet").kind == OrgUnit.Kind.INSTITUTION
    assert unit("social").kind == OrgUnit.Kind.AREA


@pytest.mark.django_db
def test_employees_file_creates_people_and_links_or_creates_their_users():
    import_units()
    bo = User.objects.create_user(username="bo", email="bo@kommune.dk")
    User.objects.create_user(username="anna", email="anna@elsewhere.dk")

    report = run(source(EMPLOYEES, "medarbejdere.csv"))

    assert not report.has_errors
    assert (report.created, report.users_created) == (3, 1)
    anna = Person.objects.select_related("user", "org_unit").get(external_id="1001")
    assert anna.kind == Person.Kind.EMPLOYEE
    assert (anna.name, anna.title, anna.org_unit) == ("Anna Hansen", "Lærer", unit("sundet"))
    assert anna.user.username == "anna2"  # "anna" was taken
    assert anna.user.email == "anna@kommune.dk"
    assert not anna.user.has_usable_password()
    assert list(anna.user.groups.values_list("name", flat=True)) == [roles.MEDARBEJDER]
    # The e-mail matches an existing user whatever its case: linked, not duplicated.
    assert Person.objects.get(external_id="1002").user == bo
    assert User.objects.filter(email__iexact="bo@kommune.dk").count() == 1
    # No e-mail, no user.
    assert Person.objects.get(external_id="1003").user is None


@pytest.mark.django_db
def test_importing_the_same_files_again_changes_nothing():
    files = [source(UNITS, "enheder.csv"), source(EMPLOYEES, "medarbejdere.csv")]
    first = run(*files)
    assert first.applied and first.created == 8
    counts = (OrgUnit.objects.count(), Person.objects.count(), User.objects.count())

    again = run(*files)

    assert not again.has_errors
    assert (again.created, again.updated, again.unchanged) == (0, 0, 8)
    assert again.users_created == 0
    assert (OrgUnit.objects.count(), Person.objects.count(), User.objects.count()) == counts


@pytest.mark.django_db
def test_changed_name_parent_and_unit_are_updated_in_place():
    import_units()
    run(source(EMPLOYEES, "medarbejdere.csv"))
    school = unit("sundet")
    changed_units = UNITS.replace(
        "sundet,skoler,Skolen ved Sundet,Institution", "sundet,social,Sundet Skole,Institution"
    )
    changed_employees = EMPLOYEES.replace("sundet,Lærer", "skoler,Skoleleder")

    report = run(source(changed_units, "enheder.csv"), source(changed_employees, "m.csv"))

    assert not report.has_errors
    units, people = report.files
    assert (units.created, units.updated, units.unchanged) == (0, 1, 4)
    [row] = units.changed_rows
    assert (row.row, row.external_id, row.action) == (5, "sundet", Action.UPDATE)
    assert {(c.old, c.new) for c in row.changes} == {
        ("Skolen ved Sundet", "Sundet Skole"),
        ("Skoler", "Social og Sundhed"),
    }
    moved = unit("sundet")
    assert moved.pk == school.pk
    assert (moved.name, moved.parent) == ("Sundet Skole", unit("social"))
    assert (people.updated, people.unchanged) == (1, 2)
    anna = Person.objects.get(external_id="1001")
    assert (anna.title, anna.org_unit) == ("Skoleleder", unit("skoler"))


@pytest.mark.django_db
def test_a_file_with_bad_rows_writes_nothing_and_names_every_bad_row():
    too_long = "x" * 201
    text = (
        "enhed_id,overordnet_id,navn,type\n"
        "k,,Testkommune,\n"  # row 2: fine
        ",k,Uden id,\n"  # row 3: no id
        "a,nope,Forældreløs,\n"  # row 4: unknown parent
        "k,,Testkommune igen,\n"  # row 5: duplicate id
        "b,k,Forkert niveau,planet\n"  # row 6: unknown level
        f"c,k,{too_long},\n"  # row 7: name too long
        "x,y,Løkke 1,\n"  # row 8: x -> y -> x
        "y,x,Løkke 2,\n"  # row 9
        "z,z,Sin egen,\n"  # row 10: its own parent
        "d,k,,\n"  # row 11: no name
    )

    report = run(source(text, "enheder.csv"))

    assert report.has_errors and not report.applied
    assert OrgUnit.objects.count() == 0
    assert sorted(set(error_rows(report))) == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    messages = {error.row: error.message for error in report.files[0].errors}
    assert "nope" in messages[4]
    assert "2" in messages[5]  # points at the row that had the id first
    assert "planet" in messages[6]
    assert "201" in messages[7]


@pytest.mark.django_db
def test_bad_employee_rows_stop_the_units_file_too():
    employees = (
        "medarbejder_id,navn,email,enhed_id,stilling\n"
        "1,Anna Hansen,anna@kommune.dk,sundet,Lærer\n"  # row 2: fine
        "2,Bo Jensen,ikke-en-adresse,sundet,Lærer\n"  # row 3: bad e-mail
        "3,Carl Nielsen,carl@kommune.dk,findes-ikke,Lærer\n"  # row 4: unknown unit
        "1,Dorte Dam,dorte@kommune.dk,sundet,Lærer\n"  # row 5: duplicate id
        "4,,erik@kommune.dk,sundet,Lærer\n"  # row 6: no name
        "5,Frida Fisk,ANNA@kommune.dk,sundet,Lærer\n"  # row 7: e-mail used twice
    )

    report = run(source(UNITS, "enheder.csv"), source(employees, "medarbejdere.csv"))

    assert not report.applied
    assert OrgUnit.objects.count() == Person.objects.count() == User.objects.count() == 0
    assert report.files[0].errors == []
    assert sorted(set(error_rows(report))) == [3, 4, 5, 6, 7]


@pytest.mark.django_db
def test_employees_may_belong_to_units_of_the_database():
    import_units()

    report = run(source("medarbejder_id,navn,enhed_id\n7,Gitte Gran,social\n", "m.csv"))

    assert report.applied
    assert Person.objects.get(external_id="7").org_unit == unit("social")


@pytest.mark.django_db
def test_xlsx_file_is_imported():
    units = xlsx([["Enhed ID", "Overordnet ID", "Navn"], [1, None, "Testkommune"], [2, 1, "HR"]])
    employees = xlsx(
        [
            ["Medarbejder ID", "Navn", "E-mail", "Enhed ID", "Stilling"],
            [1001, "Anna Hansen", "anna@kommune.dk", 2, "HR-konsulent"],
            [],
            [1002, "Bo Jensen", "bo@kommune.dk", 2.0, None],
        ]
    )

    report = run(
        ImportSource(name="enheder.xlsx", data=units),
        ImportSource(name="medarbejdere.XLSX", data=employees),
    )

    assert report.applied, report
    assert unit("2").parent == unit("1")
    assert [row.row for row in report.files[1].rows] == [2, 4]  # the empty row 3 is skipped
    bo = Person.objects.get(external_id="1002")
    assert (bo.org_unit, bo.title) == (unit("2"), "")


@pytest.mark.django_db
def test_semicolon_csv_with_bom_and_danish_headers_in_any_case_is_imported():
    text = "ENHED_ID;Overordnet_id;Navn;Type\r\nk;;Testkommune;Kommune\r\nø;k;Økonomi, løn og æbler;\r\n"

    report = run(source(text, "enheder.csv", bom=True))

    assert report.applied
    assert unit("ø").name == "Økonomi, løn og æbler"
    assert unit("ø").parent == unit("k")


@pytest.mark.django_db
def test_english_headers_are_understood():
    report = run(source("Unit ID,Parent-ID,Name,Kind\nroot,,Town,municipality\n", "units.csv"))

    assert report.applied
    assert unit("root").kind == OrgUnit.Kind.MUNICIPALITY


@pytest.mark.django_db
def test_dry_run_reports_the_same_and_writes_nothing():
    files = [source(UNITS, "enheder.csv"), source(EMPLOYEES, "medarbejdere.csv")]

    preview = run(*files, dry_run=True)

    assert not preview.applied and not preview.has_errors
    assert OrgUnit.objects.count() == Person.objects.count() == User.objects.count() == 0
    real = run(*files)
    assert [(r.row, r.action, r.changes) for f in preview.files for r in f.rows] == [
        (r.row, r.action, r.changes) for f in real.files for r in f.rows
    ]


@pytest.mark.django_db
def test_a_cpr_column_or_value_is_refused():
    by_header = run(source("medarbejder_id,navn,CPR-nr\n1,Anna,\n", "m.csv"))
    by_value = run(source("medarbejder_id,navn,noter\n1,Anna,010190-1234\n", "m.csv"))

    assert by_header.files[0].errors[0].row is None
    assert error_rows(by_value) == [2]
    assert "010190" not in by_value.files[0].errors[0].message  # never echo a CPR number
    assert Person.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("enheder.txt", b"enhed_id,overordnet_id,navn\n"),
        ("enheder.xlsx", b"enhed_id,overordnet_id,navn\n1,,K\n"),  # not a real workbook
        ("enheder.xlsx", b"PK\x03\x04 broken zip"),
        ("enheder.csv", xlsx([["enhed_id"]])),  # a workbook called .csv
        ("enheder.csv", "enhed_id,overordnet_id,navn\n1,,Kø\n".encode("cp1252")),
        ("enheder.csv", b""),
        ("enheder.csv", b"\n\n"),
        ("enheder.csv", b"foo,bar\n1,2\n"),  # neither units nor employees
        ("enheder.csv", b"enhed_id,navn\n1,K\n"),  # no parent column
        ("enheder.csv", b'enhed_id,overordnet_id,navn\n1,,"K\n'),  # unclosed quote at EOF
    ],
)
def test_a_file_that_cannot_be_read_gives_an_error_not_a_crash(name, data):
    report = run(ImportSource(name=name, data=data))

    assert report.has_errors
    assert not report.applied
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(settings):
    settings.SAMSKAB_IMPORT_MAX_BYTES = 20

    report = run(source(UNITS, "enheder.csv"))

    assert report.files[0].errors[0].row is None
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_a_file_of_the_wrong_kind_is_refused():
    report = run(source(EMPLOYEES, "medarbejdere.csv", kind=ImportKind.UNITS))

    assert report.has_errors
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_a_person_who_made_a_profile_before_the_import_is_taken_over_not_duplicated():
    import_units()
    user = User.objects.create_user(username="anna", email="Anna@Kommune.dk")
    own = Person.objects.create(user=user, name="Anna H.", kind=Person.Kind.EMPLOYEE)

    report = run(source(EMPLOYEES, "medarbejdere.csv"))

    assert report.applied
    own.refresh_from_db()
    assert (own.external_id, own.name, own.user) == ("1001", "Anna Hansen", user)
    assert Person.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_a_user_of_another_employee_is_not_taken_over():
    import_units()
    run(source(EMPLOYEES, "medarbejdere.csv"))

    report = run(source("medarbejder_id,navn,email\n2001,Ny Anna,anna@kommune.dk\n", "m.csv"))

    assert error_rows(report) == [2]
    assert not Person.objects.filter(external_id="2001").exists()


def employees_csv(prefix: str, count: int, *, title: str = "Lærer") -> ImportSource:
    lines = ["medarbejder_id,navn,email,enhed_id,stilling"]
    lines += [f"{prefix}{i},Person {i},{prefix}{i}@kommune.dk,sundet,{title}" for i in range(count)]
    return source("\n".join(lines), "medarbejdere.csv")


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_number_of_rows():
    import_units()

    def queries(import_source: ImportSource) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert run(import_source).applied
        return len(captured)

    assert queries(employees_csv("a", 3)) == queries(employees_csv("b", 60))
    changed = queries(employees_csv("a", 3, title="Pædagog"))
    assert changed == queries(employees_csv("b", 60, title="Pædagog"))


# The command ------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_imports_units_before_employees(tmp_path):
    (tmp_path / "m.csv").write_text(EMPLOYEES, encoding="utf-8")
    (tmp_path / "e.csv").write_text(UNITS, encoding="utf-8")
    out = io.StringIO()

    call_command(
        "import_organisation",
        "--employees",
        str(tmp_path / "m.csv"),
        "--units",
        str(tmp_path / "e.csv"),
        stdout=out,
    )

    assert (OrgUnit.objects.count(), Person.objects.count()) == (5, 3)
    assert "Anna Hansen" in out.getvalue()


@pytest.mark.django_db
def test_command_dry_run_writes_nothing(tmp_path):
    (tmp_path / "e.csv").write_text(UNITS, encoding="utf-8")

    call_command(
        "import_organisation", "--units", str(tmp_path / "e.csv"), "--dry-run", stdout=io.StringIO()
    )

    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_command_fails_on_bad_rows_and_names_them(tmp_path):
    (tmp_path / "e.csv").write_text(UNITS + "x,nope,Forældreløs,\n", encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_organisation",
            "--units",
            str(tmp_path / "e.csv"),
            stdout=io.StringIO(),
            stderr=err,
        )

    assert "7" in err.getvalue() and "nope" in err.getvalue()
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_command_needs_a_file():
    with pytest.raises(CommandError):
        call_command("import_organisation", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("import_organisation", "--units", "/does/not/exist.csv", stdout=io.StringIO())


# The admin page ---------------------------------------------------------------------

IMPORT_URL = "admin:organisation_orgunit_import"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def administrator(db) -> User:
    return make_user("admin", staff=True, groups=(roles.MEDARBEJDER, roles.ADMINISTRATOR))


def upload(text: str, name: str = "enheder.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_administrator_previews_then_applies_an_import(client, administrator, media):
    client.force_login(administrator)
    assert client.get(reverse(IMPORT_URL)).status_code == 200

    preview = client.post(reverse(IMPORT_URL), {"file": upload(UNITS), "kind": ""})

    assert preview.status_code == 200
    assert preview.context["report"].dry_run
    assert preview.context["report"].created == 5
    assert OrgUnit.objects.count() == 0
    confirm = preview.context["confirm"]
    token = confirm.initial["token"]
    assert default_storage.exists(f"imports/{token}")

    done = client.post(reverse(IMPORT_URL), confirm.initial)

    assert done.status_code == 200
    assert done.context["report"].applied
    assert OrgUnit.objects.count() == 5
    assert not default_storage.exists(f"imports/{token}")
    # The token is spent: confirming again imports nothing.
    assert client.post(reverse(IMPORT_URL), confirm.initial).status_code == 400


def test_a_file_with_errors_is_not_kept_and_cannot_be_confirmed(client, administrator, media):
    client.force_login(administrator)

    response = client.post(reverse(IMPORT_URL), {"file": upload(UNITS + ",k,Uden id,\n")})

    assert response.status_code == 200
    assert response.context["report"].has_errors
    assert response.context["confirm"] is None
    assert not (media / "imports").exists() or not any((media / "imports").iterdir())


def test_a_file_of_a_type_not_allowed_is_refused_by_the_form(client, administrator, media):
    client.force_login(administrator)

    response = client.post(reverse(IMPORT_URL), {"file": upload(UNITS, "enheder.exe")})

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert response.context["report"] is None


@pytest.mark.parametrize("token", ["0" * 32 + ".csv", "../../settings.py", "x"])
def test_an_unknown_token_is_refused(client, administrator, media, token):
    client.force_login(administrator)

    response = client.post(
        reverse(IMPORT_URL), {"token": token, "name": "enheder.csv", "kind": ImportKind.UNITS}
    )

    assert response.status_code == 400
    assert OrgUnit.objects.count() == 0


def test_staff_without_the_import_right_get_403(client, db, media):
    staff = make_user("staff", staff=True, groups=(roles.MEDARBEJDER, roles.INNOVATIONSENHED))
    client.force_login(staff)

    assert client.get(reverse(IMPORT_URL)).status_code == 403
    assert client.post(reverse(IMPORT_URL), {"file": upload(UNITS)}).status_code == 403
    assert OrgUnit.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(reverse(IMPORT_URL))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_unit_list_in_the_admin_links_to_the_import_for_administrators_only(
    client, administrator
):
    staff = make_user("staff", staff=True, groups=(roles.MEDARBEJDER, roles.INNOVATIONSENHED))
    changelist = reverse("admin:organisation_orgunit_changelist")

    client.force_login(administrator)
    assert reverse(IMPORT_URL) in client.get(changelist).content.decode()
    client.force_login(staff)
    response = client.get(changelist)
    assert response.status_code == 200
    assert reverse(IMPORT_URL) not in response.content.decode()


def test_previews_never_confirmed_are_removed_after_a_day(client, administrator, media):
    (media / "imports").mkdir()
    old, fresh = media / "imports" / f"{'a' * 32}.csv", media / "imports" / f"{'b' * 32}.csv"
    old.write_text(UNITS)
    fresh.write_text(UNITS)
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    client.force_login(administrator)

    client.get(reverse(IMPORT_URL))

    assert not old.exists()
    assert fresh.exists()
