from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.organisation.models import OrgUnit, Person
from samskab.organisation.queries import unit_ids_below

from .models import BenefitAgreement, BenefitKind, BenefitLine, BenefitRealisation, ChainLevel

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YEARS_AHEAD = 5


class AgreementForm(forms.ModelForm):
    class Meta:
        model = BenefitAgreement
        fields = ["parties", "review_cadence"]
        widgets = {"parties": forms.Textarea(attrs={"rows": 4})}


class ReviseForm(forms.ModelForm):
    class Meta:
        model = BenefitAgreement
        fields = ["revision_reason"]
        widgets = {"revision_reason": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision_reason"].required = True


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return f"{person.name}, {person.title}" if person.title else person.name


class LineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, line: BenefitLine) -> str:
        return f"{line.get_level_display()}: {line.kpi}"


class LineForm(forms.ModelForm):
    """A benefit line with one target field per year, from this year and five years on."""

    responsible = PersonChoiceField(Person.objects.none(), label=_("Responsible"))
    leads_to = LineChoiceField(
        BenefitLine.objects.none(),
        label=_("Leads to"),
        required=False,
        help_text=_("The effect an output leads to, or the benefit an effect leads to."),
    )

    class Meta:
        model = BenefitLine
        fields = [
            "level",
            "leads_to",
            "kind",
            "description",
            "kpi",
            "unit",
            "baseline",
            "measurement_method",
            "responsible",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measurement_method": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, agreement: BenefitAgreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement
        task = agreement.task
        units = unit_ids_below(task.owning_area_id)
        self.fields["responsible"].queryset = Person.objects.filter(
            kind=Person.Kind.EMPLOYEE, org_unit__in=units
        ).order_by("name", "pk")
        others = agreement.lines.exclude(level=ChainLevel.OUTPUT)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["leads_to"].queryset = others.order_by("position", "pk")
        existing = (
            {target.year: target.value for target in self.instance.targets.all()}
            if self.instance.pk
            else {}
        )
        first = min([timezone.localdate().year, *existing])
        self.years = sorted({*range(first, timezone.localdate().year + YEARS_AHEAD), *existing})
        for year in self.years:
            self.fields[f"target_{year}"] = forms.DecimalField(
                label=_("Target %(year)s") % {"year": year},
                required=False,
                max_digits=14,
                decimal_places=2,
                min_value=0,
                initial=existing.get(year),
            )

    def target_fields(self):
        return [self[f"target_{year}"] for year in self.years]

    def targets(self) -> list[tuple[int, Decimal]]:
        return [
            (year, self.cleaned_data[f"target_{year}"])
            for year in self.years
            if self.cleaned_data.get(f"target_{year}") is not None
        ]


class RealisationForm(forms.ModelForm):
    class Meta:
        model = BenefitRealisation
        fields = ["period_start", "period_end", "value", "evidence"]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, line: BenefitLine, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.line = line
        self.fields["value"].help_text = _("In the line's unit: %(unit)s.") % {"unit": line.unit}


class AreaFilterForm(forms.Form):
    omraade = forms.ModelChoiceField(
        OrgUnit.objects.none(), label=_("Area"), required=False, empty_label=_("All areas")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["omraade"].queryset = OrgUnit.objects.filter(kind=OrgUnit.Kind.AREA).order_by(
            "name"
        )


class KindFilterForm(forms.Form):
    art = forms.ChoiceField(label=_("Kind of benefit"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["art"].choices = BenefitKind.choices
