"""Demo data: twenty method cards drawn from the methods the innovation unit's work names or
implies, the common language's terms, and methods used on the demo tasks with ratings and
what was learned.

Written in bulk, as the other apps' demos (``seed_demo`` is run by many tests); each card
gets its first version in its history.
"""

import random
from datetime import timedelta

from django.db.models import Count, Sum
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from samskab.accounts.models import User
from samskab.organisation.models import Competency
from samskab.portfolio.models import InnovationTask

from . import search
from .models import Method, MethodUse, Term
from .services import RESERVED_SLUGS, new_slug

# title, purpose, phases, steps, time, people, competencies, public
METHODS = (
    (
        "Brugerrejser",
        "Følg en borgers vej gennem kommunens tilbud, trin for trin, og find de steder, hvor "
        "rejsen knækker: ventetid, overdragelser og dobbeltarbejde.",
        "13",
        [
            "Vælg en borger eller en typisk situation",
            "Tegn rejsen fra første kontakt til afslutning",
            "Marker kontaktpunkter, følelser og ventetid",
            "Find de tre største smertepunkter",
            "Del rejsen med dem, der arbejder på den",
        ],
        "2–3 uger",
        "En facilitator, 3–5 borgere og medarbejdere fra hvert led",
        ["design", "antropologi"],
        True,
    ),
    (
        "Interview med borgere",
        "Forstå behov, vaner og begrundelser fra dem, det handler om, i deres egne ord.",
        "13",
        [
            "Skriv en interviewguide med åbne spørgsmål",
            "Find 5–8 borgere med forskellige erfaringer",
            "Interview i 45–60 minutter, gerne hjemme hos dem",
            "Skriv citater og observationer ned samme dag",
            "Saml mønstre på tværs af interviewene",
        ],
        "1–2 uger",
        "To interviewere og 5–8 borgere",
        ["antropologi", "dataindsamling"],
        True,
    ),
    (
        "Observation",
        "Se hvad folk gør, ikke kun hvad de siger: arbejdsgange, omveje og improvisationer i hverdagen.",
        "13",
        [
            "Aftal adgang og samtykke",
            "Observer en hel vagt eller et helt forløb",
            "Noter handlinger, redskaber og afbrydelser",
            "Gennemgå noterne med dem, du observerede",
        ],
        "2–5 dage",
        "En observatør pr. sted",
        ["antropologi", "dataindsamling"],
        False,
    ),
    (
        "Personaer",
        "Gør indsigterne fra interview og observation konkrete som nogle få typiske brugere, "
        "som holdet kan designe til.",
        "13",
        [
            "Saml indsigter fra interview og observation",
            "Find 3–5 mønstre i behov og adfærd",
            "Beskriv hver persona med mål, frustrationer og en dag i livet",
            "Test personaerne med rigtige borgere",
        ],
        "En dag",
        "Holdet, 4–6 personer",
        ["design", "konceptualisering"],
        True,
    ),
    (
        "Samskabelsesworkshop",
        "Borgere, medarbejdere, ledere og partnere definerer og designer løsninger sammen.",
        "123",
        [
            "Inviter bredt: borgere, frontmedarbejdere, ledere og partnere",
            "Ram problemet ind med en fælles brugerrejse",
            "Idéudvikling i blandede grupper",
            "Vælg 2–3 idéer at arbejde videre med",
            "Aftal hvem der gør hvad bagefter",
        ],
        "3–4 timer",
        "En facilitator og 12–30 deltagere",
        ["facilitering", "relationer"],
        True,
    ),
    (
        "Idéudvikling",
        "Skab mange idéer hurtigt, før de vurderes, og byg videre på hinandens idéer.",
        "13",
        [
            "Formuler et 'hvordan kan vi'-spørgsmål",
            "Skriv idéer hver for sig i 10 minutter",
            "Del og byg videre på hinandens idéer",
            "Grupper idéerne og stem om de bedste",
        ],
        "1–2 timer",
        "En facilitator og 5–12 deltagere",
        ["ideudvikling", "facilitering"],
        True,
    ),
    (
        "Prototyper",
        "Gør en idé konkret og billig nok til at blive afprøvet med brugerne, før der investeres.",
        "3",
        [
            "Vælg den antagelse, der er mest risikabel",
            "Byg den enkleste prototype, der kan teste den",
            "Afprøv med 5 brugere",
            "Skriv ned, hvad der skal ændres",
            "Byg næste version",
        ],
        "1–3 dage pr. runde",
        "2–3 fra holdet og 5 brugere",
        ["design", "konceptualisering"],
        True,
    ),
    (
        "Testkort til prøvehandling",
        "Beskriv en prøvehandling før den starter: hypotese, måling og succeskriterium, så "
        "effekten kan dokumenteres og stop eller go besluttes.",
        "34",
        [
            "Skriv hypotesen: Vi tror, at …",
            "Vælg det, der måles, og udgangspunktet",
            "Sæt et succeskriterium",
            "Aftal periode og sammenligningsgruppe",
            "Gennemfør og mål",
        ],
        "En time at skrive, 4–12 uger at gennemføre",
        "Holdet og dem, der afprøver",
        ["dataindsamling", "forretningsudvikling"],
        True,
    ),
    (
        "Forretningsmodel-lærred",
        "Se hele løsningen på én side: hvem den skaber værdi for, hvad den kræver, og hvad den koster.",
        "4",
        [
            "Udfyld værdien for borgeren først",
            "Udfyld aktiviteter, ressourcer og partnere",
            "Udfyld omkostninger og gevinster",
            "Find de felter, hvor I gætter mest, og afprøv dem",
        ],
        "2–3 timer",
        "Holdet og en økonom",
        ["forretningsudvikling", "oekonomi"],
        False,
    ),
    (
        "Gevinstdiagram",
        "Kortlæg kæden fra output over effekt til gevinst, så gevinstrealiseringsaftalen bygger på "
        "gevinster, der kan måles.",
        "45",
        [
            "Skriv målet øverst",
            "Find gevinsterne, der fører til målet",
            "Find effekterne bag hver gevinst",
            "Find de output, der giver effekterne",
            "Giv hver gevinst en ejer og en måling",
        ],
        "En halv dag",
        "Holdet, områdets leder og en økonom",
        ["forretningsudvikling", "oekonomi"],
        True,
    ),
    (
        "Interessentanalyse",
        "Find dem, der påvirker eller påvirkes af opgaven, og aftal hvordan hver især inddrages.",
        "123",
        [
            "List alle interessenter",
            "Placer dem efter indflydelse og interesse",
            "Aftal inddragelse for hver gruppe",
            "Gentag analysen ved hver gate",
        ],
        "1–2 timer",
        "Holdet",
        ["relationer", "forandringsledelse"],
        True,
    ),
    (
        "Effektkæde",
        "Vis sammenhængen mellem indsats, aktiviteter, resultater og effekter, så I ved hvad der skal måles.",
        "34",
        [
            "Beskriv indsatsen",
            "Beskriv de aktiviteter, den består af",
            "Beskriv de kortsigtede resultater",
            "Beskriv de langsigtede effekter",
            "Vælg indikatorer for hvert led",
        ],
        "2–3 timer",
        "Holdet og en med viden om data",
        ["dataindsamling", "konceptualisering"],
        False,
    ),
    (
        "Service blueprint",
        "Tegn både det, borgeren oplever, og alt det bag scenen, der skal til, for at løsningen virker.",
        "346",
        [
            "Tegn borgerens handlinger øverst",
            "Tegn medarbejdernes handlinger foran og bag scenen",
            "Tegn systemer og støttefunktioner",
            "Marker fejlpunkter og ventetid",
        ],
        "En dag",
        "Holdet og medarbejdere fra hvert led",
        ["design", "digitalisering"],
        False,
    ),
    (
        "Business case",
        "Regn på om løsningen kan betale sig: investering, drift og gevinster over årene, "
        "med lavt, forventet og højt skøn.",
        "45",
        [
            "Beskriv alternativerne, også at gøre ingenting",
            "Opgør investering og drift",
            "Opgør gevinster pr. år",
            "Beregn nutidsværdi og tilbagebetalingstid",
            "Vurder usikkerheden",
        ],
        "1–2 uger",
        "En økonom og holdet",
        ["oekonomi", "forretningsudvikling"],
        True,
    ),
    (
        "Implementeringsplan",
        "Planlæg hvordan løsningen bliver en del af driften: hvem gør hvad, hvornår, og "
        "hvordan gevinsterne følges op.",
        "56",
        [
            "Beskriv hvad der ændres i hverdagen",
            "Læg milepæle med ejere og datoer",
            "Planlæg oplæring og kommunikation",
            "Knyt milepælene til gevinstrealiseringsaftalen",
            "Aftal overdragelsen til drift",
        ],
        "1–2 uger",
        "Holdet og de ledere, der overtager driften",
        ["forandringsledelse", "kommunikation"],
        True,
    ),
    (
        "Skaleringslærred",
        "Afklar hvad der skal til for at skalere løsningen til hele området: hvad er kernen, "
        "hvad må tilpasses, og hvem skal med.",
        "567",
        [
            "Beskriv løsningens kerne",
            "Beskriv hvad enhederne selv må tilpasse",
            "Vælg målenheder og rækkefølge",
            "Find de ressourcer, skaleringen kræver",
        ],
        "En halv dag",
        "Holdet og lederne af målenhederne",
        ["forandringsledelse", "forretningsudvikling"],
        False,
    ),
    (
        "Retrospektiv",
        "Stop op efter en fase og lær: hvad virkede, hvad virkede ikke, og hvad gør vi anderledes.",
        "1234567",
        [
            "Sæt scenen: hvad var målet",
            "Saml hvad der virkede og ikke virkede",
            "Find årsagerne",
            "Aftal 1–3 ændringer",
            "Skriv læringen ned, så andre kan bruge den",
        ],
        "1–2 timer",
        "Holdet",
        ["facilitering", "hr"],
        True,
    ),
    (
        "Dataindsamling og baseline",
        "Mål udgangspunktet før en prøvehandling, så effekten kan vises bagefter.",
        "134",
        [
            "Vælg det, der skal måles",
            "Find eksisterende data",
            "Indsaml det, der mangler",
            "Beskriv udgangspunktet og usikkerheden",
        ],
        "1–4 uger",
        "En med viden om data og holdet",
        ["dataindsamling", "digitalisering"],
        False,
    ),
    (
        "Kommunikationsplan",
        "Fortæl de rigtige mennesker det rigtige på det rigtige tidspunkt, så løsningen bliver taget i brug.",
        "567",
        [
            "Find målgrupperne",
            "Formuler budskabet til hver",
            "Vælg kanaler og tidspunkter",
            "Følg op på om budskabet er forstået",
        ],
        "2–3 dage",
        "En kommunikationsmedarbejder og holdet",
        ["kommunikation", "forandringsledelse"],
        False,
    ),
    (
        "Udbredelsesmøde",
        "Vis en løsning for andre områder og kommuner, og aftal hvem der vil prøve den.",
        "7",
        [
            "Inviter områder og partnere",
            "Fortæl historien med effekter og gevinster",
            "Lad dem, der har brugt den, fortælle",
            "Aftal næste skridt med dem, der vil prøve",
        ],
        "2 timer",
        "Holdet og 10–40 gæster",
        ["kommunikation", "relationer"],
        True,
    ),
)

