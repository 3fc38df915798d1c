from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.benefits.models import BenefitAgreement, BenefitLine
from samskab.core.validators import validate_sensible_date
from samskab.network.models import Organisation
from samskab.organisation.models import OrgUnit, Person
from samskab.organisation.queries import OrgTree

from .models import Adoption, Handover, Milestone, ScalingPlan, Uptake

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return f"{person.name}, {person.title}" if person.title else person.name


def _employees():
    return Person.objects.filter(kind=Person.Kind.EMPLOYEE).order_by("name", "pk")


def _unit_choices(*, levels=None) -> list[tuple[int, str]]:
    """Every unit, indented under its parent, in the tree's order."""
    return [
        (unit.pk, f"{'– ' * depth}{unit.name}")
        for unit, depth in OrgTree.load().flattened()
        if levels is None or unit.kind in levels
    ]


class PlanForm(forms.ModelForm):
    class Meta:
        model = ScalingPlan
        fields = ["approach"]
        widgets = {"approach": forms.Textarea(attrs={"rows": 6})}


class TargetsForm(forms.Form):
    """Target units: all units of a level within a part of the organisation, or named units."""

    within = forms.TypedChoiceField(
        label=_("All units within"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("For example all institutions in the area. Leave empty to name units below."),
    )
    level = forms.ChoiceField(
        label=_("Of the level"),
        choices=[
            (OrgUnit.Kind.INSTITUTION, OrgUnit.Kind.INSTITUTION.label),
            (OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.DEPARTMENT.label),
        ],
        initial=OrgUnit.Kind.INSTITUTION,
    )
    name_contains = forms.CharField(
        label=_("Whose name contains"),
        max_length=100,
        required=False,
        help_text=_("Optional, for example “skole” for the schools only."),
    )
    units = forms.TypedMultipleChoiceField(
        label=_("Named units"),
        coerce=int,
        required=False,
        help_text=_("Units of this or other areas. Hold Ctrl (Cmd on a Mac) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree = OrgTree.load()
        self.fields["within"].choices = [("", _("Choose a unit")), *_unit_choices()]
        self.fields["units"].choices = _unit_choices()

    def clean(self):
        data = super().clean()
        within, units = data.get("within"), data.get("units") or []
        if within is None and not units:
            raise forms.ValidationError(
                _("Choose a part of the organisation and a level, or name the units.")
            )
        chosen = set(units)
        if within is not None:
            text = (data.get("name_contains") or "").strip().casefold()
            chosen |= {
                unit_id
                for unit_id in self.tree.descendant_ids(within)
                if unit_id != within
                and self.tree.units[unit_id].kind == data.get("level")
                and text in self.tree.units[unit_id].name.casefold()
            }
            if not chosen:
                self.add_error("within", _("No units of that level and name lie within it."))
        data["chosen"] = [self.tree.units[pk] for pk in sorted(chosen) if pk in self.tree.units]
        return data


class AdoptionForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), choices=Adoption.State.choices, widget=forms.RadioSelect
    )
    on = forms.DateField(
        label=_("From"),
        widget=DATE,
        validators=[validate_sensible_date],
        initial=timezone.localdate,
    )
    responsible = PersonChoiceField(
        Person.objects.none(), label=_("Responsible in the unit"), required=False
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was changed (adapted), or why it was abandoned."),
    )

    def __init__(self, *args, adoption: Adoption, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "state": adoption.state,
                "responsible": adoption.responsible_id,
                "note": adoption.note,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = _employees()


class MilestoneForm(forms.ModelForm):
    owner = PersonChoiceField(Person.objects.none(), label=_("Responsible"))
    benefit_line = forms.ModelChoiceField(
        BenefitLine.objects.none(),
        label=_("Benefit line"),
        required=False,
        help_text=_("The gain of the benefit agreement that this milestone makes possible."),
    )

    class Meta:
        model = Milestone
        fields = ["title", "due_on", "owner", "done_on", "benefit_line"]
        widgets = {"due_on": DATE, "done_on": DATE}

    def __init__(self, *args, task, plan: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.task = task
        self.instance.plan = plan
        self.fields["owner"].queryset = _employees()
        lines = BenefitLine.objects.filter(
            agreement__task=task, agreement__status=BenefitAgreement.Status.SIGNED
        ).order_by("pk")
        self.fields["benefit_line"].queryset = lines
        self.fields["benefit_line"].label_from_instance = lambda line: line.kpi
        if plan == Milestone.Plan.SCALING or not lines.exists():
            del self.fields["benefit_line"]


class HandoverForm(forms.ModelForm):
    owner = PersonChoiceField(Person.objects.none(), label=_("Responsible for operation"))

    class Meta:
        model = Handover
        fields = ["operated_by", "owner", "yearly_budget", "handed_over_on"]
        widgets = {"handed_over_on": DATE}

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.task = task
        self.fields["owner"].queryset = _employees()
        self.fields["operated_by"].queryset = OrgUnit.objects.order_by("name")


class UptakeForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        Organisation.objects.order_by("name"),
        label=_("Other organisation"),
        required=False,
        help_text=_("A municipality, region, institution or other organisation."),
    )

    class Meta:
        model = Uptake
        fields = ["area", "organisation", "state", "since", "contact_name", "contact_email", "note"]
        widgets = {"since": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.task = task
        self.fields["area"].queryset = (
            OrgUnit.objects.filter(kind=OrgUnit.Kind.AREA)
            .exclude(pk=task.owning_area_id)
            .order_by("name")
        )
        self.fields["area"].help_text = _(
            "Another area of the municipality; or choose an organisation."
        )
