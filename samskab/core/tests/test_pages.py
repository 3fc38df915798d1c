import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.organisation.models import OrgUnit, Person
from samskab.portfolio import gates
from samskab.portfolio.models import InnovationTask


def test_healthz_answers_ok_after_a_database_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_was_leads_to_the_accessibility_statement(client, db):
    response = client.get("/was", follow=True)
    assert response.redirect_chain[-1][0] == "/tilgaengelighedserklaering/"
    assert response.status_code == 200


def test_pages_carry_a_strict_content_security_policy(client, db):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert b"<script>" not in response.content
    assert b" style=" not in response.content


def test_menu_shows_each_role_what_it_may_use(client, personas):
    def menu(persona):
        client.logout()
        if personas[persona]:
            client.force_login(personas[persona])
        return {str(item["label"]) for item in client.get("/en/").context["navigation"]}

    public = {
        "Front page",
        "Ideas",
        "Challenges",
        "Catalogue",
        "Innovation house",
        "Events",
        "Methods",
    }
    assert menu("anonymous") == public
    assert menu(roles.BORGER) == public | {"My ideas", "My profile"}
    assert menu(roles.MEDARBEJDER) == public | {
        "My ideas",
        "Portfolio",
        "Decisions",
        "Overview",
        "Funnel and flow",
        "Partners",
        "People",
        "Organisation",
        "Competencies",
        "My profile",
    }
    assert "Inbox" in menu(roles.INNOVATIONSENHED)
    assert {"Assessment", "Sparring"} <= menu(roles.INNOVATIONSENHED)
    assert "Assessment" not in menu(roles.DIREKTION)
    assert {"Meetings", "Decisions", "Portfolio", "Overview", "Capacity"} <= menu(roles.DIREKTION)
    assert "Capacity" in menu(roles.INNOVATIONSENHED)
    assert "Inbox" not in menu(roles.OMRAADELEDER)
    assert "Administration" in menu(roles.ADMINISTRATOR)
    assert "Administration" not in menu(roles.INNOVATIONSCHEF)
    assert "Partners" in menu(roles.KOMMUNALBESTYRELSE)


def test_municipality_name_is_a_setting(client, db, settings):
    settings.SAMSKAB_MUNICIPALITY_NAME = "Rudersdal Kommune"
    assert "Rudersdal Kommune" in client.get("/").content.decode()


def test_seed_demo_loads_once_with_one_user_per_role(db):
    call_command("seed_demo")
    expected = {
        "borger",
        "medarbejder",
        "innovationspartner",
        "omraadeleder",
        "innovationsmedarbejder",
        "innovationschef",
        "direktion",
        "chefforum",
        "opgaveudvalg",
        "kommunalbestyrelse",
        "admin",
    }
    assert expected <= set(User.objects.values_list("username", flat=True))
    assert 55 <= Person.objects.filter(kind=Person.Kind.EMPLOYEE).count() <= 80
    areas = set(OrgUnit.objects.filter(kind=OrgUnit.Kind.AREA).values_list("name", flat=True))
    assert {"Børn og Skole", "Social og Sundhed", "Tværgående Funktioner"} <= areas
    assert User.objects.get(username="direktion").groups.filter(name=roles.DIREKTION).exists()
    assert User.objects.get(username="admin").check_password("samskab-demo")

    call_command("seed_demo", "--if-empty")  # a second run changes nothing
    assert User.objects.filter(username="borger").count() == 1
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_the_demo_tasks_have_a_history_that_meets_the_gates_they_passed(db):
    """Teams, trials and agreements come after the portfolio's replay; the result must hold."""
    call_command("seed_demo", "--scale", "2")
    today = timezone.localdate()
    tasks = InnovationTask.objects.prefetch_related("decisions")
    assert tasks.filter(status=InnovationTask.Status.ACTIVE, phase__gte=5).exists()
    for task in tasks.filter(
        status__in=[InnovationTask.Status.ACTIVE, InnovationTask.Status.PAUSED]
    ):
        passed = [
            requirement
            for requirement in gates.requirements()
            if requirement.key != gates.EXIT_CHECKLIST.key  # ticked phase by phase
            and any(
                requirement.applies(from_phase=phase, to_phase=phase + 1)
                for phase in range(1, task.phase)
            )
        ]
        unmet = [r.key for r in passed if r.check(task)]
        assert not unmet, (
            f"{task.title} (phase {task.phase}) passed gates it does not meet: {unmet}"
        )
        dates = [d.decided_on for d in sorted(task.decisions.all(), key=lambda d: d.pk)]
        assert task.started_on == dates[0] <= today
        assert dates == sorted(dates), f"{task.title}: decisions out of order"


def test_seed_demo_scales(db):
    call_command("seed_demo", "--scale", "3")
    assert (
        Person.objects.filter(kind=Person.Kind.EMPLOYEE, external_id__startswith="demo-").count()
        == 180
    )


def test_seed_demo_is_refused_under_production_settings(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


def run_settings(env: dict) -> subprocess.CompletedProcess:
    code = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','samskab.settings'); django.setup()"
    clean = {"PATH": "/usr/bin:/bin", **env}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env=clean,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key_or_hosts():
    missing_key = run_settings({"SAMSKAB_ENV": "production", "ALLOWED_HOSTS": "samskab.dk"})
    assert missing_key.returncode != 0
    assert "SECRET_KEY" in missing_key.stderr
    missing_hosts = run_settings({"SAMSKAB_ENV": "production", "SECRET_KEY": "x" * 60})
    assert missing_hosts.returncode != 0
    assert "ALLOWED_HOSTS" in missing_hosts.stderr
    complete = run_settings(
        {"SAMSKAB_ENV": "production", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "samskab.dk"}
    )
    assert complete.returncode == 0, complete.stderr


def base_url_under(env: dict) -> str:
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','samskab.settings');"
        " django.setup(); from django.conf import settings; print(settings.SAMSKAB_BASE_URL)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return result.stdout.strip()


def test_links_in_e_mails_follow_the_port_samskab_runs_on():
    assert base_url_under({}) == "http://127.0.0.1:8000"
    assert base_url_under({"PORT": "8123"}) == "http://127.0.0.1:8123"
    given = {"PORT": "8123", "SAMSKAB_BASE_URL": "https://samskab.kommune.dk/"}
    assert base_url_under(given) == "https://samskab.kommune.dk"


def test_every_environment_variable_is_documented_in_the_readme():
    source = (settings.BASE_DIR / "samskab" / "settings.py").read_text(encoding="utf-8")
    import re

    names = set(re.findall(r"env(?:_bool|_int|_list)?\(\s*\"([A-Z_]+)\"", source))
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    undocumented = {name for name in names if f"`{name}`" not in readme}
    assert names, "no environment variables found"
    assert not undocumented, f"Document in README.md: {sorted(undocumented)}"
