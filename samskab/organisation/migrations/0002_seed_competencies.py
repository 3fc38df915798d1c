"""Seed the fourteen competencies an innovation task may need (seed §6)."""

from django.db import migrations

COMPETENCIES = [
    (
        "design",
        "Design",
        "Design",
        "Formgivning af services, produkter og oplevelser med brugeren i centrum.",
        "Shaping services, products and experiences around the user.",
    ),
    (
        "antropologi",
        "Antropologi",
        "Anthropology",
        "Feltarbejde og indsigt i borgeres og medarbejderes hverdag og behov.",
        "Fieldwork and insight into the everyday lives and needs of citizens and staff.",
    ),
    (
        "facilitering",
        "Facilitering af åbne samskabende processer",
        "Facilitation of open co-creation processes",
        "At lede workshops og forløb, hvor borgere, medarbejdere og partnere skaber sammen.",
        "Leading workshops and processes where citizens, staff and partners create together.",
    ),
    (
        "forretningsudvikling",
        "Forretningsudvikling",
        "Business development",
        "At gøre løsninger økonomisk bæredygtige, med forretningsmodel og business case.",
        "Making solutions economically sustainable, with a business model and business case.",
    ),
    (
        "forandringsledelse",
        "Forandringsledelse",
        "Change management",
        "At lede mennesker og organisation gennem forandringen, når en løsning tages i brug.",
        "Leading people and organisation through the change when a solution is taken into use.",
    ),
    (
        "ideudvikling",
        "Idéudvikling",
        "Ideation",
        "Metoder til at skabe, udfordre og udvælge mange idéer.",
        "Methods to generate, challenge and select many ideas.",
    ),
    (
        "konceptualisering",
        "Konceptualisering",
        "Conceptualisation",
        "At forme idéer til sammenhængende koncepter, der kan afprøves.",
        "Shaping ideas into coherent concepts that can be tested.",
    ),
    (
        "relationer",
        "Relationer",
        "Relations",
        "At skabe og pleje netværk og partnerskaber på tværs.",
        "Building and keeping networks and partnerships across boundaries.",
    ),
    (
        "oekonomi",
        "Økonomi",
        "Economics",
        "Budgetter, gevinstberegning og økonomisk opfølgning.",
        "Budgets, benefit calculation and financial follow-up.",
    ),
    (
        "kommunikation",
        "Kommunikation",
        "Communication",
        "At formidle opgaven og resultaterne, så andre forstår og tager dem til sig.",
        "Conveying the task and its results so that others understand and adopt them.",
    ),
    (
        "hr",
        "HR",
        "HR",
        "Personale, kompetenceudvikling, arbejdsmiljø og overenskomster.",
        "Staff, competence development, working environment and agreements.",
    ),
    (
        "jura",
        "Jura",
        "Law",
        "Lovgivning, databeskyttelse, udbud og kontrakter.",
        "Legislation, data protection, procurement and contracts.",
    ),
    (
        "digitalisering",
        "Digitalisering",
        "Digitalisation",
        "Digitale løsninger, data og teknologi som drivkraft for innovation.",
        "Digital solutions, data and technology as a driver of innovation.",
    ),
    (
        "dataindsamling",
        "Dataindsamling og analyse",
        "Data collection and analysis",
        "At indsamle, analysere og formidle data om behov og effekter.",
        "Collecting, analysing and presenting data on needs and effects.",
    ),
]


def seed(apps, schema_editor):
    Competency = apps.get_model("organisation", "Competency")
    for slug, name, name_en, description, description_en in COMPETENCIES:
        Competency.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "description_en": description_en,
            },
        )


def unseed(apps, schema_editor):
    Competency = apps.get_model("organisation", "Competency")
    Competency.objects.filter(slug__in=[row[0] for row in COMPETENCIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
