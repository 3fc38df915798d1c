"""The REST API: tokens and their scopes, the error shape in both languages, cursor
pagination, rate limits, the writes through the apps' services and the OpenAPI document.
Who may call what is the permission matrix's (tests/test_permission_matrix.py)."""

import json
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from samskab.accounts import roles
from samskab.api import services
from samskab.api.models import ApiToken
from samskab.benefits.models import BenefitRealisation
from samskab.evidence.models import Experiment, Measurement
from samskab.ideas.models import Audience, Comment, Idea, Support


def post(client, url, payload=None, **kwargs):
    return client.post(url, json.dumps(payload or {}), content_type="application/json", **kwargs)


# Tokens -------------------------------------------------------------------------------


def test_token_is_stored_only_as_its_digest(personas):
    token, secret = services.token_create(
        user=personas[roles.MEDARBEJDER], name="Dashboard", scope="read", days=30
    )
    token.refresh_from_db()
    assert secret.startswith("samskab_")
    assert secret not in (token.digest, token.prefix)
    assert token.digest == services.digest_of(secret)
    assert secret.startswith(token.prefix)


def test_read_token_reads_but_cannot_write(personas, make_idea, bearer):
    idea = make_idea()
    client = bearer(personas[roles.MEDARBEJDER], scope="read")
    assert client.get(f"/api/v1/ideas/{idea.pk}").status_code == 200
    response = post(client, f"/api/v1/ideas/{idea.pk}/support")
    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"
    assert not Support.objects.exists()


def test_write_token_writes_as_its_user(personas, make_idea, bearer):
    idea = make_idea()
    response = post(bearer(personas[roles.MEDARBEJDER]), f"/api/v1/ideas/{idea.pk}/support")
    assert response.status_code == 200
    assert response.json() == {"supported": True, "support_count": 1}
    assert Support.objects.get().user == personas[roles.MEDARBEJDER]