# term, definition, other forms, see also
TERMS = (
    (
        "Innovation",
        "At få, udvikle og omsætte nye, originale idéer til praksis, så de skaber værdi for borgere og brugere.",
        "innovationen, innovationer",
        ["Radikal innovation", "Inkrementel innovation"],
    ),
    (
        "Radikal innovation",
        "Innovation der erstatter eksisterende løsninger og kræver nye kompetencer. Langsigtet og med større risiko.",
        "radikale innovationer, radikal",
        ["Inkrementel innovation"],
    ),
    (
        "Inkrementel innovation",
        "Ændringer af en eksisterende løsning med de kompetencer, der allerede findes.",
        "inkrementelle innovationer, inkrementel",
        ["Radikal innovation"],
    ),
    (
        "Innovationsopgave",
        "En dyb, politisk prioriteret opgave i porteføljen, som innovationsenheden arbejder med gennem alle syv faser.",
        "innovationsopgaven, innovationsopgaver",
        ["Porteføljestyring", "Fasemodel"],
    ),
    (
        "Prøvehandling",
        "En afprøvning af en ny løsning med en hypotese, en måling og et succeskriterium, så effekten kan dokumenteres og stop eller go besluttes.",
        "prøvehandlingen, prøvehandlinger, prøvehandlingerne",
        ["Evidensniveau"],
    ),
    (
        "Evidensniveau",
        "Hvor sikker viden en prøvehandling giver om effekten, på en skala fra 1 (en fortælling) til 5 (en kontrolleret sammenligning).",
        "evidensniveauet",
        ["Prøvehandling"],
    ),
    (
        "Gevinstrealisering",
        "Arbejdet med at sikre, at de forventede gevinster af en løsning faktisk bliver hentet hjem.",
        "gevinstrealiseringen",
        ["Gevinstrealiseringsaftale", "Business case"],
    ),
    (
        "Gevinstrealiseringsaftale",
        "Den underskrevne aftale om, hvilke gevinster en opgave skal levere, med udgangspunkt, mål, måling og ejer for hver.",
        "gevinstrealiseringsaftalen, gevinstrealiseringsaftaler",
        ["Gevinstrealisering"],
    ),
    (
        "Skalering",
        "At udbrede en løsning, der har vist sin værdi, til hele det område, der ejer den.",
        "skaleringen, skalere",
        ["Skaleringsgrad", "Udbredelse"],
    ),
    (
        "Skaleringsgrad",
        "Andelen af en løsnings målenheder, der har løsningen i drift.",
        "skaleringsgraden",
        ["Skalering"],
    ),
    (
        "Udbredelse",
        "At andre områder i kommunen og andre kommuner tager en løsning i brug.",
        "udbredelsen, udbrede",
        ["Skalering"],
    ),
    (
        "Implementering",
        "At gøre en løsning til en fast del af driften, med oplæring, ansvar og budget.",
        "implementeringen, implementere",
        ["Skalering"],
    ),
    (
        "Innovationspartner",
        "En af områdets egne medarbejdere, der er med på holdet i hele opgavens forløb og lærer metoderne undervejs.",
        "innovationspartneren, innovationspartnere",
        ["Hold"],
    ),
    (
        "Hold",
        "De mennesker, der arbejder på en opgave, fra hele organisationen og udefra, så længe opgaven varer.",
        "holdet",
        ["Innovationspartner"],
    ),
    (
        "Porteføljestyring",
        "At prioritere kommunens innovationsopgaver samlet, så ressourcerne går til dem med størst potentiale, højst 3–5 ad gangen.",
        "porteføljen, portefølje",
        ["Innovationsopgave"],
    ),
    (
        "Fasemodel",
        "De syv faser en innovationsopgave går igennem, fra behov og idéer til udbredelse.",
        "fasemodellen, fase, faser",
        ["Gate"],
    ),
    (
        "Gate",
        "Et beslutningspunkt mellem to faser, hvor direktion og chefforum beslutter, om opgaven går videre, holder pause eller stopper.",
        "beslutningspunkt, beslutningspunktet, gaten, gates",
        ["Fasemodel"],
    ),
    (
        "Sparring",
        "Kort, efterspurgt hjælp fra innovationsenheden til andet innovationsarbejde, prioriteret af innovationschefen.",
        "sparringen",
        [],
    ),
    (
        "Business case",
        "En beregning af om en løsning kan betale sig: investering, drift og gevinster over årene.",
        "business casen, business cases",
        ["Gevinstrealisering"],
    ),
    (
        "Samskabelse",
        "At politikere, medarbejdere, ledere, borgere, foreninger og virksomheder sammen definerer, designer og virkeliggør løsninger.",
        "samskabe, samskabelsen",
        ["Innovation"],
    ),
    (
        "Hypotese",
        "En antagelse, der kan afprøves: Vi tror, at en bestemt ændring giver en bestemt effekt.",
        "hypotesen, hypoteser",
        ["Prøvehandling"],
    ),
    (
        "Succeskriterium",
        "Den grænse en prøvehandlings måling skal nå, før løsningen regnes for at virke.",
        "succeskriteriet, succeskriterier",
        ["Prøvehandling"],
    ),
    (
        "Effekt",
        "Den ændring en løsning skaber for borgere, medarbejdere eller økonomi, i forhold til udgangspunktet.",
        "effekten, effekter",
        ["Gevinstrealisering"],
    ),
    (
        "Innovationsbarometer",
        "Danmarks nationale undersøgelse af innovation i den offentlige sektor, som opgaverne svarer på.",
        "innovationsbarometeret",
        [],
    ),
)

