"""Demo data for ideas: challenges, a few hundred ideas with supports, comments and status trails.

``seed_demo --scale N`` makes N times as many ideas (300 per step, with about five
supports and two comments each). Rows go in with bulk inserts and the search
index is built in one pass, so 100,000 ideas seed in minutes.
"""

import random
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from samskab.accounts.models import User
from samskab.organisation.models import OrgUnit

from . import search, services, trail
from .models import (
    Audience,
    Challenge,
    ChallengeQuestion,
    Comment,
    Follow,
    Idea,
    StatusChange,
    Support,
)

IDEAS_PER_SCALE = 300
BATCH = 2_000

PLACES = [
    "Hellerup",
    "Gentofte",
    "Charlottenlund",
    "Ordrup",
    "Vangede",
    "Dyssegård",
    "Jægersborg",
    "Klampenborg",
    "Skovshoved",
    "Gentofte Sø",
    "Bernstorffsparken",
]

# (area, kind, title, description, who it would help); "{place}" varies the texts.
BASE_IDEAS = [
    (
        "Børn og Skole",
        Idea.Kind.IDEA,
        "Udeskole i {place}",
        "Én dag om ugen kunne undervisningen flytte ud i naturen ved {place}. Matematik med målebånd, dansk med fortællinger i skoven og natur/teknologi ved vandet.",
        "Elever, der lærer bedst med kroppen, og lærere, der savner variation.",
    ),
    (
        "Børn og Skole",
        Idea.Kind.NEED,
        "Mere ro i frikvartererne",
        "Mange børn oplever frikvartererne som larmende og utrygge. Der mangler stille zoner, hvor man kan læse, tegne eller bare være.",
        "Stille børn og børn med særlige behov.",
    ),
    (
        "Børn og Skole",
        Idea.Kind.CHALLENGE,
        "Forældreintra giver for mange beskeder",
        "Forældre får op mod tyve beskeder om ugen fra skolen. Det vigtige drukner. Kan vi samle beskederne i ét ugebrev?",
        "Travle forældre og lærere.",
    ),
    (
        "Børn og Skole",
        Idea.Kind.IDEA,
        "Lektiecafé på biblioteket i {place}",
        "Ældre elever og frivillige pensionister hjælper yngre elever med lektier to eftermiddage om ugen på biblioteket.",
        "Elever uden hjælp derhjemme.",
    ),
    (
        "Børn og Skole",
        Idea.Kind.IDEA,
        "Fælles madordning i daginstitutionerne",
        "Et varmt, sundt måltid hver dag, lavet af lokale råvarer, gerne med børnene som medhjælpere i køkkenet.",
        "Børn og travle familier.",
    ),
    (
        "Social og Sundhed",
        Idea.Kind.IDEA,
        "Træn dig fri i {place}",
        "Ældre, der har brug for hjemmehjælp, får først et træningsforløb, så de kan klare mere selv. Træningen foregår i hjemmet og i det lokale aktivitetscenter.",
        "Ældre, der gerne vil klare sig selv længere.",
    ),
    (
        "Social og Sundhed",
        Idea.Kind.NEED,
        "Ensomhed blandt ældre efter tab af ægtefælle",
        "Mange ældre bliver alene, når ægtefællen dør, og mister kontakten til andre. Der mangler en vej ind i fællesskaber.",
        "Enlige ældre og deres pårørende.",
    ),
    (
        "Social og Sundhed",
        Idea.Kind.CHALLENGE,
        "Én kontaktperson for hele familien",
        "Familier med flere sager møder mange forskellige sagsbehandlere. Vi foreslår én gennemgående kontaktperson, der ser hele familien.",
        "Udsatte familier og sagsbehandlere.",
    ),
    (
        "Social og Sundhed",
        Idea.Kind.IDEA,
        "Velfærdsteknologi: vasketoiletter i plejeboliger",
        "Vasketoiletter giver beboere mere værdighed og selvhjulpenhed og frigør tid for personalet.",
        "Beboere på plejecentre og personalet.",
    ),
    (
        "Social og Sundhed",
        Idea.Kind.IDEA,
        "Gåhold for nyudskrevne hjertepatienter",
        "Frivillige gåvenner tager nyudskrevne hjertepatienter med på korte gåture i {place} de første uger efter udskrivning.",
        "Hjertepatienter og pårørende.",
    ),
    (
        "Social og Sundhed",
        Idea.Kind.NEED,
        "Lange ventetider på hjælpemidler",
        "Borgere venter ofte flere uger på en rollator eller et badebræt. Imens falder de eller må klare sig uden.",
        "Borgere med nedsat funktionsevne.",
    ),
    (
        "By, Plan og Miljø",
        Idea.Kind.IDEA,
        "Flere cykelstativer ved stationen i {place}",
        "Om morgenen er alle cykelstativer fyldt, og cyklerne står i vejen for gående. Overdækkede dobbeltstativer kan fordoble pladsen.",
        "Pendlere og fodgængere.",
    ),
    (
        "By, Plan og Miljø",
        Idea.Kind.NEED,
        "Utryg skolevej ved {place}",
        "Mange børn krydser en travl vej uden fodgængerovergang på vej til skole. Forældre kører derfor børnene, hvilket gør trafikken værre.",
        "Skolebørn og forældre.",
    ),
    (
        "By, Plan og Miljø",
        Idea.Kind.IDEA,
        "Regnbede i stedet for kloakudvidelse",
        "Lad regnvand fra vejene løbe ned i grønne regnbede. Det aflaster kloakken ved skybrud og giver mere natur i byen.",
        "Grundejere, der oplever oversvømmede kældre.",
    ),
    (
        "By, Plan og Miljø",
        Idea.Kind.IDEA,
        "Deleordning for ladcykler",
        "Kommunen opstiller elektriske ladcykler til deling ved boligområderne, så familier kan undvære bil nummer to.",
        "Børnefamilier og klimaet.",
    ),
    (
        "By, Plan og Miljø",
        Idea.Kind.CHALLENGE,
        "Byggesagsbehandlingen tager for lang tid",
        "En simpel tilbygning tager måneder at få godkendt. Kunne en digital forhåndsvurdering svare de simple sager på få dage?",
        "Borgere og virksomheder, der vil bygge.",
    ),
    (
        "By, Plan og Miljø",
        Idea.Kind.IDEA,
        "Vild natur i rabatterne",
        "Lad rabatterne langs vejene blive blomstrende enge i stedet for at slå dem hver anden uge. Det giver bier og sommerfugle et sted at være.",
        "Insekter, fugle og borgere, der holder af natur.",
    ),
    (
        "Kultur, Unge og Fritid",
        Idea.Kind.IDEA,
        "Åbent bibliotek om aftenen i {place}",
        "Biblioteket kunne være åbent til kl. 22 uden personale, med adgang via sundhedskort, så unge har et sted at læse og mødes.",
        "Unge, studerende og voksne, der arbejder om dagen.",
    ),
    (
        "Kultur, Unge og Fritid",
        Idea.Kind.NEED,
        "Unge mangler steder at være om aftenen",
        "Der er ikke mange steder for unge mellem 15 og 18 år at være om aftenen, uden at det koster penge.",
        "Unge og deres forældre.",
    ),
    (
        "Kultur, Unge og Fritid",
        Idea.Kind.IDEA,
        "Foreningernes fælles booking af haller",
        "Én digital kalender for alle kommunens haller og lokaler, hvor foreningerne selv kan booke ledige tider.",
        "Idrætsforeninger og kulturforeninger.",
    ),
    (
        "Kultur, Unge og Fritid",
        Idea.Kind.IDEA,
        "Havnebad ved {place}",
        "Et lille havnebad med badebro og omklædning, åbent hele året for vinterbadere.",
        "Motionister og vinterbadere.",
    ),
    (
        "Kultur, Unge og Fritid",
        Idea.Kind.CHALLENGE,
        "Kulturtilbuddene når ikke de unge",
        "Koncerter og udstillinger annonceres i lokalavisen, som unge ikke læser. Vi bør spørge de unge, hvor de er.",
        "Unge og kulturinstitutionerne.",
    ),
    (
        "Tværgående Funktioner",
        Idea.Kind.IDEA,
        "Selvbetjening til flytning med ét klik",
        "Når en borger flytter til kommunen, kunne ét digitalt forløb klare skole, læge, affald og parkeringslicens på én gang.",
        "Nye borgere og medarbejdere i borgerservice.",
    ),
    (
        "Tværgående Funktioner",
        Idea.Kind.NEED,
        "Breve fra kommunen er svære at forstå",
        "Mange borgere ringer, fordi de ikke forstår brevene fra kommunen. Sproget er juridisk og langt.",
        "Alle borgere, især ældre og borgere med andet modersmål.",
    ),
    (
        "Tværgående Funktioner",
        Idea.Kind.IDEA,
        "Fælles vikarkorps på tværs af områderne",
        "Et fælles korps af vikarer, der kan dække både daginstitutioner, skoler og plejecentre, i stedet for dyre vikarbureauer.",
        "Institutioner med sygefravær og kommunens økonomi.",
    ),
    (
        "Tværgående Funktioner",
        Idea.Kind.CHALLENGE,
        "Indkøb af kontorartikler er for besværligt",
        "Det tager syv klik og to godkendelser at bestille en kuglepen. Kan vi lave en enkel indkøbsliste for små beløb?",
        "Alle medarbejdere.",
    ),
    (
        "Tværgående Funktioner",
        Idea.Kind.IDEA,
        "Robot til fakturabehandling",
        "En softwarerobot kan matche fakturaer med ordrer og sende de simple videre til betaling, så bogholderne kan tage sig af de svære.",
        "Medarbejdere i økonomi og leverandører.",
    ),
]

