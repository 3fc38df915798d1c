"""Reading the organisation from OS2mo, the municipalities' open-source organisation model.

OS2mo answers GraphQL at ``/graphql/v<N>`` (``OS2MO_GRAPHQL_VERSION``) to a bearer token
that Keycloak gives a client with the client-credentials grant (``OS2MO_TOKEN_URL``, by
default ``/auth/realms/mo/protocol/openid-connect/token`` on ``OS2MO_URL``). Each
collection is read page by page: ``limit`` objects at a time, the next page asked for
with the ``page_info { next_cursor }`` of the one before, until it is null. Only what is
valid today (``current``) is read.

Everything is read before anything is written (``importing.os2mo``), so a failure on
any page leaves Samskab as it was. Every failure is an ``OS2moError`` with a message for
the administrator; nothing here writes to the database.
"""

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_PAGES = 10_000  # a guard against a server that never stops paging

UNITS_QUERY = """
query SamskabOrgUnits($cursor: Cursor) {
  org_units(limit: %(limit)d, cursor: $cursor) {
    page_info { next_cursor }
    objects { current { uuid name parent { uuid } } }
  }
}
"""

ENGAGEMENTS_QUERY = """
query SamskabEngagements($cursor: Cursor) {
  engagements(limit: %(limit)d, cursor: $cursor) {
    page_info { next_cursor }
    objects {
      current {
        uuid
        is_primary
        job_function { name }
        org_unit { uuid }
        person { uuid name addresses { value address_type { scope } } }
      }
    }
  }
}
"""

MANAGERS_QUERY = """
query SamskabManagers($cursor: Cursor) {
  managers(limit: %(limit)d, cursor: $cursor) {
    page_info { next_cursor }
    objects { current { org_unit { uuid } person { uuid } } }
  }
}
"""


class OS2moError(Exception):
    """OS2mo could not be read; the message says why, for the administrator."""


@dataclass(frozen=True)
class Unit:
    uuid: str
    name: str
    parent_uuid: str  # empty: a unit at the top


@dataclass(frozen=True)
class Employee:
    """A person with an engagement today, as Samskab keeps them: one unit and one title."""

    uuid: str
    name: str
    email: str
    unit_uuid: str
    title: str


@dataclass
class Snapshot:
    units: list[Unit] = field(default_factory=list)
    employees: list[Employee] = field(default_factory=list)
    managers: dict[str, str] = field(default_factory=dict)  # unit uuid -> person uuid


def configured() -> bool:
    return bool(settings.OS2MO_URL and settings.OS2MO_CLIENT_ID and settings.OS2MO_CLIENT_SECRET)


def token_url() -> str:
    return settings.OS2MO_TOKEN_URL or (
        f"{settings.OS2MO_URL}/auth/realms/mo/protocol/openid-connect/token"
    )


def graphql_url() -> str:
    return f"{settings.OS2MO_URL}/graphql/v{settings.OS2MO_GRAPHQL_VERSION}"


def read_snapshot() -> Snapshot:
    """The whole organisation as OS2mo has it today; OS2moError if any part fails."""
    if not configured():
        raise OS2moError(
            _("OS2mo is not configured: set OS2MO_URL, OS2MO_CLIENT_ID and OS2MO_CLIENT_SECRET.")
        )
    timeout = httpx.Timeout(settings.OS2MO_TIMEOUT, connect=min(settings.OS2MO_TIMEOUT, 10))
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            reader = _Reader(client, _token(client))
            return Snapshot(
                units=_units(reader.pages("org_units", UNITS_QUERY)),
                employees=_employees(reader.pages("engagements", ENGAGEMENTS_QUERY)),
                managers=_managers(reader.pages("managers", MANAGERS_QUERY)),
            )
    except httpx.TimeoutException as error:
        raise OS2moError(
            _("OS2mo did not answer in time (within %(seconds)s seconds).")
            % {"seconds": f"{settings.OS2MO_TIMEOUT:g}"}
        ) from error
    except httpx.HTTPError as error:
        raise OS2moError(
            _("OS2mo could not be reached: %(reason)s") % {"reason": type(error).__name__}
        ) from error


def _json(response: httpx.Response) -> dict:
    try:
        data = response.json()
    except ValueError as error:
        raise OS2moError(_("OS2mo answered with something other than JSON.")) from error
    if not isinstance(data, dict):
        raise OS2moError(_("OS2mo answered with something other than JSON."))
    return data


def _token(client: httpx.Client) -> str:
    response = client.post(
        token_url(),
        data={
            "grant_type": "client_credentials",
            "client_id": settings.OS2MO_CLIENT_ID,
            "client_secret": settings.OS2MO_CLIENT_SECRET,
        },
        headers={"Accept": "application/json"},
    )
    if response.status_code in (400, 401, 403):
        raise OS2moError(
            _(
                "OS2mo's Keycloak refused the client id and secret (HTTP status %(status)d). "
                "Check OS2MO_CLIENT_ID and OS2MO_CLIENT_SECRET."
            )
            % {"status": response.status_code}
        )
    if response.status_code != 200:
        raise OS2moError(
            _("OS2mo's Keycloak answered with the HTTP status %(status)d.")
            % {"status": response.status_code}
        )
    token = _json(response).get("access_token")
    if not isinstance(token, str) or not token:
        raise OS2moError(_("OS2mo's Keycloak gave no access token."))
    return token