def test_expired_token_is_refused(personas, make_idea):
    token, secret = services.token_create(
        user=personas[roles.MEDARBEJDER], name="Gammel", scope="read", days=30
    )
    ApiToken.objects.filter(pk=token.pk).update(
        created_at=timezone.now() - timedelta(days=40), expires_at=timezone.now()
    )
    response = Client().get("/api/v1/ideas", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
    assert response.json()["code"] == "expired_token"


def test_revoked_token_is_refused_and_stays_listed(personas, client):
    user = personas[roles.MEDARBEJDER]
    token, secret = services.token_create(user=user, name="Tilbagekaldt", scope="read", days=30)
    client.force_login(user)
    response = client.post(f"/profil/api-noegler/{token.pk}/tilbagekald/")
    assert response.status_code == 302
    assert response["Location"] == "/profil/#api-noegler"
    response = Client().get("/api/v1/tasks", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
    assert response.json()["code"] == "revoked_token"
    assert "Tilbagekaldt" in client.get("/profil/").text


def test_unknown_token_is_refused_not_taken_as_anonymous(db):
    response = Client().get("/api/v1/ideas", headers={"Authorization": "Bearer samskab_nonsense"})
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_token_of_deactivated_user_is_refused(personas, bearer):
    user = personas[roles.MEDARBEJDER]
    client = bearer(user)
    user.is_active = False
    user.save()
    assert client.get("/api/v1/tasks").json()["code"] == "invalid_token"


def test_no_one_revokes_someone_elses_token(personas, client):
    token, _secret = services.token_create(
        user=personas[roles.MEDARBEJDER], name="Min", scope="read", days=30
    )
    client.force_login(personas[roles.ADMINISTRATOR])
    assert client.post(f"/profil/api-noegler/{token.pk}/tilbagekald/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_is_made_on_the_profile_and_shown_once(personas, client):
    user = personas[roles.MEDARBEJDER]
    client.force_login(user)
    response = client.post(
        "/profil/api-noegler/", {"name": "Områdets tavle", "scope": "write", "days": "90"}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    secret = response.context["secret"]
    assert secret in response.text
    assert "no-store" in response["Cache-Control"]
    assert token.can_write
    assert token.expires_at.date() == (token.created_at + timedelta(days=90)).date()
    profile = client.get("/profil/").text
    assert "Områdets tavle" in profile
    assert secret not in profile
    api_client = Client(headers={"Authorization": f"Bearer {secret}"})
    assert api_client.get("/api/v1/tasks").status_code == 200


def test_token_form_refuses_a_lifetime_it_does_not_offer(personas, client):
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.post("/profil/api-noegler/", {"name": "x", "scope": "read", "days": "9999"})
    assert response.status_code == 200
    assert response.context["form"].errors["days"]
    assert not ApiToken.objects.exists()


# Session ---------------------------------------------------------------------------------


def test_session_reads_without_a_token(personas, client):
    client.force_login(personas[roles.MEDARBEJDER])
    assert client.get("/api/v1/tasks").status_code == 200


def test_session_write_needs_the_csrf_token(personas, make_idea):
    idea = make_idea()
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas[roles.MEDARBEJDER])
    response = post(client, f"/api/v1/ideas/{idea.pk}/support")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    client.get("/profil/")  # sets the CSRF cookie, as any page does
    token = client.cookies["csrftoken"].value
    response = post(client, f"/api/v1/ideas/{idea.pk}/support", headers={"X-CSRFToken": token})
    assert response.status_code == 200


# Errors in both languages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "detail"),
    [("da", "Findes ikke."), ("en", "Not found.")],
)
def test_error_shape_in_the_callers_language(db, language, detail):
    response = Client().get("/api/v1/ideas/999999", headers={"Accept-Language": language})
    assert response.status_code == 404
    assert response.json() == {"detail": detail, "code": "not_found"}
    assert response["Content-Language"] == language


@pytest.mark.parametrize(
    ("language", "detail"),
    [("da", "Log ind eller send en API-nøgle."), ("en", "Log in or send an API key.")],
)
def test_anonymous_is_told_to_authenticate_in_its_language(db, language, detail):
    response = Client().get("/api/v1/tasks", headers={"Accept-Language": language})
    assert response.status_code == 401
    assert response.json() == {"detail": detail, "code": "not_authenticated"}


def test_a_services_rule_comes_back_as_field_errors(personas, bearer):
    response = post(
        bearer(personas[roles.BORGER], language="en"),
        "/api/v1/ideas",
        {"title": "Intern", "description": "x", "audience": Audience.INTERNAL},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["detail"] == "Only employees can submit internal ideas."
    assert body["errors"] == [{"field": "audience", "message": body["detail"]}]


def test_malformed_body_is_422_with_the_fields(personas, bearer):
    response = post(bearer(personas[roles.MEDARBEJDER]), "/api/v1/ideas", {"title": 5})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_request"
    assert body["detail"] == "Forespørgslen er ikke gyldig."
    assert {error["field"] for error in body["errors"]} == {"title", "description"}


@pytest.mark.parametrize("body", ["{", "[]", '{"title": null}', '"x"', "\x00"])
def test_hostile_bodies_never_crash(personas, bearer, body):
    response = bearer(personas[roles.MEDARBEJDER]).post(
        "/api/v1/ideas", body, content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert set(response.json()) >= {"detail", "code"}


# Writes go through the services -----------------------------------------------------------


def test_submit_idea_is_received_and_pending_moderation(personas, bearer):
    token = "6f1c0e3a-8d7b-4a39-9c1e-2b1f4e5d6a7b"
    client = bearer(personas[roles.MEDARBEJDER])
    payload = {"title": "Cykelværksted", "description": "Elever reparerer cykler.", "token": token}
    first = post(client, "/api/v1/ideas", payload)
    again = post(client, "/api/v1/ideas", payload)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    idea = Idea.objects.get()
    assert idea.author == personas[roles.MEDARBEJDER]
    assert idea.moderation == Idea.Moderation.PENDING
    assert idea.status_changes.count() == 1


def test_submit_idea_refuses_a_unit_that_is_not_an_area(personas, unit, bearer):
    response = post(
        bearer(personas[roles.MEDARBEJDER]),
        "/api/v1/ideas",
        {"title": "Cykler", "description": "x", "area_ids": [unit.pk]},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "area_ids"
    assert not Idea.objects.exists()

    response = post(
        bearer(personas[roles.MEDARBEJDER]),
        "/api/v1/ideas",
        {"title": "Cykler", "description": "x", "area_ids": [unit.parent.pk]},
    )
    assert response.status_code == 201
    assert list(Idea.objects.get().areas.all()) == [unit.parent]


def test_comment_on_a_closed_idea_is_refused(personas, make_idea, bearer):
    survivor = make_idea(title="Overlever")
    merged = make_idea(merged_into=survivor, answer=Idea.Answer.MERGED, status=Idea.Status.ANSWERED)
    response = post(
        bearer(personas[roles.MEDARBEJDER]), f"/api/v1/ideas/{merged.pk}/comments", {"body": "Hej"}
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_comment_is_added_and_counted(personas, make_idea, bearer):
    idea = make_idea()
    response = post(
        bearer(personas[roles.BORGER]), f"/api/v1/ideas/{idea.pk}/comments", {"body": " God idé "}
    )
    assert response.status_code == 201
    assert response.json()["body"] == "God idé"
    idea.refresh_from_db()
    assert idea.comment_count == 1


def test_realisation_is_recorded_on_the_signed_agreement(personas, task, signed, bearer):
    _agreement, line = signed(task)
    response = post(
        bearer(personas[roles.INNOVATIONSENHED]),
        f"/api/v1/benefit-lines/{line.pk}/realisations",
        {
            "period_start": "2025-01-01",
            "period_end": "2025-03-31",
            "value": "25000.50",
            "evidence": "Udtræk fra omsorgssystemet",
        },
    )
    assert response.status_code == 201, response.content
    realisation = BenefitRealisation.objects.get()
    assert realisation.value == Decimal("25000.50")
    assert realisation.recorded_by == personas[roles.INNOVATIONSENHED]


def test_realisation_for_a_future_period_is_refused(personas, task, signed, bearer):
    _agreement, line = signed(task)
    later = timezone.localdate() + timedelta(days=40)
    response = post(
        bearer(personas[roles.INNOVATIONSENHED], language="en"),
        f"/api/v1/benefit-lines/{line.pk}/realisations",
        {
            "period_start": str(timezone.localdate()),
            "period_end": str(later),
            "value": "1",
            "evidence": "x",
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "period_end"
    assert not BenefitRealisation.objects.exists()


@pytest.fixture
def experiment(task, manager):
    return Experiment.objects.create(
        task=task,
        title="Forsøg",
        hypothesis="Vi tror at …",
        intervention="x",
        metric="Ventetid",
        unit="dage",
        baseline=0,
        target_change=1,
        success_criterion="x",
        starts_on=date(2025, 1, 6),
        ends_on=date(2025, 6, 30),
        owner=manager.person,
        value_served="quality",
    )


def test_measurement_is_recorded_by_the_tasks_owner(manager, experiment, bearer):
    response = post(
        bearer(manager),
        f"/api/v1/experiments/{experiment.pk}/measurements",
        {"measured_on": "2025-02-03", "value": "4.25", "observations": 12},
    )
    assert response.status_code == 201, response.content
    measurement = Measurement.objects.get()
    assert (measurement.value, measurement.observations) == (Decimal("4.25"), 12)
    assert measurement.recorded_by == manager


def test_measurement_of_the_comparison_group_needs_a_comparison_design(manager, experiment, bearer):
    response = post(
        bearer(manager),
        f"/api/v1/experiments/{experiment.pk}/measurements",
        {"measured_on": "2025-02-03", "value": "1", "group": "comparison"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "group"


def test_employee_outside_the_team_cannot_measure(personas, experiment, bearer):
    response = post(
        bearer(personas[roles.DIREKTION]),
        f"/api/v1/experiments/{experiment.pk}/measurements",
        {"measured_on": "2025-02-03", "value": "1"},
    )
    assert response.status_code == 403
    assert not Measurement.objects.exists()


# Reads --------------------------------------------------------------------------------------


def test_task_shows_phase_team_trials_and_benefits(personas, task, signed, experiment, bearer):
    signed(task)
    body = bearer(personas[roles.DIREKTION]).get(f"/api/v1/tasks/{task.pk}").json()
    assert body["phase"] == task.phase
    assert body["phase_name"] == "Forretningsudvikling"
    assert [trial["id"] for trial in body["trials"]] == [experiment.pk]
    assert body["benefits"]["agreement_status"] == "signed"
    assert body["benefits"]["lines"][0]["expected"] == "600000.00"
    assert body["team"] == []


def test_merged_idea_names_the_survivor_only_to_those_who_may_open_it(make_idea, client):
    survivor = make_idea(title="Overlever")
    hidden = make_idea(title="Intern", audience=Audience.INTERNAL)
    merged = make_idea(merged_into=survivor, answer=Idea.Answer.MERGED, status=Idea.Status.ANSWERED)
    into_hidden = make_idea(
        merged_into=hidden, answer=Idea.Answer.MERGED, status=Idea.Status.ANSWERED
    )
    assert client.get(f"/api/v1/ideas/{merged.pk}").json()["merged_into_id"] == survivor.pk
    assert client.get(f"/api/v1/ideas/{into_hidden.pk}").json()["merged_into_id"] is None


def test_idea_list_hides_what_the_reader_may_not_see(personas, make_idea, bearer):
    public = make_idea(title="Offentlig")
    internal = make_idea(title="Intern", audience=Audience.INTERNAL)
    make_idea(title="Afventer", moderation=Idea.Moderation.PENDING)
    citizen = bearer(personas[roles.BORGER]).get("/api/v1/ideas").json()
    employee = bearer(personas[roles.MEDARBEJDER]).get("/api/v1/ideas").json()
    assert [row["id"] for row in citizen["results"]] == [public.pk]
    assert [row["id"] for row in employee["results"]] == [internal.pk, public.pk]


def test_cursor_pages_walk_every_idea_once_newest_first(make_idea, client):
    ids = [make_idea(title=f"Idé {n}").pk for n in range(7)]
    seen, url = [], "/api/v1/ideas?page_size=3"
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert seen == sorted(ids, reverse=True)


def test_cursor_stays_stable_when_ideas_arrive(make_idea, client):
    first = [make_idea(title=f"Idé {n}").pk for n in range(4)]
    page = client.get("/api/v1/ideas?page_size=2").json()
    make_idea(title="Ny")
    second = client.get(page["next"]).json()
    assert [row["id"] for row in second["results"]] == sorted(first, reverse=True)[2:]


@pytest.mark.parametrize("cursor", ["zzz", "cD1hYmM=", "%00"])
def test_bad_cursor_is_a_clear_error(db, client, cursor):
    response = client.get(f"/api/v1/ideas?cursor={cursor}", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert response.json() == {"detail": "The cursor is not valid.", "code": "invalid_cursor"}


@pytest.mark.parametrize(("path", "count"), [("ideas", 3), ("ideas", 60), ("tasks", 3)])
def test_lists_read_in_a_fixed_number_of_queries(
    personas, make_idea, make_task, bearer, django_assert_max_num_queries, path, count
):
    for n in range(count):
        make_idea(title=f"Idé {n}")
        if path == "tasks":
            make_task(title=f"Opgave {n}")
    client = bearer(personas[roles.MEDARBEJDER])
    client.get(f"/api/v1/{path}")  # the token's last use is written once, not per call
    # The token with its user, the user's groups, the page.
    with django_assert_max_num_queries(3):
        response = client.get(f"/api/v1/{path}?page_size=50")
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(count, 50)


def test_catalogue_list_reads_in_a_fixed_number_of_queries(
    db, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        response = client.get("/api/v1/catalogue")
    assert response.status_code == 200


# Rate limits ----------------------------------------------------------------------------


def test_calls_beyond_the_rate_are_refused(db, client, settings):
    settings.SAMSKAB_API_RATE = "3/m"
    codes = [client.get("/api/v1/ideas").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get("/api/v1/ideas").json()["code"] == "rate_limited"


def test_api_supports_count_against_the_pages_limit(personas, make_idea, bearer):
    ideas = [make_idea(title=f"Idé {n}") for n in range(61)]
    client = bearer(personas[roles.MEDARBEJDER])
    codes = [post(client, f"/api/v1/ideas/{idea.pk}/support").status_code for idea in ideas]
    assert codes.count(200) == 60
    assert codes[-1] == 429


# The OpenAPI document and its documentation ---------------------------------------------


def api_patterns() -> set[tuple[str, str]]:
    """(path, view name) of every operation routed under /api/v1/."""
    (resolver,) = [
        pattern
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLResolver) and str(pattern.pattern) == "api/v1/"
    ]
    found = set()
    for pattern in resolver.url_patterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name in ("openapi-json", "openapi-view", "api-root"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", f"/api/v1/{pattern.pattern}")
        found.add((path, pattern.name))
    return found


def test_openapi_document_lists_every_endpoint(db, client):
    document = client.get("/api/v1/openapi.json").json()
    listed = [
        (path, operation["operationId"], operation.get("summary"))
        for path, operations in document["paths"].items()
        for operation in operations.values()
    ]
    routed = api_patterns()
    assert len(routed) == len(listed) > 15
    for path, name in routed:
        assert any(
            path == listed_path and operation_id.endswith(f"_{name}")
            for listed_path, operation_id, _summary in listed
        ), f"{path} ({name}) is not in the OpenAPI document"
    assert all(summary for _path, _id, summary in listed)
    assert "ApiAuth" in document["components"]["securitySchemes"]


def test_documentation_is_served_from_our_own_static_files(db, client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in response.text
    assert "cdn" not in response.text.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]