COMMENTS = [
    "God idé! Det har vi savnet længe.",
    "Jeg er enig, men hvad vil det koste?",
    "Vi prøvede noget lignende i min forening, og det virkede rigtig godt.",
    "Husk at tænke de ældre med, som ikke er digitale.",
    "Kunne det kobles sammen med det, biblioteket allerede gør?",
    "Jeg vil gerne være med til at afprøve det.",
    "Det lyder godt, men hvem skal stå for det i praksis?",
    "Tak for at tage det op. Jeg oplever det samme hver dag.",
    "Kan man se, hvordan andre kommuner har gjort?",
    "Det vil gøre en stor forskel for børnene.",
]
REPLIES = [
    "Godt spørgsmål. Det bør indgå i vurderingen.",
    "Enig – og det behøver ikke være dyrt at starte småt.",
    "Jeg kender en kommune, der har gjort det. Jeg sender et link.",
]
ANSWER_MESSAGES = {
    Idea.Answer.DECLINED: "Tak for idéen. Vi har vurderet den, men den ligger uden for det, kommunen kan løse lige nu, fordi ansvaret ligger hos regionen.",
    Idea.Answer.PARKED: "Idéen er god, men vi har ikke ressourcer til den i år. Vi tager den op igen ved næste prioritering.",
    Idea.Answer.SPARRING: "Innovationsenheden giver sparring til området, som arbejder videre med idéen.",
    Idea.Answer.PROPOSED_TASK: "Idéen er foreslået som innovationsopgave og forelægges direktionen og chefforum.",
    Idea.Answer.PART_OF_TASK: "Idéen indgår i en igangværende innovationsopgave.",
}

