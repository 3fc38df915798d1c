"""Demo data for the organisation: a Gentofte-like municipality with its people.

Used by ``manage.py seed_demo``. Names come from Faker's Danish locale with a
fixed seed, so the same scale gives the same organisation every time. Rows are
written with bulk inserts so that large scales stay fast.
"""

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from faker import Faker

from samskab.accounts import roles
from samskab.accounts.models import User

from .models import Competency, OrgUnit, Person, PersonCompetency

DEMO_ID_PREFIX = "demo-"

# Area -> departments/institutions, each with the job titles found there.
AREAS: dict[str, list[tuple[str, str, list[str]]]] = {
    "Børn og Skole": [
        ("Skoler", OrgUnit.Kind.DEPARTMENT, ["Skoleleder", "Lærer", "Pædagog"]),
        ("Skolen ved Sundet", OrgUnit.Kind.INSTITUTION, ["Lærer", "Pædagog", "Skoleleder"]),
        ("Bakkeskolen", OrgUnit.Kind.INSTITUTION, ["Lærer", "Pædagog", "Skolesekretær"]),
        ("Dagtilbud", OrgUnit.Kind.DEPARTMENT, ["Dagtilbudschef", "Pædagogisk konsulent"]),
        ("Børnehuset Mælkebøtten", OrgUnit.Kind.INSTITUTION, ["Pædagog", "Pædagogmedhjælper"]),
        (
            "Pædagogisk Psykologisk Rådgivning",
            OrgUnit.Kind.DEPARTMENT,
            ["Psykolog", "Talehørekonsulent"],
        ),
    ],
    "Social og Sundhed": [
        (
            "Ældre og Pleje",
            OrgUnit.Kind.DEPARTMENT,
            ["Sygeplejerske", "Social- og sundhedsassistent"],
        ),
        (
            "Plejecenter Egebo",
            OrgUnit.Kind.INSTITUTION,
            ["Social- og sundhedshjælper", "Sygeplejerske"],
        ),
        ("Hjemmeplejen", OrgUnit.Kind.DEPARTMENT, ["Social- og sundhedsassistent", "Visitator"]),
        (
            "Sundhed og Forebyggelse",
            OrgUnit.Kind.DEPARTMENT,
            ["Fysioterapeut", "Sundhedskonsulent"],
        ),
        ("Socialområdet", OrgUnit.Kind.DEPARTMENT, ["Socialrådgiver", "Familiebehandler"]),
    ],
    "By, Plan og Miljø": [
        ("Byplan", OrgUnit.Kind.DEPARTMENT, ["Byplanlægger", "Arkitekt"]),
        ("Miljø og Klima", OrgUnit.Kind.DEPARTMENT, ["Miljømedarbejder", "Klimakonsulent"]),
        ("Vej og Park", OrgUnit.Kind.DEPARTMENT, ["Ingeniør", "Gartner"]),
    ],
    "Kultur, Unge og Fritid": [
        ("Bibliotekerne", OrgUnit.Kind.INSTITUTION, ["Bibliotekar", "Formidler"]),
        ("Ungdomsskolen", OrgUnit.Kind.INSTITUTION, ["Ungdomsskolelærer", "Klubmedarbejder"]),
        ("Idræt og Fritid", OrgUnit.Kind.DEPARTMENT, ["Fritidskonsulent", "Foreningskonsulent"]),
    ],
    "Tværgående Funktioner": [
        ("HR", OrgUnit.Kind.DEPARTMENT, ["HR-konsulent", "HR-chef"]),
        ("Økonomi", OrgUnit.Kind.DEPARTMENT, ["Økonom", "Controller"]),
        ("Digitalisering", OrgUnit.Kind.DEPARTMENT, ["Digitaliseringskonsulent", "Dataanalytiker"]),
        ("Kommunikation", OrgUnit.Kind.DEPARTMENT, ["Kommunikationskonsulent", "Webredaktør"]),
        ("Jura", OrgUnit.Kind.DEPARTMENT, ["Jurist", "Databeskyttelsesrådgiver"]),
        ("Innovationsenheden", OrgUnit.Kind.DEPARTMENT, ["Innovationskonsulent", "Designer"]),
    ],
}

