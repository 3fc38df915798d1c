from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_sensible_date, validate_sensible_year
from samskab.network.models import Organisation
from samskab.organisation.models import Person
from samskab.portfolio.models import InnovationTask

from .models import Application, BudgetLine, BudgetVersion, FundingSource, GrantReport

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class YearForm(forms.Form):
    """Which year's budget to show (``?aar=``), and which version (``?version=``)."""

    aar = forms.IntegerField(label=_("Year"), validators=[validate_sensible_year])
    version = forms.IntegerField(
        required=False, min_value=1, max_value=32767, widget=forms.HiddenInput
    )


class StartForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), validators=[validate_sensible_year])


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "description", "source", "granted", "committed", "spent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = FundingSource.objects.order_by("name")


class ReviseForm(forms.ModelForm):
    class Meta:
        model = BudgetVersion
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = True


class SourceForm(forms.ModelForm):
    class Meta:
        model = FundingSource
        fields = ["name", "kind", "organisation", "conditions", "reporting", "active"]
        widgets = {
            "conditions": forms.Textarea(attrs={"rows": 4}),
            "reporting": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return f"{person.name}, {person.title}" if person.title else person.name


class ApplicationForm(forms.ModelForm):
    responsible = PersonChoiceField(Person.objects.none(), label=_("Responsible"))

    class Meta:
        model = Application
        fields = ["title", "source", "task", "responsible", "amount_sought", "deadline"]
        widgets = {"deadline": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = FundingSource.objects.order_by("name")
        self.fields["task"].queryset = InnovationTask.objects.order_by("title")
        self.fields["responsible"].queryset = Person.objects.filter(
            kind=Person.Kind.EMPLOYEE, user__isnull=False
        ).order_by("name")


class MoveForm(forms.Form):
    """Move an application to another status; a grant needs its amount and the decision's day."""

    status = forms.ChoiceField(label=_("New status"), choices=Application.Status.choices)
    granted_amount = forms.DecimalField(
        label=_("Granted amount (kr.)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("Only when granted."),
    )
    decided_on = forms.DateField(
        label=_("Decided on"),
        required=False,
        widget=DATE,
        validators=[validate_sensible_date],
        help_text=_("When granted or refused."),
    )
    submitted_on = forms.DateField(
        label=_("Submitted on"),
        required=False,
        widget=DATE,
        validators=[validate_sensible_date],
        help_text=_("When submitted; today if left empty."),
    )
    conditions = forms.CharField(
        label=_("Conditions of the grant"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(forms.ModelForm):
    class Meta:
        model = GrantReport
        fields = ["title", "due_on", "done_on"]
        widgets = {"due_on": DATE, "done_on": DATE}
