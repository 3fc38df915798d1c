"""Demo partners and partnerships (seed §9): 4K, research, a company, associations, a
foundation and a region, each taking part in the demo tasks.

Runs after the portfolio's and the teams' demos, and reuses the organisations the
teams' demo created for its people from outside. Companies and foundations have
made-up names.
"""

from datetime import timedelta

from django.utils import timezone

from samskab.accounts.models import User
from samskab.organisation.models import Person
from samskab.portfolio.models import InnovationTask

from . import services
from .models import Organisation, Partnership

Kind = Organisation.Kind
Status = Partnership.Status

# name -> kind, location, description, website
ORGANISATIONS = {
    "Gladsaxe Kommune": (Kind.MUNICIPALITY, "Gladsaxe", "4K-kommune.", "https://gladsaxe.dk"),
    "Lyngby-Taarbæk Kommune": (
        Kind.MUNICIPALITY,
        "Lyngby-Taarbæk",
        "4K-kommune.",
        "https://www.ltk.dk",
    ),
    "Rudersdal Kommune": (Kind.MUNICIPALITY, "Rudersdal", "4K-kommune.", "https://rudersdal.dk"),
    "Københavns Universitet": (
        Kind.KNOWLEDGE_INSTITUTION,
        "København",
        "Forskning i rehabilitering og aldring ved Institut for Idræt og Ernæring.",
        "https://www.ku.dk",
    ),
    "Roskilde Universitet": (
        Kind.KNOWLEDGE_INSTITUTION,
        "Roskilde",
        "Forskning i velfærdsinnovation og socialt arbejde.",
        "https://ruc.dk",
    ),
    "Fysioterapi Nord ApS": (
        Kind.COMPANY,
        "Gentofte",
        "Privat fysioterapiklinik med hjemmetræning af ældre.",
        "",
    ),
    "Flytteguiden ApS": (
        Kind.COMPANY,
        "København",
        "Lille softwarevirksomhed, der laver digitale selvbetjeningsforløb.",
        "",
    ),
    "Ældresagen Gentofte": (
        Kind.ASSOCIATION,
        "Gentofte",
        "Lokalafdeling med frivillige besøgs- og motionsvenner.",
        "",
    ),
    "Frivilligcenter Nordkysten": (
        Kind.ASSOCIATION,
        "Gentofte",
        "Forening, der formidler frivillige til lektiehjælp og fællesskaber.",
        "",
    ),
    "Fonden for Velfærd og Fornyelse": (
        Kind.FOUNDATION,
        "København",
        "Almennyttig fond, der støtter afprøvning og udbredelse af nye velfærdsløsninger.",
        "",
    ),
    "Region Hovedstaden": (Kind.REGION, "Hillerød", "", "https://www.regionh.dk"),
}

