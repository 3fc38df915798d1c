from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_sensible_date
from samskab.network.models import Organisation
from samskab.organisation.models import Competency, Person, PersonCompetency
from samskab.portfolio.models import InnovationTask

from .models import Residency, Resource


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format=format)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None, format="%H:%M"):
        super().__init__(attrs, format=format)


class BookingForm(forms.Form):
    """A booking, or with "repeat" a recurring one; the service checks the rules."""

    resource = forms.ModelChoiceField(
        label=_("Resource"), queryset=Resource.objects.none(), empty_label=None
    )
    day = forms.DateField(label=_("Day"), widget=DateInput, validators=[validate_sensible_date])
    starts = forms.TimeField(label=_("From"), widget=TimeInput, help_text=_("For example 10:00."))
    ends = forms.TimeField(label=_("To"), widget=TimeInput, help_text=_("For example 12:00."))
    title = forms.CharField(
        label=_("Title or purpose"),
        max_length=200,
        help_text=_('What the room is used for, e.g. "Workshop with citizens".'),
    )
    public = forms.BooleanField(
        label=_("Show the title in public calendars"),
        required=False,
        help_text=_("Otherwise visitors and public feeds only see that the time is taken."),
    )
    task = forms.ModelChoiceField(
        label=_("Innovation task"),
        queryset=InnovationTask.objects.none(),
        required=False,
        help_text=_("Optional: the task the booking is for."),
    )
    booked_for = forms.ModelChoiceField(
        label=_("Booked for"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Leave empty to book for yourself."),
    )
    repeat = forms.BooleanField(label=_("Repeat weekly"), required=False)
    every_weeks = forms.IntegerField(
        label=_("Every n weeks"), min_value=1, max_value=8, initial=1, required=False
    )
    until = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=DateInput,
        validators=[validate_sensible_date],
        help_text=_("The series is booked every time up to and including this day."),
    )

    def __init__(self, *args, for_others: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = Resource.objects.filter(active=True).order_by(
            "kind", "name"
        )
        self.fields["task"].queryset = InnovationTask.objects.filter(
            status=InnovationTask.Status.ACTIVE
        ).order_by("title")
        if for_others:
            self.fields["booked_for"].queryset = Person.objects.exclude(
                kind=Person.Kind.POLITICIAN
            ).order_by("name", "pk")
        else:
            del self.fields["booked_for"]
        most = settings.SAMSKAB_HOUSE_MAX_OCCURRENCES
        self.fields["until"].help_text = _(
            "The series is booked every time up to and including this day (at most %(most)d times)."
        ) % {"most": most}

    def clean(self):
        data = super().clean()
        if data.get("repeat"):
            if not data.get("until"):
                self.add_error("until", _("Give the last day of the series."))
            if not data.get("every_weeks"):
                data["every_weeks"] = 1
        return data


LEVEL_CHOICES = [("", _("Not offered")), *PersonCompetency.Level.choices]


class ResourceForm(forms.ModelForm):
    """A room, the workshop, a desk or a piece of equipment, as the unit describes it."""

    class Meta:
        model = Resource
        fields = ["name", "kind", "description", "capacity", "location", "accessibility", "active"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }


class ResidencyForm(forms.ModelForm):
    """A residency, with a level field per competency the resident may contribute."""

    class Meta:
        model = Residency
        fields = [
            "person",
            "organisation",
            "starts_on",
            "ends_on",
            "desk",
            "works_on",
            "offers",
            "consent_on",
            "consent_to",
        ]
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "consent_on": DateInput,
            "works_on": forms.Textarea(attrs={"rows": 3}),
            "offers": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "person": _("The entrepreneur, a person from outside the municipality."),
            "organisation": _("Or the company as a whole (then the person is its contact)."),
            "consent_on": _("The day the resident agreed to be proposed to teams."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.exclude(
            kind__in=[Person.Kind.EMPLOYEE, Person.Kind.POLITICIAN]
        ).order_by("name", "pk")
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["desk"].queryset = Resource.objects.filter(kind=Resource.Kind.DESK)
        self.competencies = list(Competency.objects.order_by("name"))
        levels = {}
        if self.instance.pk:
            levels = dict(self.instance.skills.values_list("competency_id", "level"))
        for competency in self.competencies:
            self.fields[f"level_{competency.slug}"] = forms.TypedChoiceField(
                label=competency.label,
                choices=LEVEL_CHOICES,
                coerce=int,
                empty_value=0,
                required=False,
                initial=levels.get(competency.pk, ""),
            )

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("organisation"):
            self.add_error("person", _("Choose the person or the company in residence."))
        return data

    @property
    def skill_fields(self):
        return [self[f"level_{competency.slug}"] for competency in self.competencies]

    @property
    def main_fields(self):
        return [self[name] for name in self.Meta.fields]

    def skills(self) -> dict:
        return {
            competency: self.cleaned_data.get(f"level_{competency.slug}") or 0
            for competency in self.competencies
        }
