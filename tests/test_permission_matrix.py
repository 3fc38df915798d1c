"""Every URL of Samskab for every persona, with the status it must answer.

A URL of the project's own that has no row here fails the suite, so that no
page is added without deciding who may see it. docs/permissions.md mirrors
this table.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from samskab.accounts import roles
from samskab.core.testing import PERSONAS
from samskab.organisation.models import Competency, Person

LOGGED_IN = frozenset(PERSONAS) - {"anonymous"}
INTERNAL = frozenset(roles.EMPLOYEE_ROLES + roles.POLITICAL_ROLES)
UNIT_STAFF = frozenset({roles.INNOVATIONSENHED, roles.INNOVATIONSCHEF, roles.ADMINISTRATOR})
ADMIN = frozenset({roles.ADMINISTRATOR})


def expect(allowed, *, ok=200, anonymous=302, others=403) -> dict[str, int]:
    """``ok`` for the allowed personas, ``anonymous`` (a redirect to log in) and ``others``."""
    codes = {persona: ok if persona in allowed else others for persona in PERSONAS}
    if "anonymous" not in allowed:
        codes["anonymous"] = anonymous
    return codes


everyone = expect(PERSONAS)
# url name (with a [variant] for a second object) -> status per persona
MATRIX: dict[str, dict[str, int]] = {
    "healthz": everyone,
    "was": expect(PERSONAS, ok=301),
    "core:home": everyone,
    "core:accessibility": everyone,
    "core:privacy": everyone,
    "organisation:person-list": expect(INTERNAL),
    "organisation:person-create": expect(UNIT_STAFF),
    "organisation:person-detail": expect(INTERNAL, others=404),
    "organisation:person-detail[external]": expect(UNIT_STAFF, others=404),
    "organisation:person-edit": {**expect(UNIT_STAFF), "borger": 404},
    "organisation:person-edit[external]": expect(UNIT_STAFF, others=404),
    "organisation:profile": expect(LOGGED_IN),
    "organisation:orgunit-list": expect(INTERNAL),
    "organisation:orgunit-detail": expect(INTERNAL),
    "organisation:orgunit-create": expect(ADMIN),
    "organisation:orgunit-edit": expect(ADMIN),
    "organisation:competency-list": expect(INTERNAL),
    "organisation:competency-create": expect(ADMIN),
    "organisation:competency-edit": expect(ADMIN),
    # The admin sends everyone but staff to its own login page.
    "admin:index": expect(ADMIN, others=302),
    "admin:organisation_orgunit_import": expect(ADMIN, others=302),
    # Account pages (django-allauth): logged-in users are sent on from login and sign-up.
    "account_login": expect({"anonymous"}, others=302),
    "account_signup": expect({"anonymous"}, others=302),
    "account_reset_password": everyone,
    "account_logout": expect(LOGGED_IN),
    "account_change_password": expect(LOGGED_IN),
    "account_email": expect(LOGGED_IN),
    "mfa_index": expect(LOGGED_IN),
}


def project_url_names() -> set[str]:
    """Names of every URL whose view is Samskab's own code."""
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                module = getattr(pattern.callback, "__module__", "")
                if module.startswith("samskab."):
                    names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_project_url_has_a_row_in_the_matrix():
    rows = {name.split("[")[0] for name in MATRIX}
    missing = project_url_names() - rows
    assert not missing, f"Add these URLs to the permission matrix: {sorted(missing)}"


@pytest.fixture
def objects(personas, unit):
    employee = Person.objects.get(user=personas[roles.MEDARBEJDER])
    external = Person.objects.create(kind=Person.Kind.CITIZEN, name="Ekstern Borger")
    return {
        "person": employee.pk,
        "person[external]": external.pk,
        "orgunit": unit.pk,
        "competency": Competency.objects.first().pk,
    }


def url_for(name: str, objects: dict) -> str:
    base, _, variant = name.partition("[")
    entity = base.split(":")[-1].rsplit("-", 1)[0]
    key = f"{entity}[{variant}" if variant else entity
    if base.endswith(("-detail", "-edit")):
        return reverse(base, kwargs={"pk": objects[key]})
    return reverse(base)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(client, personas, objects, name, persona):
    user = personas[persona]
    if user is not None:
        client.force_login(user)
    response = client.get(url_for(name, objects))
    assert response.status_code == MATRIX[name][persona], (
        f"{persona} on {name}: {response.status_code}"
    )
