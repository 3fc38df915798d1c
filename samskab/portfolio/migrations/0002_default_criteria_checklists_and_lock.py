"""The default triage criteria, an exit checklist per phase, and the portfolio's lock row."""

from decimal import Decimal

from django.db import migrations

CRITERIA = [
    # name, English name, what a high score means, weight, higher is better, counts towards
    (
        "Behov",
        "Need",
        "Mange borgere eller medarbejdere oplever problemet, og det er alvorligt.",
        "1.5",
        True,
        "potential",
    ),
    (
        "Kvalitetspotentiale",
        "Quality potential",
        "Løsningen kan give markant bedre velfærd for borgerne.",
        "1.5",
        True,
        "potential",
    ),
    (
        "Økonomisk potentiale",
        "Economic potential",
        "Løsningen kan frigøre eller spare mange ressourcer.",
        "1.5",
        True,
        "potential",
    ),
    (
        "Politisk prioritet",
        "Political priority",
        "Emnet er politisk prioriteret i kommunen.",
        "1.0",
        True,
        "potential",
    ),
    (
        "Risiko",
        "Risk",
        "Der er stor risiko for, at løsningen ikke virker eller ikke kan gennemføres.",
        "1.0",
        False,
        "effort",
    ),
    (
        "Gennemførlighed",
        "Feasibility",
        "Opgaven kan gennemføres med de kompetencer og midler, der kan skaffes.",
        "1.0",
        True,
        "effort",
    ),
]

CHECKLISTS = {
    1: [
        "Problemet er beskrevet med data og borgernes egne ord",
        "Ejer og ejerområde har bekræftet opgaven",
    ],
    2: [
        "1-2 innovationspartnere fra området er udpeget",
        "Holdets kompetencer er afstemt med opgavens behov",
    ],
    3: [
        "Mindst én prøvehandling er gennemført og evalueret",
        "Effekten er dokumenteret og delt med ejeren",
    ],
    4: ["Business case er udarbejdet", "Finansiering af drift er afklaret"],
    5: [
        "Gevinstrealiseringsaftale er underskrevet",
        "Plan for skalering i hele området er godkendt",
    ],
    6: ["Løsningen er en del af den daglige drift", "Gevinster måles og følges op"],
    7: ["Andre områder eller kommuner er kontaktet om udbredelse", "Læring er beskrevet og delt"],
}


def create(apps, schema_editor):
    Criterion = apps.get_model("portfolio", "Criterion")
    ExitCriterion = apps.get_model("portfolio", "ExitCriterion")
    Portfolio = apps.get_model("portfolio", "Portfolio")
    for position, (name, name_en, description, weight, better, counts) in enumerate(CRITERIA):
        Criterion.objects.get_or_create(
            name=name,
            defaults={
                "name_en": name_en,
                "description": description,
                "weight": Decimal(weight),
                "higher_is_better": better,
                "counts_as": counts,
                "position": position,
            },
        )
    for phase, texts in CHECKLISTS.items():
        for position, text in enumerate(texts):
            ExitCriterion.objects.get_or_create(
                phase=phase, text=text, defaults={"position": position}
            )
    Portfolio.objects.get_or_create(name="portfolio")


def remove(apps, schema_editor):
    apps.get_model("portfolio", "Criterion").objects.filter(
        name__in=[c[0] for c in CRITERIA]
    ).delete()
    apps.get_model("portfolio", "ExitCriterion").objects.all().delete()
    apps.get_model("portfolio", "Portfolio").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