class _Reader:
    def __init__(self, client: httpx.Client, token: str):
        self.client = client
        self.token = token

    def pages(self, collection: str, query: str) -> Iterator[dict]:
        """Every object's ``current`` of a collection, page by page."""
        text = query % {"limit": max(1, settings.OS2MO_PAGE_SIZE)}
        cursor = None
        for page in range(1, MAX_PAGES + 1):
            data = self._post(text, {"cursor": cursor}, collection=collection, page=page)
            try:
                found = data["data"][collection]
                objects = found["objects"]
                cursor = found["page_info"]["next_cursor"]
            except (KeyError, TypeError) as error:
                raise self._bad(collection, page) from error
            if not isinstance(objects, list):
                raise self._bad(collection, page)
            for item in objects:
                current = item.get("current") if isinstance(item, dict) else None
                if current is not None:  # None: not valid today
                    if not isinstance(current, dict):
                        raise self._bad(collection, page)
                    yield current
            if cursor is None:
                return
        raise OS2moError(
            _("OS2mo kept paging %(collection)s beyond %(pages)d pages.")
            % {"collection": collection, "pages": MAX_PAGES}
        )

    def _bad(self, collection: str, page: int) -> OS2moError:
        return OS2moError(
            _("OS2mo's answer for %(collection)s (page %(page)d) was not as expected.")
            % {"collection": collection, "page": page}
        )

    def _post(self, query: str, variables: dict, *, collection: str, page: int) -> dict:
        response = self.client.post(
            graphql_url(),
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {self.token}", "Accept": "application/json"},
        )
        if response.status_code in (401, 403):
            raise OS2moError(
                _(
                    "OS2mo refused the access token (HTTP status %(status)d). Check that the "
                    "client OS2MO_CLIENT_ID may read the organisation."
                )
                % {"status": response.status_code}
            )
        if response.status_code != 200:
            raise OS2moError(
                _(
                    "OS2mo answered with the HTTP status %(status)d when reading "
                    "%(collection)s (page %(page)d)."
                )
                % {"status": response.status_code, "collection": collection, "page": page}
            )
        data = _json(response)
        errors = data.get("errors")
        if errors:
            first = errors[0] if isinstance(errors, list) and errors else {}
            message = first.get("message", "") if isinstance(first, dict) else ""
            logger.warning("OS2mo GraphQL errors for %s page %d: %s", collection, page, errors)
            raise OS2moError(
                _("OS2mo refused the query for %(collection)s (page %(page)d): %(message)s")
                % {"collection": collection, "page": page, "message": str(message)[:300]}
            )
        return data


def _uuid(value) -> str:
    return str(value["uuid"]) if isinstance(value, dict) and value.get("uuid") else ""


def _first(value) -> dict | None:
    """OS2mo gives some references as a list of one (``person``, ``org_unit``)."""
    if isinstance(value, list):
        return value[0] if value and isinstance(value[0], dict) else None
    return value if isinstance(value, dict) else None


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _units(objects: Iterator[dict]) -> list[Unit]:
    return [
        Unit(
            uuid=_uuid(current),
            name=_text(current.get("name")),
            parent_uuid=_uuid(_first(current.get("parent"))),
        )
        for current in objects
    ]


def _email(person: dict) -> str:
    for address in person.get("addresses") or []:
        if not isinstance(address, dict):
            continue
        kind = address.get("address_type") or {}
        if isinstance(kind, dict) and kind.get("scope") == "EMAIL":
            return _text(address.get("value"))
    return ""


def _employees(objects: Iterator[dict]) -> list[Employee]:
    """One per person: their primary engagement, or else the first by the engagement's uuid."""
    chosen: dict[str, tuple[tuple[bool, str], Employee]] = {}
    for current in objects:
        person = _first(current.get("person"))
        if person is None or not _uuid(person):
            continue
        job = current.get("job_function")
        employee = Employee(
            uuid=_uuid(person),
            name=_text(person.get("name")),
            email=_email(person),
            unit_uuid=_uuid(_first(current.get("org_unit"))),
            title=_text(job.get("name")) if isinstance(job, dict) else "",
        )
        rank = (not current.get("is_primary"), _uuid(current))
        if employee.uuid not in chosen or rank < chosen[employee.uuid][0]:
            chosen[employee.uuid] = (rank, employee)
    return [employee for _rank, employee in chosen.values()]


def _managers(objects: Iterator[dict]) -> dict[str, str]:
    """The manager of each unit; a vacant position is none, and the first one found wins."""
    managers: dict[str, str] = {}
    for current in objects:
        unit = _uuid(_first(current.get("org_unit")))
        person = _uuid(_first(current.get("person")))
        if unit and person:
            managers.setdefault(unit, person)
    return managers
