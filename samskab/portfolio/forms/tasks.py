from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_sensible_date
from samskab.ideas.picker import IdeaPickerField, PickerForm
from samskab.ideas.queries import ideas_visible_to
from samskab.organisation.models import OrgUnit, Person
from samskab.organisation.queries import unit_ids_below

from ..models import Category, ExitCriterion, InnovationTask, Novelty, TaskProposal


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
        area = (
            OrgUnit.objects.filter(pk=area_id).first() if str(area_id or "").isdecimal() else None
        )
        self.fields["owner"].queryset = owners_in(area)
        self.fields["owner"].help_text = _("An employee of the owning area. Choose the area first.")


def novelty_radios(field: forms.ChoiceField) -> None:
    """Radical or incremental as two radio buttons, neither chosen until someone chooses.

    A model field's choices start with a blank "---------", which a select needs but a
    group of radio buttons shows as a third button, chosen from the start.
    """
    field.choices = Novelty.choices
    field.required = True
    field.error_messages["required"] = _("Choose radical or incremental.")


class ProposalForm(PickerForm, OwnedForm):
    ideas = IdeaPickerField(
        multiple=True,
        label=_("Ideas behind the proposal"),
        required=False,
        help_text=_(
            "Type words from the ideas' titles, or their numbers (e.g. 12, 47), and tick "
            "the ideas found."
        ),
    )

    class Meta:
        model = TaskProposal
        fields = ["title", "problem", "ambition", "novelty", "category", "owning_area", "owner"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "ambition": forms.Textarea(attrs={"rows": 4}),
            "novelty": forms.RadioSelect,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        novelty_radios(self.fields["novelty"])
        self.fields["ideas"].scope = ideas_visible_to(user)
        if self.instance.pk:
            self.initial.setdefault(
                "ideas", list(self.instance.ideas.order_by("pk").values_list("pk", flat=True))
            )


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


class BoardFilterForm(forms.Form):
    """The board's filters: owning area, status and type (and radical or incremental)."""

    omraade = forms.ModelChoiceField(
        OrgUnit.objects.none(), label=_("Area"), required=False, empty_label=_("All areas")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Active and paused")),
            (InnovationTask.Status.ACTIVE, _("Active")),
            (InnovationTask.Status.PAUSED, _("Paused")),
        ],
    )
    type = forms.ChoiceField(
        label=_("Type of innovation"),
        required=False,
        choices=[("", _("All types")), *Category.choices],
    )
    nyhed = forms.ChoiceField(
        label=_("Radical or incremental"),
        required=False,
        choices=[("", _("Both")), *Novelty.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["omraade"].queryset = OrgUnit.objects.filter(kind=OrgUnit.Kind.AREA).order_by(
            "name"
        )

    def filters(self) -> dict:
        """The valid filters as ``queries.open_tasks`` takes them; a wrong one is left out
        (and shown with its message on the form)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "area": data.get("omraade"),
            "status": data.get("status", ""),
            "category": data.get("type", ""),
            "novelty": data.get("nyhed", ""),
        }


class RoadmapFilterForm(BoardFilterForm):
    """The board's filters, closed tasks too, and the period the roadmap covers."""

    LONGEST_YEARS = 10

    fra = forms.DateField(
        label=_("From"),
        required=False,
        validators=[validate_sensible_date],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty: from when the first task shown started."),
    )
    til = forms.DateField(
        label=_("To"),
        required=False,
        validators=[validate_sensible_date],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty: a year from today."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            *self.fields["status"].choices,
            ("closed", _("Stopped or completed")),
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("fra"), data.get("til")
        if start and end:
            if end <= start:
                self.add_error("til", _("The period ends after it starts."))
            elif (end - start).days > 366 * self.LONGEST_YEARS:
                self.add_error(
                    "til",
                    _("Choose a period of at most %(years)d years.")
                    % {"years": self.LONGEST_YEARS},
                )
        return data

    def filters(self) -> dict:
        filters = super().filters()
        data = self.cleaned_data
        period_ok = "fra" in data and "til" in data
        filters["start"] = data.get("fra") if period_ok else None
        filters["end"] = data.get("til") if period_ok else None
        return filters


ExitCriterionFormSet = forms.modelformset_factory(
    ExitCriterion, fields=["phase", "text", "position", "active"], extra=2, can_delete=False
)