LEARNINGS = (
    "Det gav mest at tale med borgerne hjemme hos dem; på rådhuset fik vi de pæne svar.",
    "Vi brugte for lang tid på forberedelsen. Næste gang starter vi med en enkel skabelon.",
    "Medarbejderne kom selv med de bedste idéer, da lederne gik ud af lokalet.",
    "Målingen af udgangspunktet tog længere tid end ventet, men uden den kunne vi ikke vise effekten.",
    "Metoden samlede holdet om ét billede af problemet; det sparede mange møder bagefter.",
    "Gevinsterne blev konkrete, da økonomen var med fra starten.",
)

# The demo tasks' methods: task, method, phase.
USES = (
    ("Træn dig fri", "Brugerrejser", 1),
    ("Træn dig fri", "Interview med borgere", 1),
    ("Træn dig fri", "Testkort til prøvehandling", 3),
    ("Træn dig fri", "Gevinstdiagram", 4),
    ("Træn dig fri", "Business case", 4),
    ("Én kontaktperson – hele familien", "Observation", 1),
    ("Én kontaktperson – hele familien", "Samskabelsesworkshop", 2),
    ("Én kontaktperson – hele familien", "Prototyper", 3),
    ("Synlig læring", "Personaer", 1),
    ("Synlig læring", "Idéudvikling", 1),
    ("Synlig læring", "Testkort til prøvehandling", 3),
    ("Synlig læring", "Business case", 4),
    ("Synlig læring", "Skaleringslærred", 5),
    ("Flytning med ét klik", "Brugerrejser", 1),
    ("Flytning med ét klik", "Interessentanalyse", 2),
    ("Lektiecafé på biblioteket", "Samskabelsesworkshop", 1),
    ("Lektiecafé på biblioteket", "Retrospektiv", 6),
    ("Lektiecafé på biblioteket", "Udbredelsesmøde", 7),
)
# Cards that show a demo task as an example.
EXAMPLES = (
    ("Brugerrejser", "Træn dig fri"),
    ("Testkort til prøvehandling", "Synlig læring"),
    ("Samskabelsesworkshop", "Lektiecafé på biblioteket"),
    ("Gevinstdiagram", "Træn dig fri"),
)