CHALLENGES = [
    (
        "Færre ensomme ældre",
        "Hvordan kan vi sammen mindske ensomhed blandt ældre i Gentofte?",
        "Social og Sundhed",
        Audience.PUBLIC,
        [
            (
                "Har du selv erfaring med ensomhed, som ældre eller pårørende?",
                ChallengeQuestion.Kind.YES_NO,
                "",
                False,
                False,
            )
        ],
    ),
    (
        "Grøn omstilling i hverdagen",
        "Hvilke små ændringer kan gøre kommunen grønnere?",
        "By, Plan og Miljø",
        Audience.PUBLIC,
        [
            (
                "Hvor i kommunen hører idéen hjemme?",
                ChallengeQuestion.Kind.SHORT_TEXT,
                "",
                True,
                True,
            ),
            (
                "Hvad er vigtigst for dig?",
                ChallengeQuestion.Kind.CHOICE,
                "Natur\nTransport\nEnergi\nAffald",
                False,
                True,
            ),
        ],
    ),
    (
        "Mere tid til kerneopgaven",
        "Hvor bruger du tid på noget, der ikke skaber værdi for borgerne?",
        "Tværgående Funktioner",
        Audience.INTERNAL,
        [
            (
                "Hvor mange timer om ugen tror du, det kunne spare?",
                ChallengeQuestion.Kind.SHORT_TEXT,
                "",
                False,
                False,
            )
        ],
    ),
    (
        "Unges fællesskaber",
        "Hvor og hvordan vil unge mødes i deres fritid?",
        "Kultur, Unge og Fritid",
        Audience.PUBLIC,
        [],
    ),
]


