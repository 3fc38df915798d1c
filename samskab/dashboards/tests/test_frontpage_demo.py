"""The demo data gives every list on each demo user's front page something to show."""

from django.core.management import call_command

from samskab.accounts.models import User
from samskab.dashboards.testing import front_page
from samskab.organisation.demo import DEMO_USERS


def test_every_panel_of_every_demo_user_has_something_to_show(client, db):
    call_command("seed_demo")
    for demo in DEMO_USERS:
        panels = front_page(client, User.objects.get(username=demo.username))
        assert panels, f"{demo.username} has an empty front page"
        empty = [key for key, listing in panels.items() if not listing.items]
        assert not empty, f"{demo.username}: nothing to show in {empty}"
    chief = front_page(client, User.objects.get(username="innovationschef"))
    assert chief["gates-due"].warnings, "the demo shows the chief a gate between meetings"
