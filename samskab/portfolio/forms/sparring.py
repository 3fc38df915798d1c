"""Forms of the sparring queue; the rules are in services.sparring, these only parse input."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.accounts.models import User
from samskab.organisation.models import OrgUnit

from ..queries import sparring as queries


def _hours_field(label, **kwargs) -> forms.DecimalField:
    """Hours in steps of half an hour; "2,5" is read as in Danish."""
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0.5"),
        decimal_places=1,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input-width-xs"}),
        **kwargs,
    )


class SparringRequestForm(forms.Form):
    title = forms.CharField(label=_("What do you want sparring on?"), max_length=200)
    description = forms.CharField(
        label=_("Describe what help you need"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you are working on, what you have tried, and what you hope to get."),
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("No area"),
        help_text=_("The area the work belongs to, if any."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = OrgUnit.objects.filter(kind=OrgUnit.Kind.AREA).order_by(
            "name"
        )


class LogForm(forms.Form):
    hours = _hours_field(_("Hours"), max_digits=5, help_text=_("In half hours, e.g. 1,5."))
    worked_on = forms.DateField(
        label=_("Date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("What was done"),
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FinishForm(forms.Form):
    outcome = forms.CharField(
        label=_("What came of the sparring"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The requester gets this by e-mail."),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the request is declined"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The requester gets this by e-mail."),
    )


class TimeBoxForm(forms.Form):
    time_box_hours = _hours_field(_("Time box (hours)"), max_digits=6)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user: User) -> str:
        return user.display_name()


class AssignForm(forms.Form):
    assigned_to = StaffChoiceField(
        label=_("Assigned to"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody yet"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = queries.unit_staff()
