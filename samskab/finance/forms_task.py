from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_sensible_year
from samskab.portfolio.models import InnovationTask
from samskab.teams.models import Role

from .models import MONEY, Expense, Funding, FundingSource

AMOUNT = {"inputmode": "decimal"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _kroner_field(label, *, required: bool = True, minimum=Decimal("0")) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        localize=True,
        min_value=minimum,
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        widget=forms.TextInput(attrs=AMOUNT),
    )


class FundingForm(forms.ModelForm):
    class Meta:
        model = Funding
        fields = ["source", "year", "granted", "drawn", "note"]
        localized_fields = ["granted", "drawn"]
        widgets = {"granted": forms.TextInput(attrs=AMOUNT), "drawn": forms.TextInput(attrs=AMOUNT)}
        help_texts = {
            "drawn": _(
                "Drawn outside the expenses recorded here; expenses paid from the funding "
                "count as drawn by themselves."
            )
        }

    def __init__(self, *args, task: InnovationTask, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.task = task
        sources = FundingSource.objects.filter(active=True)
        if self.instance.source_id:
            sources = FundingSource.objects.filter(active=True) | FundingSource.objects.filter(
                pk=self.instance.source_id
            )
        self.fields["source"].queryset = sources.order_by("name")


class TaskBudgetForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), validators=[validate_sensible_year])
    amount = _kroner_field(_("Budget (kr.)"))


class ExpenseForm(forms.ModelForm):
    class Meta:
        model = Expense
        fields = ["spent_on", "description", "amount", "funding"]
        localized_fields = ["amount"]
        widgets = {"spent_on": DateInput(), "amount": forms.TextInput(attrs=AMOUNT)}
        help_texts = {"amount": _("In kroner; a credit note is a negative amount.")}

    def __init__(self, *args, task: InnovationTask, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.task = task
        self.fields["funding"].queryset = Funding.objects.filter(task=task).select_related(
            "source"
        )
        self.fields["amount"].validators.append(_not_too_large)


def _not_too_large(value: Decimal) -> None:
    if value is not None and abs(value) >= Decimal("1e12"):
        raise forms.ValidationError(_("The amount is too large."))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8) or Excel (.xlsx) with the columns dato, beskrivelse and beløb; at "
            "most 5,000 rows."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    funding = forms.ModelChoiceField(
        label=_("Paid from"),
        queryset=Funding.objects.none(),
        required=False,
        help_text=_("The funding every expense of the file is paid from, if one."),
    )

    def __init__(self, *args, task: InnovationTask, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding"].queryset = Funding.objects.filter(task=task).select_related(
            "source"
        )


class RatesForm(forms.Form):
    """One hourly rate per team role; empty means the role has no rate."""

    def __init__(self, *args, rates: dict[str, Decimal], **kwargs):
        super().__init__(*args, **kwargs)
        for role, label in Role.choices:
            self.fields[role] = _kroner_field(label, required=False)
            if role in rates:
                self.initial[role] = rates[role]

    def rates(self) -> dict[str, Decimal | None]:
        return {role: self.cleaned_data.get(role) for role, _label in Role.choices}
