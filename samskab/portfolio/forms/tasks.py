from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from samskab.ideas.models import Idea
from samskab.organisation.models import OrgUnit, Person
from samskab.organisation.queries import unit_ids_below

from ..models import ExitCriterion, InnovationTask, TaskProposal


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return f"{person.name}, {person.title}" if person.title else person.name


def owners_in(area: OrgUnit | None):
    """Employees of the area and the units below it: who may own a task there (rule 4)."""
    if area is None:
        return Person.objects.none()
    units = unit_ids_below(area.pk)
    return Person.objects.filter(kind=Person.Kind.EMPLOYEE, org_unit__in=units).order_by("name")


class OwnedForm(forms.ModelForm):
    """Owning area and owner, the owner chosen among the area's employees (fetched by htmx)."""

    owner = OwnerChoiceField(Person.objects.none(), label=_("Owner"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "owning_area" in self.fields:
            self.fields["owning_area"].queryset = OrgUnit.objects.filter(
                kind=OrgUnit.Kind.AREA
            ).order_by("name")
            self.fields["owning_area"].widget.attrs.update(
                {
                    "hx-get": reverse_lazy("portfolio:owner-choices"),
                    "hx-target": "#id_owner",
                    "hx-trigger": "change",
                    "hx-swap": "innerHTML",
                }
            )
        area_id = self.data.get(self.add_prefix("owning_area")) or getattr(
            self.instance, "owning_area_id", None
        )
        area = OrgUnit.objects.filter(pk=area_id).first() if str(area_id or "").isdigit() else None
        self.fields["owner"].queryset = owners_in(area)
        self.fields["owner"].help_text = _("An employee of the owning area. Choose the area first.")


class ProposalForm(OwnedForm):
    idea_numbers = forms.CharField(
        label=_("Ideas behind the proposal"),
        required=False,
        help_text=_("The numbers of the ideas, separated by commas, e.g. 12, 47."),
    )

    class Meta:
        model = TaskProposal
        fields = ["title", "problem", "ambition", "novelty", "category", "owning_area", "owner"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "ambition": forms.Textarea(attrs={"rows": 4}),
            "novelty": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault(
                "idea_numbers",
                ", ".join(str(pk) for pk in self.instance.ideas.values_list("pk", flat=True)),
            )

    def clean_idea_numbers(self):
        raw = self.cleaned_data["idea_numbers"].replace(";", ",")
        numbers = [part.strip() for part in raw.split(",") if part.strip()]
        if not all(number.isdigit() for number in numbers):
            raise forms.ValidationError(_("Write the ideas' numbers, separated by commas."))
        ideas = list(Idea.objects.filter(pk__in=numbers))
        missing = sorted(set(numbers) - {str(idea.pk) for idea in ideas})
        if missing:
            raise forms.ValidationError(
                _("There are no ideas with the numbers %(numbers)s.")
                % {"numbers": ", ".join(missing)}
            )
        return ideas


class TaskForm(OwnedForm):
    """What the unit and the owner keep between decisions; phase, status and ambition change by decision."""

    class Meta:
        model = InnovationTask
        fields = [
            "title",
            "problem",
            "owner",
            "planned_end_on",
            "next_gate_on",
            "closure_flag",
            "learned_worked",
            "learned_not_worked",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "closure_flag": forms.Textarea(attrs={"rows": 2}),
            "learned_worked": forms.Textarea(attrs={"rows": 3}),
            "learned_not_worked": forms.Textarea(attrs={"rows": 3}),
            "planned_end_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "next_gate_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.closure_flag_code:
            # The flag Samskab raised, in the editor's language (services.task_update keeps
            # it Samskab's if it comes back unchanged).
            self.initial["closure_flag"] = self.instance.closure_reason


class TaskFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    omraade = forms.ModelChoiceField(
        OrgUnit.objects.none(), label=_("Area"), required=False, empty_label=_("All areas")
    )
    fase = forms.TypedChoiceField(label=_("Phase"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ..phases import PhaseNumber

        self.fields["status"].choices = [("", _("All statuses")), *InnovationTask.Status.choices]
        self.fields["omraade"].queryset = OrgUnit.objects.filter(kind=OrgUnit.Kind.AREA).order_by(
            "name"
        )
        self.fields["fase"].choices = [("", _("All phases")), *PhaseNumber.choices]


ExitCriterionFormSet = forms.modelformset_factory(
    ExitCriterion, fields=["phase", "text", "position", "active"], extra=2, can_delete=False
)
