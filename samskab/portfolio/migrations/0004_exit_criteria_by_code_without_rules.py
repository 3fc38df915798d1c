"""The checklist items Samskab came with get their codes, so they are shown in the reader's
language; the items a gate requirement decides by itself are retired (not deleted)."""

from django.db import migrations

CODES = {
    "problem-described": "Problemet er beskrevet med data og borgernes egne ord",
    "owner-confirmed": "Ejer og ejerområde har bekræftet opgaven",
    "effect-shared": "Effekten er dokumenteret og delt med ejeren",
    "business-case": "Business case er udarbejdet",
    "operations-funded": "Finansiering af drift er afklaret",
    "scaling-plan": "Plan for skalering i hele området er godkendt",
    "in-operation": "Løsningen er en del af den daglige drift",
    "benefits-followed": "Gevinster måles og følges op",
    "others-contacted": "Andre områder eller kommuner er kontaktet om udbredelse",
    "learning-shared": "Læring er beskrevet og delt",
}
DECIDED_BY_RULES = {
    "partners-appointed": "1-2 innovationspartnere fra området er udpeget",
    "competencies-matched": "Holdets kompetencer er afstemt med opgavens behov",
    "trial-done": "Mindst én prøvehandling er gennemført og evalueret",
    "agreement-signed": "Gevinstrealiseringsaftale er underskrevet",
}


def forward(apps, schema_editor):
    ExitCriterion = apps.get_model("portfolio", "ExitCriterion")
    for code, text in CODES.items():
        ExitCriterion.objects.filter(text=text, code="").update(code=code)
    for code, text in DECIDED_BY_RULES.items():
        ExitCriterion.objects.filter(text=text, code="").update(code=code, active=False)


def backward(apps, schema_editor):
    ExitCriterion = apps.get_model("portfolio", "ExitCriterion")
    ExitCriterion.objects.filter(code__in=DECIDED_BY_RULES).update(active=True)
    ExitCriterion.objects.update(code="")


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0003_exit_criterion_code")]

    operations = [migrations.RunPython(forward, backward)]