def seed_methods(*, rng: random.Random) -> dict:
    competencies = {competency.slug: competency for competency in Competency.objects.all()}
    author = User.objects.filter(username="innovationsmedarbejder").first()
    taken = set(Method.objects.values_list("slug", flat=True)) | RESERVED_SLUGS
    methods = []
    for title, purpose, phases, steps, time_needed, people, _slugs, public in METHODS:
        slug = new_slug(title)
        while slug in taken:
            slug = f"{slug}-2"
        taken.add(slug)
        method = Method(
            slug=slug,
            title=title,
            purpose=purpose,
            phases=phases,
            steps="\n".join(steps),
            time_needed=time_needed,
            people_needed=people,
            is_public=public,
        )
        method._history_user = author
        methods.append(method)
    bulk_create_with_history(methods, Method, batch_size=500, default_user=author)
    by_title = {method.title: method for method in Method.objects.all()}
    Method.competencies.through.objects.bulk_create(
        [
            Method.competencies.through(
                method_id=by_title[title].pk, competency_id=competencies[slug].pk
            )
            for title, *_rest, slugs, _public in METHODS
            for slug in slugs
            if slug in competencies
        ]
    )
    tasks = {
        task.title: task for task in InnovationTask.objects.filter(title__in={u[0] for u in USES})
    }
    Method.examples.through.objects.bulk_create(
        [
            Method.examples.through(method_id=by_title[title].pk, innovationtask_id=tasks[task].pk)
            for title, task in EXAMPLES
            if task in tasks
        ]
    )
    today = timezone.localdate()
    uses = []
    for number, (task_title, title, phase) in enumerate(USES):
        task = tasks.get(task_title)
        if task is None or phase > task.phase:
            continue
        uses.append(
            MethodUse(
                task=task,
                method=by_title[title],
                phase=phase,
                rating=rng.choice((3, 4, 4, 5, 5)),
                learning=LEARNINGS[number % len(LEARNINGS)],
                used_on=max(task.started_on, today - timedelta(days=40 * (8 - phase) + number)),
                recorded_by=author,
            )
        )
    MethodUse.objects.bulk_create(uses)
    totals = MethodUse.objects.values("method").annotate(n=Count("pk"), total=Sum("rating"))
    for row in totals:
        Method.objects.filter(pk=row["method"]).update(
            use_count=row["n"], rating_total=row["total"]
        )
    search.index_all()
    seed_glossary()
    return {"methods": len(methods), "uses": len(uses)}


def seed_glossary() -> int:
    terms = []
    for term, definition, forms, _see in TERMS:
        terms.append(
            Term(
                slug=new_slug(term, model=Term, fallback="begreb"),
                term=term,
                definition=definition,
                forms=forms,
            )
        )
    Term.objects.bulk_create(terms)
    by_term = {term.term: term for term in Term.objects.all()}
    Term.see_also.through.objects.bulk_create(
        [
            Term.see_also.through(from_term_id=by_term[term].pk, to_term_id=by_term[other].pk)
            for term, _definition, _forms, see in TERMS
            for other in see
        ]
    )
    return len(terms)
