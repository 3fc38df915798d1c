"""Demo data for login through identity providers: a company representative who logged
in with MitID Erhverv, and her idea on behalf of the verified company."""

import random

from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import Group

from samskab.ideas import services as idea_services
from samskab.ideas.models import Idea
from samskab.organisation.models import Person

from . import roles
from .models import User

COMPANY_UUID = "urn:uuid:6f1c2a9e-4b7d-4c51-9a0e-3d2b8f7e1c44"


def seed_identity(*, rng: random.Random) -> None:
    """Karen Lund of Lunds Cykler ApS (CVR 20301823), known only by MitID's pseudonym."""
    user = User(username="mitid-karen", email="karen@lundscykler.example", first_name="Karen")
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=roles.BORGER))
    Person.objects.create(user=user, name="Karen Lund", email=user.email, kind=Person.Kind.COMPANY)
    SocialAccount.objects.create(
        user=user,
        provider="saml",
        uid=COMPANY_UUID,
        extra_data={
            "name": "Karen Lund",
            "cvr": "20301823",
            "org_name": "Lunds Cykler ApS",
            "loa": "https://data.gov.dk/concept/core/nsis/loa/Substantial",
        },
    )
    idea = idea_services.idea_submit(
        idea=Idea(
            title=rng.choice(["Cykelparkering ved Gentofte Station", "Ladecykler til dagplejen"]),
            description="Vi vil gerne stille overdækket cykelparkering og service til rådighed.",
            consent_to_publish=True,
        ),
        author=user,
    )
    # The trail's first step is dated the moment idea_submit began; the idea from then too.
    Idea.objects.filter(pk=idea.pk).update(
        moderation=Idea.Moderation.APPROVED, created_at=idea.status_changed_at
    )
