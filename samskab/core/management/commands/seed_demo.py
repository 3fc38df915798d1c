"""Load demo data: ``manage.py seed_demo [--scale N] [--if-empty]``.

Scale 1 gives a Gentofte-like organisation with about 60 employees and one demo
user per role (password ``samskab-demo``); scale N gives N times the people
and more institutions. Refused under production settings.
"""

import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from samskab.accounts import demo as accounts_demo
from samskab.accounts.models import User
from samskab.api import demo as api_demo
from samskab.barometer import demo as barometer_demo
from samskab.benefits import demo as benefits_demo
from samskab.catalogue import demo as catalogue_demo
from samskab.core import freshness
from samskab.events import demo as events_demo
from samskab.evidence import demo as evidence_demo
from samskab.finance import demo as finance_demo
from samskab.house import demo as house_demo
from samskab.ideas import demo as ideas_demo
from samskab.methods import demo as methods_demo
from samskab.network import demo as network_demo
from samskab.organisation import demo as organisation_demo
from samskab.organisation.models import OrgUnit
from samskab.portfolio import demo as portfolio_demo
from samskab.portfolio import gates
from samskab.spread import demo as spread_demo
from samskab.teams import demo as teams_demo


class Command(BaseCommand):
    help = (
        "Load demo data: a Gentofte-like organisation, people, one demo user per role, "
        "challenges and ideas with supports, comments and status trails."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1, help="Multiply the amount of data (1-1000)."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has an organisation or users.",
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed (same seed, same data)."
        )

    def handle(self, *args, scale: int, if_empty: bool, seed: int, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded under production settings.")
        if not 1 <= scale <= 1000:
            raise CommandError("--scale must be between 1 and 1000.")
        has_data = OrgUnit.objects.exists() or User.objects.exists()
        if has_data:
            if if_empty:
                self.stdout.write("Demo data not loaded: the database already has data.")
                return
            raise CommandError("The database already has data; seed_demo needs an empty database.")

        started = time.monotonic()
        rng = random.Random(seed)  # noqa: S311 - demo data, not security
        # The demo's people have made-up addresses: what the services would e-mail them is dropped.
        quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
        with quiet, transaction.atomic():
            units = organisation_demo.seed_organisation(scale=scale, rng=rng)
            employees = organisation_demo.seed_people(scale=scale, rng=rng, units=units)
            demo_users = organisation_demo.seed_demo_users(units=units)
            self.stdout.write(f"Organisation and people: {time.monotonic() - started:.1f} s")
            chief = User.objects.get(username="innovationschef")
            challenges = ideas_demo.seed_challenges(units=units, by=chief)
            ideas = ideas_demo.seed_ideas(scale=scale, rng=rng, units=units, challenges=challenges)
            # The tasks pass their gates before their teams, trials and agreements exist;
            # the apps' demos below then give each task what its phase asks for.
            with gates.set_aside(keep=gates.OWN):
                portfolio = portfolio_demo.seed_portfolio(scale=scale, rng=rng)
            teams_demo.seed_teams(rng=rng)
            network_demo.seed_network()
            benefits_demo.seed_benefits(rng=rng)
            evidence_demo.seed_evidence(rng=rng)
            spread_demo.seed_spread(rng=rng)
            barometer_demo.seed_barometer(rng=rng)
            catalogue_demo.seed_catalogue(rng=rng)
            methods_demo.seed_methods(rng=rng)
            finance_demo.seed_finance(rng=rng)
            house_demo.seed_house(rng=rng)
            events_demo.seed_events(rng=rng)
            accounts_demo.seed_identity(rng=rng)
            api_demo.seed_api_tokens()
        freshness.touch(*freshness.APPS)  # much of it was written in bulk, without signals
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded in {time.monotonic() - started:.1f} s: {len(units)} units, "
                f"{employees} employees, {len(demo_users)} demo users "
                f"(password {organisation_demo.DEMO_PASSWORD}), {len(challenges)} challenges, "
                f"{ideas} ideas, {portfolio['tasks']} innovation tasks."
            )
        )
