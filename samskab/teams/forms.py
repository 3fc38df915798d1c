from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_sensible_date
from samskab.organisation.models import Competency, Person, PersonCompetency
from samskab.portfolio.phases import PhaseNumber

from .models import (
    EXTERNAL_ROLE,
    EXTERNAL_ROLES,
    CompetencyNeed,
    Importance,
    LearningRecord,
    Programme,
    Role,
    Session,
    StaffCapacity,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format=format)


class NeedForm(forms.ModelForm):
    class Meta:
        model = CompetencyNeed
        fields = ["competency", "importance", "phase", "level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = Competency.objects.order_by("name")
        self.fields["phase"].choices = PhaseNumber.choices

    def validate_unique(self):
        """A second need for the same competency replaces the first (the service does it)."""


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    allocation = forms.IntegerField(
        label=_("Allocation (%)"),
        min_value=0,
        max_value=100,
        initial=20,
        help_text=_("The share of the person's working time that goes to the task."),
    )
    starts_on = forms.DateField(label=_("From"), widget=DateInput)
    consent_on = forms.DateField(
        label=_("Consent given"),
        required=False,
        widget=DateInput,
        help_text=_("For participants from outside the municipality."),
    )
    consent_to = forms.CharField(
        label=_("Consented to"),
        required=False,
        max_length=300,
        help_text=_("What the participant agreed to, e.g. that name and e-mail are kept."),
    )

    def __init__(self, *args, person: Person, **kwargs):
        """An employee takes an employee's role and gives no consent here; someone from
        outside takes the role of their kind, on the consent recorded here."""
        super().__init__(*args, **kwargs)
        if person.kind in EXTERNAL_ROLE:
            role = Role(EXTERNAL_ROLE[person.kind])
            self.fields["role"].choices = [(role.value, role.label)]
        else:
            self.fields["role"].choices = [
                (value, label) for value, label in Role.choices if value not in EXTERNAL_ROLES
            ]
            del self.fields["consent_on"], self.fields["consent_to"]


class LearningForm(forms.ModelForm):
    class Meta:
        model = LearningRecord
        fields = ["competency", "level_after", "activity", "task", "learned_on"]
        widgets = {"learned_on": DateInput}

    def __init__(self, *args, tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = Competency.objects.order_by("name")
        self.fields["level_after"].choices = PersonCompetency.Level.choices
        self.fields["task"].queryset = (
            tasks if tasks is not None else self.fields["task"].queryset.none()
        )
        self.fields["task"].required = False


class CapacityForm(forms.ModelForm):
    class Meta:
        model = StaffCapacity
        fields = ["hours_per_week"]


# Learning programmes ------------------------------------------------------------------


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None, format="%H:%M"):
        super().__init__(attrs, format=format)


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["title", "purpose", "starts_on", "ends_on"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "starts_on": DateInput,
            "ends_on": DateInput,
        }


class AimForm(forms.Form):
    competency = forms.ModelChoiceField(
        label=_("Competency"), queryset=Competency.objects.order_by("name")
    )
    target_level = forms.TypedChoiceField(
        label=_("Level aimed at"),
        choices=PersonCompetency.Level.choices,
        coerce=int,
        initial=PersonCompetency.Level.PRACTISED,
    )


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["on", "starts_at", "ends_at", "place", "topic"]
        widgets = {"on": DateInput, "starts_at": TimeInput, "ends_at": TimeInput}


class DayForm(forms.Form):
    """The day something happened (completion), today unless told."""

    on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=DateInput,
        validators=[validate_sensible_date],
        help_text=_("Today, unless you choose another day."),
    )


class DropForm(DayForm):
    reason = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=300,
        help_text=_("Optional, e.g. a new job or not enough time."),
    )


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Present"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everyone who came; the others are recorded as absent."),
    )

    def __init__(self, *args, participations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(p.pk, p.person.name) for p in participations]


class HeatmapForm(forms.Form):
    """The two days the heatmap compares, or a programme: before it began and after it ended."""

    forloeb = forms.ModelChoiceField(
        label=_("Learning programme"),
        queryset=Programme.objects.order_by("-starts_on", "title"),
        required=False,
        empty_label=_("No programme: the two dates"),
        help_text=_("Compares the day before it began with the day it ended."),
    )
    fra = forms.DateField(
        label=_("First date"), required=False, widget=DateInput, validators=[validate_sensible_date]
    )
    til = forms.DateField(
        label=_("Second date"),
        required=False,
        widget=DateInput,
        validators=[validate_sensible_date],
    )

    def clean(self):
        data = super().clean()
        first, second = data.get("fra"), data.get("til")
        if first and second and first > second:
            self.add_error("til", _("The second date comes after the first."))
        return data


__all__ = [
    "AimForm",
    "AttendanceForm",
    "CapacityForm",
    "DropForm",
    "HeatmapForm",
    "Importance",
    "LearningForm",
    "MembershipForm",
    "NeedForm",
    "ProgrammeForm",
    "SessionForm",
]