def seed_challenges(*, units: dict[str, OrgUnit], by: User | None) -> list[Challenge]:
    today = timezone.localdate()
    challenges = []
    for i, (title, question, area, audience, questions) in enumerate(CHALLENGES):
        challenge = Challenge.objects.create(
            title=title,
            question=question,
            background="",
            owner=units[area],
            audience=audience,
            opens_on=today - timedelta(days=30 + 10 * i),
            closes_on=today + timedelta(days=60) if i != 3 else today - timedelta(days=5),
            created_by=by,
        )
        ChallengeQuestion.objects.bulk_create(
            ChallengeQuestion(
                challenge=challenge,
                label=label,
                kind=kind,
                choices=choices,
                required=required,
                public=public,
                position=position,
            )
            for position, (label, kind, choices, required, public) in enumerate(questions)
        )
        challenges.append(challenge)
    return challenges


def seed_ideas(
    *, scale: int, rng: random.Random, units: dict[str, OrgUnit], challenges: list[Challenge]
) -> int:
    """Ideas with supports, comments, follows and status trails; returns the number of ideas."""
    now = timezone.now()
    people = {
        pk: (email, name or username, kind)
        for pk, email, username, name, kind in User.objects.filter(is_active=True).values_list(
            "pk", "email", "username", "person__name", "person__kind"
        )
    }
    users = sorted(people)
    employee_ids = {pk for pk, (_e, _n, kind) in people.items() if kind == "employee"}
    # The demo citizen and employee have ideas of their own to follow in "Mine idéer".
    own = list(
        User.objects.filter(username__in=["borger", "medarbejder"]).values_list("pk", flat=True)
    )
    challenge_by_area = {c.owner.name: c for c in challenges if c.is_open()}
    total = IDEAS_PER_SCALE * scale
    ideas, created_dates = [], []
    for i in range(total):
        area, kind, title, description, beneficiaries = BASE_IDEAS[i % len(BASE_IDEAS)]
        place = PLACES[(i // len(BASE_IDEAS)) % len(PLACES)]
        author = own[i % len(own)] if own and i < 3 * len(own) else users[rng.randrange(len(users))]
        created = now - timedelta(days=rng.uniform(0, 400), minutes=i)
        created_dates.append(created)
        status_roll = rng.random()
        if status_roll < 0.35:
            status, answer = Idea.Status.RECEIVED, ""
        elif status_roll < 0.6:
            status, answer = Idea.Status.UNDER_ASSESSMENT, ""
        else:
            status, answer = Idea.Status.ANSWERED, rng.choice(list(ANSWER_MESSAGES))
        changed = (
            created + (now - created) * rng.uniform(0.1, 0.9)
            if status != Idea.Status.RECEIVED
            else created
        )
        # An answered idea was under assessment for a while before: three days, or half
        # the time since it came in when that was shorter, never before it came in.
        responded = None
        if status == Idea.Status.UNDER_ASSESSMENT:
            responded = changed
        elif answer:
            responded = max(changed - timedelta(days=3), created + (changed - created) / 2)
        challenge = challenge_by_area.get(area) if rng.random() < 0.3 else None
        internal = challenge is not None and challenge.audience == Audience.INTERNAL
        ideas.append(
            Idea(
                kind=kind,
                title=title.format(place=place),
                description=description.format(place=place),
                beneficiaries=beneficiaries,
                challenge=challenge,
                audience=Audience.INTERNAL
                if internal or (author in employee_ids and rng.random() < 0.15)
                else Audience.PUBLIC,
                author_id=author,
                author_name=people[author][1],
                author_email=people[author][0],
                confirmed_at=created,
                consent_to_publish=rng.random() < 0.92,
                wants_help=rng.random() < 0.1,
                status=status,
                answer=answer,
                status_changed_at=changed,
                responded_at=responded,
                answered_at=changed if answer else None,
                moderation=Idea.Moderation.APPROVED
                if rng.random() < 0.95
                else Idea.Moderation.PENDING,
                created_at=created,
            )
        )
    for idea in ideas:
        if not idea.consent_to_publish:
            idea.moderation = Idea.Moderation.PENDING
        if idea.audience == Audience.INTERNAL and idea.author_id not in employee_ids:
            idea.audience = Audience.PUBLIC
    Idea.objects.bulk_create(ideas, batch_size=BATCH)
    # auto_now_add overwrote created_at: put the spread-out dates back.
    for idea, created in zip(ideas, created_dates, strict=True):
        idea.created_at = created
    Idea.objects.bulk_update(ideas, ["created_at"], batch_size=BATCH)

    area_links = []
    area_ids = {name: unit.pk for name, unit in units.items()}
    through = Idea.areas.through
    for i, idea in enumerate(ideas):
        area_links.append(
            through(idea_id=idea.pk, orgunit_id=area_ids[BASE_IDEAS[i % len(BASE_IDEAS)][0]])
        )
    through.objects.bulk_create(area_links, batch_size=BATCH)

    steps = []
    for idea in ideas:
        steps.append(
            StatusChange(
                idea=idea,
                status=Idea.Status.RECEIVED,
                code=trail.RECEIVED,
                created_at=idea.created_at,
            )
        )
        if idea.responded_at is not None:
            steps.append(
                StatusChange(
                    idea=idea,
                    status=Idea.Status.UNDER_ASSESSMENT,
                    code=trail.ASSESSING,
                    created_at=idea.responded_at,
                )
            )
        if idea.answer:
            steps.append(
                StatusChange(
                    idea=idea,
                    status=Idea.Status.ANSWERED,
                    answer=idea.answer,
                    message=ANSWER_MESSAGES[idea.answer],
                    created_at=idea.status_changed_at,
                )
            )
    StatusChange.objects.bulk_create(steps, batch_size=BATCH)

    supports, follows, comments = [], [], []
    for idea in ideas:
        backers = rng.sample(users, k=min(len(users), int(rng.expovariate(1 / 5.6))))
        supports.extend(Support(idea=idea, user_id=u) for u in backers)
        follows.append(Follow(idea=idea, user_id=idea.author_id))
        for _ in range(int(rng.expovariate(1 / 2.5))):
            comments.append(
                Comment(
                    idea=idea, author_id=users[rng.randrange(len(users))], body=rng.choice(COMMENTS)
                )
            )
    Support.objects.bulk_create(supports, batch_size=BATCH)
    Follow.objects.bulk_create(follows, batch_size=BATCH, ignore_conflicts=True)
    Comment.objects.bulk_create(comments, batch_size=BATCH)
    replies = [
        Comment(
            idea_id=c.idea_id,
            parent=c,
            author_id=users[rng.randrange(len(users))],
            body=rng.choice(REPLIES),
        )
        for c in comments
        if rng.random() < 0.2
    ]
    Comment.objects.bulk_create(replies, batch_size=BATCH)

    # The counters the services keep, set once for the whole set.
    support_counts = dict(
        Support.objects.values_list("idea").annotate(n=Count("id")).values_list("idea", "n")
    )
    comment_counts = dict(
        Comment.objects.values_list("idea").annotate(n=Count("id")).values_list("idea", "n")
    )
    for idea in ideas:
        idea.support_count = support_counts.get(idea.pk, 0)
        idea.comment_count = comment_counts.get(idea.pk, 0)
    Idea.objects.bulk_update(ideas, ["support_count", "comment_count"], batch_size=BATCH)
    search.index_all()
    _seed_attention()
    return total


# What the unit's inbox and the demo citizen's front page have to show.
REPORTS = [
    ("borger", "Kommentaren hænger en navngiven medarbejder ud."),
    ("medarbejder", "Indlægget er reklame for et privat firma."),
]
FOLLOWED = 3


def _seed_attention() -> None:
    """Two reported comments for the unit, and ideas of others the demo citizen follows."""
    reporters = {
        user.username: user for user in User.objects.filter(username__in=["borger", "medarbejder"])
    }
    public = Idea.objects.filter(
        moderation=Idea.Moderation.APPROVED, audience=Audience.PUBLIC
    ).order_by("pk")
    # The first comments by id, read in the primary key's order (no join to plan
    # in a transaction of 100,000 fresh ideas), on published ideas.
    comments = [
        comment
        for comment in Comment.objects.filter(parent__isnull=True)
        .select_related("idea")
        .order_by("pk")[:100]
        if comment.idea.is_public
    ]
    for username, reason in REPORTS:
        reporter = reporters.get(username)
        comment = (
            next((c for c in comments if c.author_id != reporter.pk and not c.report_count), None)
            if reporter
            else None
        )
        if comment is not None:
            services.comment_report(comment=comment, reporter=reporter, reason=reason)
            comment.report_count += 1
    citizen = reporters.get("borger")
    if citizen is not None:
        for idea in public.exclude(author=citizen)[:FOLLOWED]:
            services.idea_follow(idea=idea, user=citizen)