# Which competencies a job title makes likely, so the demo directory is plausible.
TITLE_COMPETENCIES: dict[str, list[str]] = {
    "Lærer": ["kommunikation", "ideudvikling", "relationer"],
    "Pædagog": ["relationer", "facilitering", "kommunikation"],
    "Skoleleder": ["forandringsledelse", "oekonomi", "hr"],
    "Psykolog": ["antropologi", "relationer", "dataindsamling"],
    "Sygeplejerske": ["relationer", "dataindsamling", "ideudvikling"],
    "Socialrådgiver": ["jura", "relationer", "antropologi"],
    "Byplanlægger": ["design", "konceptualisering", "facilitering"],
    "Arkitekt": ["design", "konceptualisering"],
    "Bibliotekar": ["kommunikation", "facilitering", "ideudvikling"],
    "HR-konsulent": ["hr", "forandringsledelse", "jura"],
    "Økonom": ["oekonomi", "forretningsudvikling", "dataindsamling"],
    "Controller": ["oekonomi", "dataindsamling"],
    "Digitaliseringskonsulent": ["digitalisering", "forretningsudvikling", "konceptualisering"],
    "Dataanalytiker": ["dataindsamling", "digitalisering", "oekonomi"],
    "Kommunikationskonsulent": ["kommunikation", "relationer", "design"],
    "Jurist": ["jura", "kommunikation"],
    "Innovationskonsulent": ["facilitering", "ideudvikling", "design", "antropologi"],
    "Designer": ["design", "konceptualisering", "facilitering"],
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    groups: tuple[str, ...]
    kind: str
    unit: str | None
    title: str
    superuser: bool = False


DEMO_USERS = (
    DemoUser("borger", "Mette Borg Jensen", (roles.BORGER,), Person.Kind.CITIZEN, None, ""),
    DemoUser(
        "medarbejder",
        "Jonas Holm",
        (roles.MEDARBEJDER,),
        Person.Kind.EMPLOYEE,
        "Skolen ved Sundet",
        "Lærer",
    ),
    DemoUser(
        "innovationspartner",
        "Sara Lund Nielsen",
        (roles.MEDARBEJDER,),
        Person.Kind.EMPLOYEE,
        "Ældre og Pleje",
        "Sygeplejerske",
    ),
    DemoUser(
        "omraadeleder",
        "Henrik Vestergaard",
        (roles.MEDARBEJDER, roles.OMRAADELEDER),
        Person.Kind.EMPLOYEE,
        "Social og Sundhed",
        "Områdechef",
    ),
    DemoUser(
        "innovationsmedarbejder",
        "Amalie Krogh",
        (roles.MEDARBEJDER, roles.INNOVATIONSENHED),
        Person.Kind.EMPLOYEE,
        "Innovationsenheden",
        "Innovationskonsulent",
    ),
    DemoUser(
        "innovationschef",
        "Peter Damgaard",
        (roles.MEDARBEJDER, roles.INNOVATIONSENHED, roles.INNOVATIONSCHEF),
        Person.Kind.EMPLOYEE,
        "Innovationsenheden",
        "Innovationschef",
    ),
    DemoUser(
        "direktion",
        "Lise Munk",
        (roles.MEDARBEJDER, roles.DIREKTION),
        Person.Kind.EMPLOYEE,
        "Gentofte Kommune",
        "Kommunaldirektør",
    ),
    DemoUser(
        "chefforum",
        "Morten Bach",
        (roles.MEDARBEJDER, roles.CHEFFORUM),
        Person.Kind.EMPLOYEE,
        "Tværgående Funktioner",
        "Økonomichef",
    ),
    DemoUser(
        "oekonomi",
        "Lone Kjær",
        (roles.MEDARBEJDER, roles.OEKONOMI),
        Person.Kind.EMPLOYEE,
        "Økonomi",
        "Controller",
    ),
    DemoUser(
        "opgaveudvalg",
        "Hanne Frost",
        (roles.OPGAVEUDVALG,),
        Person.Kind.POLITICIAN,
        None,
        "Medlem af opgaveudvalget",
    ),
    DemoUser(
        "kommunalbestyrelse",
        "Claus Riis",
        (roles.KOMMUNALBESTYRELSE,),
        Person.Kind.POLITICIAN,
        None,
        "Medlem af kommunalbestyrelsen",
    ),
    DemoUser(
        "admin",
        "Systemadministrator",
        (roles.MEDARBEJDER, roles.ADMINISTRATOR),
        Person.Kind.EMPLOYEE,
        "Digitalisering",
        "Systemadministrator",
        superuser=True,
    ),
)
DEMO_PASSWORD = "samskab-demo"  # noqa: S105 - documented demo password, never in production


def seed_organisation(*, scale: int, rng: random.Random) -> dict[str, OrgUnit]:
    """The unit tree: municipality, areas, departments and institutions; more institutions per scale."""
    root = OrgUnit.objects.create(
        name="Gentofte Kommune", kind=OrgUnit.Kind.MUNICIPALITY, external_id=f"{DEMO_ID_PREFIX}0"
    )
    areas = OrgUnit.objects.bulk_create(
        OrgUnit(name=name, kind=OrgUnit.Kind.AREA, parent=root, external_id=f"{DEMO_ID_PREFIX}a{i}")
        for i, name in enumerate(AREAS, start=1)
    )
    units = []
    for area in areas:
        for j, (name, kind, _titles) in enumerate(AREAS[area.name], start=1):
            units.append(
                OrgUnit(name=name, kind=kind, parent=area, external_id=f"{area.external_id}-{j}")
            )
        for extra in range(1, scale):
            units.append(
                OrgUnit(
                    name=f"{area.name}, enhed {extra + 1}",
                    kind=OrgUnit.Kind.INSTITUTION,
                    parent=area,
                    external_id=f"{area.external_id}-x{extra}",
                )
            )
    OrgUnit.objects.bulk_create(units)
    by_name = {unit.name: unit for unit in OrgUnit.objects.all()}
    return by_name


def _titles_for(unit: OrgUnit) -> list[str]:
    for departments in AREAS.values():
        for name, _kind, titles in departments:
            if name == unit.name:
                return titles
    return ["Medarbejder", "Konsulent", "Leder"]


def seed_people(*, scale: int, rng: random.Random, units: dict[str, OrgUnit]) -> int:
    """About 60 employees per scale step, each with a user, a title and plausible competencies."""
    fake = Faker("da_DK")
    fake.seed_instance(rng.randint(0, 2**31))
    competencies = {c.slug: c for c in Competency.objects.all()}
    workplaces = [
        u for u in units.values() if u.kind in (OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.INSTITUTION)
    ]
    employee_group = Group.objects.get(name=roles.MEDARBEJDER)
    unusable = make_password(None)

    count = 60 * scale
    people, users = [], []
    for i in range(count):
        unit = workplaces[i % len(workplaces)]
        name = f"{fake.first_name()} {fake.last_name()}"
        username = f"demo{i + 1:05d}"
        email = f"{username}@demo.samskab.dk"
        users.append(User(username=username, email=email, password=unusable))
        people.append(
            Person(
                kind=Person.Kind.EMPLOYEE,
                name=name,
                email=email,
                title=rng.choice(_titles_for(unit)),
                org_unit=unit,
                external_id=f"{DEMO_ID_PREFIX}e{i + 1}",
            )
        )
    users = User.objects.bulk_create(users, batch_size=1000)
    for person, user in zip(people, users, strict=True):
        person.user = user
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=employee_group.pk) for u in users],
        batch_size=1000,
    )
    people = Person.objects.bulk_create(people, batch_size=1000)

    links = []
    for person in people:
        likely = [
            competencies[s] for s in TITLE_COMPETENCIES.get(person.title, []) if s in competencies
        ]
        others = rng.sample(list(competencies.values()), k=rng.randint(0, 2))
        for competency in dict.fromkeys(likely[:2] + others):
            links.append(
                PersonCompetency(person=person, competency=competency, level=rng.randint(1, 4))
            )
    PersonCompetency.objects.bulk_create(links, batch_size=2000)
    return count


def seed_demo_users(*, units: dict[str, OrgUnit]) -> list[User]:
    """One user per role, all with the demo password and a verified e-mail address."""
    from allauth.account.models import EmailAddress

    password = make_password(DEMO_PASSWORD)
    groups = {g.name: g for g in Group.objects.all()}
    created = []
    for demo in DEMO_USERS:
        email = f"{demo.username}@demo.samskab.dk"
        user = User.objects.create(
            username=demo.username,
            email=email,
            password=password,
            is_superuser=demo.superuser,
            is_staff=demo.superuser,
        )
        user.groups.set([groups[name] for name in demo.groups])
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        person = Person.objects.create(
            user=user,
            kind=demo.kind,
            name=demo.name,
            email=email,
            title=demo.title,
            org_unit=units.get(demo.unit) if demo.unit else None,
        )
        if roles.OMRAADELEDER in demo.groups and demo.unit in units:
            # The area manager manages their area, as OS2mo would say.
            OrgUnit.objects.filter(pk=units[demo.unit].pk).update(manager=person)
        created.append(user)
    return created
