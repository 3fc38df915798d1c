"""Mirroring the organisation from OS2mo: ``manage.py sync_os2mo`` against a test OS2mo.

The test OS2mo is a small real HTTP server on the loopback interface, started by the
tests: it answers Keycloak's client-credentials token request and OS2mo's GraphQL
queries for ``org_units``, ``engagements`` and ``managers`` with OS2mo's shapes, and
pages them by cursor (``limit`` objects a page, ``page_info { next_cursor }``).
"""

import base64
import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from samskab.accounts import roles
from samskab.organisation import services
from samskab.organisation.importing import Action
from samskab.organisation.models import OrgUnit, Person
from samskab.organisation.tests.factories import OrgUnitFactory, PersonFactory

CLIENT_ID = "samskab"
CLIENT_SECRET = "hemmelig"
TOKEN = "token-from-keycloak"


def uid(name: str) -> str:
    """A stable UUID per name, as OS2mo's would be."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"os2mo:{name}"))


def unit_obj(key: str, name: str, parent: str | None) -> dict:
    return {
        "uuid": uid(key),
        "current": {
            "uuid": uid(key),
            "name": name,
            "parent": {"uuid": uid(parent)} if parent else None,
        },
    }


def engagement_obj(key: str, person: str, name: str, unit: str, title: str, **extra) -> dict:
    addresses = [
        {"value": "+45 11 22 33 44", "address_type": {"scope": "PHONE"}},
        {"value": f"{person}@kommune.example", "address_type": {"scope": "EMAIL"}},
    ]
    return {
        "uuid": uid(key),
        "current": {
            "uuid": uid(key),
            "is_primary": extra.get("is_primary", True),
            "job_function": {"name": title},
            "org_unit": [{"uuid": uid(unit)}],
            "person": [{"uuid": uid(person), "name": name, "addresses": addresses}],
        },
    }


def manager_obj(key: str, unit: str, person: str | None) -> dict:
    return {
        "uuid": uid(key),
        "current": {
            "org_unit": [{"uuid": uid(unit)}],
            "person": [{"uuid": uid(person)}] if person else None,
        },
    }


def organisation() -> dict[str, list[dict]]:
    """Five units over three pages, six engagements of five people, three managers."""
    return {
        "org_units": [
            unit_obj("skoler", "Skoler", "boern"),  # a child before its parent
            unit_obj("kommune", "Testkommune", None),
            unit_obj("boern", "Børn og Skole", "kommune"),
            unit_obj("sundet", "Skolen ved Sundet", "skoler"),
            unit_obj("social", "Social og Sundhed", "kommune"),
        ],
        "engagements": [
            engagement_obj("e-anna", "anna", "Anna Hansen", "sundet", "Lærer"),
            engagement_obj("e-bo", "bo", "Bo Jensen", "skoler", "Skoleleder"),
            engagement_obj("e-carl", "carl", "Carl Nielsen", "social", "Områdechef"),
            engagement_obj("e-dina", "dina", "Dina Holm", "boern", "Direktør"),
            # Anna's second, not primary engagement: she is kept at her primary one.
            engagement_obj("e-anna-2", "anna", "Anna Hansen", "social", "Vikar", is_primary=False),
            engagement_obj("e-eva", "eva", "Eva Lund", "sundet", "Pædagog"),
        ],
        "managers": [
            manager_obj("m-skoler", "skoler", "bo"),
            manager_obj("m-boern", "boern", "dina"),
            manager_obj("m-social", "social", None),  # vacant
        ],
    }


class FakeOS2mo(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def _answer(self, status: int, data: dict) -> None:
        body = json.dumps(data).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting, as it should

    def do_POST(self):
        state = self.server.state
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode()
        if self.path == "/auth/realms/mo/protocol/openid-connect/token":
            form = {key: values[0] for key, values in parse_qs(body).items()}
            state["token_requests"] += 1
            if (
                form.get("grant_type") == "client_credentials"
                and form.get("client_id") == CLIENT_ID
                and form.get("client_secret") == CLIENT_SECRET
            ):
                self._answer(
                    200,
                    {"access_token": TOKEN, "expires_in": 300, "token_type": "Bearer"},
                )
            else:
                self._answer(401, {"error": "unauthorized_client"})
            return
        if self.path != "/graphql/v22":
            self._answer(404, {"detail": "Not Found"})
            return
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._answer(401, {"detail": "Not authenticated"})
            return
        request = json.loads(body)
        query = request["query"]
        collection = re.search(r"\{\s*(\w+)\(", query).group(1)
        limit = int(re.search(r"limit: (\d+)", query).group(1))
        cursor = request["variables"].get("cursor")
        offset = int(base64.b64decode(cursor)) if cursor else 0
        page = offset // limit + 1
        state["requests"].append((collection, page))
        if state.get("slow") == (collection, page):
            time.sleep(1.5)
        if state.get("fail") == (collection, page):
            self._answer(500, {"detail": "Internal Server Error"})
            return
        if state.get("graphql_error") == (collection, page):
            self._answer(
                200,
                {
                    "data": None,
                    "errors": [{"message": "Cannot query field 'x'", "locations": []}],
                },
            )
            return
        objects = state["data"][collection]
        chunk = objects[offset : offset + limit]
        following = offset + limit
        next_cursor = (
            base64.b64encode(str(following).encode()).decode() if following < len(objects) else None
        )
        self._answer(
            200,
            {"data": {collection: {"objects": chunk, "page_info": {"next_cursor": next_cursor}}}},
        )


@pytest.fixture
def os2mo(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOS2mo)
    server.daemon_threads = True
    server.state = {"data": organisation(), "requests": [], "token_requests": 0}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.OS2MO_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.OS2MO_CLIENT_ID = CLIENT_ID
    settings.OS2MO_CLIENT_SECRET = CLIENT_SECRET
    settings.OS2MO_TOKEN_URL = ""
    settings.OS2MO_GRAPHQL_VERSION = 22
    settings.OS2MO_PAGE_SIZE = 2
    settings.OS2MO_TIMEOUT = 0.5
    yield server.state
    server.shutdown()
    server.server_close()


def sync(*, dry_run: bool = False):
    return services.organisation_sync_os2mo(dry_run=dry_run)


def unit(key: str) -> OrgUnit:
    return OrgUnit.objects.select_related("parent", "manager").get(external_id=uid(key))


def person(key: str) -> Person:
    return Person.objects.select_related("org_unit", "user").get(external_id=uid(key))


def snapshot_of_database() -> tuple:
    units = sorted(
        OrgUnit.objects.values_list("external_id", "name", "parent_id", "manager_id", "kind")
    )
    people = sorted(
        Person.objects.values_list(
            "external_id", "name", "email", "title", "org_unit_id", "ended_on"
        )
    )
    return units, people


def test_first_sync_creates_the_unit_tree_and_the_people_with_managers(db, os2mo):
    report = sync()

    assert report.applied and not report.has_errors
    # Every collection was read page by page, two objects a page.
    assert os2mo["requests"] == [
        ("org_units", 1), ("org_units", 2), ("org_units", 3),
        ("engagements", 1), ("engagements", 2), ("engagements", 3),
        ("managers", 1), ("managers", 2),
    ]  # fmt: skip
    assert os2mo["token_requests"] == 1
    assert OrgUnit.objects.count() == 5
    assert unit("kommune").parent is None
    assert unit("kommune").kind == OrgUnit.Kind.MUNICIPALITY
    assert unit("boern").parent == unit("kommune")
    assert unit("boern").kind == OrgUnit.Kind.AREA
    assert unit("skoler").parent == unit("boern")
    assert unit("sundet").parent == unit("skoler")
    assert unit("sundet").kind == OrgUnit.Kind.DEPARTMENT

    anna = person("anna")
    assert (anna.name, anna.email, anna.title) == ("Anna Hansen", "anna@kommune.example", "Lærer")
    assert anna.org_unit == unit("sundet")  # her primary engagement, not the second one
    assert anna.kind == Person.Kind.EMPLOYEE and anna.ended_on is None
    assert anna.user.email == "anna@kommune.example"
    assert anna.user.groups.filter(name=roles.MEDARBEJDER).exists()
    assert Person.objects.count() == 5

    assert unit("skoler").manager == person("bo")
    assert unit("boern").manager == person("dina")
    assert unit("social").manager is None  # the position is vacant
    assert unit("kommune").manager is None

    units, employees = report.files
    assert (units.created, units.updated, units.ended) == (5, 0, 0)
    assert (employees.created, employees.updated, employees.ended) == (5, 0, 0)
    assert report.users_created == 5


def test_second_sync_changes_nothing(db, os2mo, capsys):
    sync()
    before = snapshot_of_database()

    report = sync()

    assert report.applied and not report.has_errors
    assert (report.created, report.updated, report.ended) == (0, 0, 0)
    assert report.unchanged == 10
    assert snapshot_of_database() == before
    call_command("sync_os2mo")  # in Danish, the default language
    out = capsys.readouterr().out
    assert out.count("0 nye, 0 ændrede, 0 afsluttede, 5 uændrede.") == 2
    assert "Synkroniseret med OS2mo." in out


def test_a_renamed_and_moved_unit_and_a_person_who_changed_unit_are_updated(db, os2mo):
    sync()
    data = os2mo["data"]
    data["org_units"][3] = unit_obj("sundet", "Sundskolen", "social")
    data["engagements"][1] = engagement_obj("e-bo", "bo", "Bo Jensen", "social", "Konsulent")
    data["managers"][0] = manager_obj("m-skoler", "skoler", "anna")

    report = sync()

    assert report.applied
    assert unit("sundet").name == "Sundskolen"
    assert unit("sundet").parent == unit("social")
    bo = person("bo")
    assert bo.org_unit == unit("social") and bo.title == "Konsulent"
    assert unit("skoler").manager == person("anna")
    units, employees = report.files
    assert (units.created, units.updated) == (0, 2)
    assert (employees.created, employees.updated) == (0, 1)
    changed = {row.name: [c.new for c in row.changes] for row in units.changed_rows}
    assert changed == {"Sundskolen": ["Sundskolen", "Social og Sundhed"], "Skoler": ["Anna Hansen"]}


def test_a_person_who_left_is_ended_not_deleted_and_can_come_back(db, os2mo):
    sync()
    eva_user = person("eva").user
    data = os2mo["data"]
    gone = data["engagements"].pop()  # Eva's engagement ended

    report = sync()

    eva = person("eva")
    assert eva.ended_on == timezone.localdate()
    assert eva.org_unit == unit("sundet")  # where she was, kept
    eva_user.refresh_from_db()
    assert not eva_user.is_active  # her account no longer logs in
    assert person("anna").ended_on is None and person("anna").user.is_active
    employees = report.files[1]
    assert [(row.name, row.action) for row in employees.changed_rows] == [
        ("Eva Lund", Action.ENDED)
    ]
    # Ended once, not again.
    assert sync().ended == 0

    data["engagements"].append(gone)
    report = sync()
    eva = person("eva")
    assert eva.ended_on is None and eva.user.is_active
    assert report.files[1].updated == 1


def test_people_with_other_ids_than_os2mos_are_not_ended(db, os2mo):
    from_file = PersonFactory(name="Fra HR-filen", external_id="1001")
    by_hand = PersonFactory(name="Oprettet i hånden")

    sync()

    from_file.refresh_from_db()
    by_hand.refresh_from_db()
    assert from_file.ended_on is None and by_hand.ended_on is None


def test_a_failure_on_page_three_leaves_the_database_unchanged(db, os2mo):
    sync()
    before = snapshot_of_database()
    data = os2mo["data"]
    data["org_units"][1] = unit_obj("kommune", "Ny kommune", None)
    data["engagements"].pop()
    os2mo["fail"] = ("engagements", 3)

    report = sync()

    assert not report.applied and report.has_errors
    assert "500" in report.errors[0].message and "3" in report.errors[0].message
    assert snapshot_of_database() == before
    with pytest.raises(CommandError):
        call_command("sync_os2mo")
    assert snapshot_of_database() == before


def test_a_graphql_error_is_reported_and_nothing_changes(db, os2mo):
    os2mo["graphql_error"] = ("managers", 2)

    report = sync()

    assert not report.applied
    assert "Cannot query field" in report.errors[0].message
    assert not OrgUnit.objects.exists() and not Person.objects.exists()


def test_dry_run_writes_nothing_but_reports(db, os2mo, capsys):
    report = sync(dry_run=True)

    assert report.dry_run and not report.applied and not report.has_errors
    assert report.created == 10
    assert not OrgUnit.objects.exists() and not Person.objects.exists()

    with translation.override("en"):
        call_command("sync_os2mo", "--dry-run")
    out = capsys.readouterr().out
    assert "New: Anna Hansen" in out
    assert "Dry run: nothing was written." in out
    assert not OrgUnit.objects.exists()


def test_a_wrong_secret_gives_a_clear_error_in_danish_and_english(db, os2mo, settings):
    settings.OS2MO_CLIENT_SECRET = "forkert"

    with translation.override("da"):
        danish = sync().errors[0].message
    with translation.override("en"):
        english = sync().errors[0].message
        with pytest.raises(CommandError, match="Nothing was changed"):
            call_command("sync_os2mo")

    assert "OS2MO_CLIENT_SECRET" in danish and "afviste" in danish
    assert "refused the client id and secret" in english
    assert os2mo["requests"] == []  # no query was sent without a token
    assert not OrgUnit.objects.exists()


def test_a_slow_os2mo_times_out_and_nothing_changes(db, os2mo):
    os2mo["slow"] = ("engagements", 2)

    with translation.override("en"):
        report = sync()

    assert "did not answer in time" in report.errors[0].message
    assert not OrgUnit.objects.exists()


def test_an_unreachable_os2mo_is_reported(db, os2mo, settings):
    settings.OS2MO_URL = "http://127.0.0.1:9"  # nothing listens there

    with translation.override("en"):
        report = sync()

    assert "could not be reached" in report.errors[0].message


def test_without_configuration_the_sync_says_what_to_set(db, settings):
    settings.OS2MO_URL = ""

    with translation.override("en"):
        report = sync()

    assert "OS2MO_URL" in report.errors[0].message


def test_a_bad_row_in_os2mo_stops_the_whole_sync_and_names_it(db, os2mo):
    os2mo["data"]["engagements"][2] = engagement_obj("e-carl", "carl", "", "social", "Områdechef")

    with translation.override("en"):
        report = sync()

    assert not report.applied
    message = report.files[1].errors[0].message
    assert uid("carl") in message and "Name is missing" in message
    assert not OrgUnit.objects.exists()


def test_a_manager_set_by_hand_is_replaced_by_os2mos(db, os2mo):
    sync()
    someone = PersonFactory(name="Sat i hånden")
    OrgUnit.objects.filter(external_id=uid("social")).update(manager=someone)

    report = sync()

    assert unit("social").manager is None
    assert report.files[0].updated == 1


def test_units_os2mo_no_longer_has_are_kept(db, os2mo):
    sync()
    os2mo["data"]["org_units"].pop()  # Social og Sundhed
    os2mo["data"]["engagements"][2] = engagement_obj(
        "e-carl", "carl", "Carl Nielsen", "boern", "Områdechef"
    )
    os2mo["data"]["managers"].pop()
    other = OrgUnitFactory(name="Lokal enhed")

    report = sync()

    assert report.applied
    assert OrgUnit.objects.filter(external_id=uid("social")).exists()
    assert OrgUnit.objects.filter(pk=other.pk).exists()


def test_the_queued_sync_runs_in_the_task_worker_and_reports(db, os2mo, capsys):
    from samskab.organisation.tasks import sync_os2mo

    call_command("sync_os2mo", "--queue")  # the immediate backend runs it right away

    assert OrgUnit.objects.count() == 5
    result = sync_os2mo.call()
    assert result == {
        "applied": True,
        "dry_run": False,
        "created": 0,
        "updated": 0,
        "ended": 0,
        "unchanged": 10,
        "users_created": 0,
        "errors": [],
    }