# title, organisations, purpose, data terms, rights terms, contact, days since start,
# days of the period (None: until further notice), status, [(task, role)]
PARTNERSHIPS = [
    (
        "4K: Synlig læring på tværs af kommunerne",
        ["Gladsaxe Kommune", "Lyngby-Taarbæk Kommune", "Rudersdal Kommune"],
        "De fire 4K-kommuner – Gentofte, Gladsaxe, Lyngby-Taarbæk og Rudersdal – afprøver og "
        "spreder skiftet fra undervisning til synlig læring sammen: fælles læringsforløb for "
        "skoleledere, et fælles sæt af læringsmål og en årlig erfaringskonference.",
        "Kun aggregerede og anonymiserede resultater af læringsmålinger deles mellem "
        "kommunerne. Der udveksles ingen personoplysninger om elever; hver kommune er selv "
        "dataansvarlig for egne data.",
        "Materialer, metoder og værktøjer fra samarbejdet må frit bruges og videreudvikles af "
        "alle fire kommuner og deles med andre under licensen CC BY 4.0.",
        ("Henrik Vestergaard", "hv@4k-eksempel.dk"),
        420,
        1_095,
        Status.ACTIVE,
        [
            ("Synlig læring", "Afprøver modellen på egne skoler og deler resultaterne"),
            ("Træn dig fri", "Deler erfaringer fra egne træningsforløb"),
        ],
    ),
    (
        "Følgeforskning i hverdagsrehabilitering",
        ["Københavns Universitet"],
        "Forskerne følger træningsforløbene i Træn dig fri og måler, om borgerne bevarer "
        "funktionsevnen et år efter forløbet, sammenlignet med borgere, der fik hjemmehjælp.",
        "Kommunen videregiver pseudonymiserede data om funktionsevne og visitation efter en "
        "databehandleraftale. Data slettes ved projektets afslutning.",
        "Universitetet må publicere resultaterne; kommunen har ret til at bruge dem frit. "
        "Udkast til artikler sendes til kommunen fire uger før indsendelse.",
        ("Mette Lund", "mette.lund@eksempel.dk"),
        300,
        730,
        Status.ACTIVE,
        [("Træn dig fri", "Følgeforskning og effektmåling")],
    ),
    (
        "Evaluering af én gennemgående kontaktperson",
        ["Roskilde Universitet"],
        "En uafhængig evaluering af, om familier med én kontaktperson får hurtigere og mere "
        "sammenhængende hjælp.",
        "Interview med familier sker kun med skriftligt samtykke; udskrifter opbevares hos "
        "universitetet og slettes efter to år.",
        "Evalueringsrapporten er offentlig. Universitetet ejer sine data.",
        ("Nadia Rahimi", "nadia@eksempel.dk"),
        -30,
        540,
        Status.NEGOTIATION,
        [("Én kontaktperson – hele familien", "Evaluering")],
    ),
    (
        "Træningsforløb i eget hjem",
        ["Fysioterapi Nord ApS"],
        "Fysioterapeuter fra klinikken træner borgere i deres eget hjem i de første tolv uger "
        "af forløbet og lærer kommunens hjemmetrænere op.",
        "Virksomheden er databehandler for kommunen og behandler kun de oplysninger, "
        "træningen kræver.",
        "Træningsprogrammet, der udvikles i samarbejdet, ejes af kommunen; virksomheden må "
        "bruge det i sin øvrige forretning.",
        ("Karin Holt", "karin@eksempel.dk"),
        240,
        365,
        Status.ACTIVE,
        [("Træn dig fri", "Leverer trænere og udvikler træningsprogrammet")],
    ),
    (
        "Digitalt flytteforløb",
        ["Flytteguiden ApS"],
        "Udvikling af et digitalt forløb, hvor nye borgere klarer skole, læge, affald og "
        "parkering på én gang.",
        "Løsningen henter kun oplysninger fra kommunens systemer med borgerens samtykke.",
        "Kommunen får brugsret til løsningen; kildekoden offentliggøres under en åben licens.",
        ("Jonas Brix", "jonas@eksempel.dk"),
        -14,
        None,
        Status.NEGOTIATION,
        [("Flytning med ét klik", "Udvikler den digitale løsning")],
    ),
    (
        "Frivillige træningsvenner",
        ["Ældresagen Gentofte"],
        "Frivillige træningsvenner følger borgerne efter forløbet, så træningen bliver en vane.",
        "Foreningen får kun navn og telefonnummer på borgere, der selv siger ja.",
        "",
        ("Bent Sørensen", "bent@eksempel.dk"),
        180,
        None,
        Status.ACTIVE,
        [("Træn dig fri", "Rekrutterer og klæder frivillige på")],
    ),
    (
        "Lektiehjælp med frivillige",
        ["Frivilligcenter Nordkysten"],
        "Frivillige og ældre elever hjælper med lektier på biblioteket to eftermiddage om ugen.",
        "Der deles ingen personoplysninger om eleverne.",
        "",
        ("Lise Dam", "lise@eksempel.dk"),
        700,
        730,
        Status.ENDED,
        [("Lektiecafé på biblioteket", "Stillede de frivillige")],
    ),
    (
        "Fondsstøtte til udbredelse af synlig læring",
        ["Fonden for Velfærd og Fornyelse"],
        "Fonden medfinansierer uddannelse af læringsvejledere på alle kommunens skoler.",
        "Fonden modtager en årlig afrapportering uden personoplysninger.",
        "Fonden må omtale projektet og dets resultater i sin formidling.",
        ("Sara Holm", "sara@eksempel.dk"),
        200,
        900,
        Status.ACTIVE,
        [("Synlig læring", "Medfinansierer udbredelsen")],
    ),
    (
        "Fælles data om genoptræning",
        ["Region Hovedstaden"],
        "Fælles opfølgning på genoptræning efter udskrivning fra hospitalet.",
        "Parterne kunne ikke blive enige om hjemmel til at dele data på personniveau.",
        "",
        ("", "genoptraening@eksempel.dk"),
        150,
        365,
        Status.CANCELLED,
        [("Træn dig fri", "Skulle levere udskrivningsdata")],
    ),
]


def seed_network() -> dict:
    today = timezone.localdate()
    staff = User.objects.get(username="innovationsmedarbejder")
    responsibles = list(
        Person.objects.filter(user__username__in=["innovationsmedarbejder", "innovationschef"])
        .filter(kind=Person.Kind.EMPLOYEE)
        .order_by("pk")
    )
    organisations = {}
    for name, (kind, location, description, website) in ORGANISATIONS.items():
        organisation = Organisation.objects.filter(name=name).first() or Organisation(name=name)
        organisation.kind = kind
        organisation.location = location
        organisation.description = organisation.description or description
        organisation.website = organisation.website or website
        organisations[name] = services.organisation_save(organisation=organisation)
    Person.objects.get_or_create(
        name="Mette Lund",
        defaults={
            "kind": Person.Kind.RESEARCHER,
            "title": "Lektor",
            "email": "mette.lund@eksempel.dk",
            "organisation": organisations["Københavns Universitet"],
        },
    )
    tasks = {task.title: task for task in InnovationTask.objects.all()}
    made = 0
    for i, row in enumerate(PARTNERSHIPS):
        title, names, purpose, data, rights, contact, since, days, status, links = row
        starts_on = today - timedelta(days=since)
        partnership = Partnership(
            title=title,
            purpose=purpose,
            data_terms=data,
            rights_terms=rights,
            contact_name=contact[0],
            contact_email=contact[1],
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=days) if days else None,
            responsible=responsibles[i % len(responsibles)],
            # Ended ones ran first; cancelled ones were broken off under negotiation.
            status=Status.ACTIVE if status in (Status.ACTIVE, Status.ENDED) else Status.NEGOTIATION,
        )
        services.partnership_save(
            partnership=partnership,
            organisations=[organisations[name] for name in names],
            tasks=[(tasks[task], role) for task, role in links if task in tasks],
            by=staff,
        )
        if status in Partnership.CLOSED:
            ended_on = min(today - timedelta(days=30), partnership.ends_on or today)
            services.partnership_end(partnership=partnership, status=status, on=ended_on, by=staff)
        made += 1
    return {"organisations": len(organisations), "partnerships": made}
