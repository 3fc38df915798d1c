from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.organisation.models import Competency, Person, PersonCompetency
from samskab.portfolio.phases import PhaseNumber

from .models import (
    EXTERNAL_ROLE,
    EXTERNAL_ROLES,
    CompetencyNeed,
    Importance,
    LearningRecord,
    Role,
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


__all__ = ["CapacityForm", "Importance", "LearningForm", "MembershipForm", "NeedForm"]
