from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core import formatting
from samskab.core.validators import validate_sensible_year
from samskab.portfolio.models import InnovationTask
from samskab.teams.models import Role

from .importing import parse_amount
from .models import MONEY, Expense, Funding, FundingSource

AMOUNT = {"inputmode": "decimal"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class KronerField(forms.DecimalField):
    """An amount of kroner as typed in Danish ("1.234,50") or plainly ("1234.50")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", MONEY["max_digits"])
        kwargs.setdefault("decimal_places", MONEY["decimal_places"])
        kwargs.setdefault("widget", forms.TextInput(attrs=AMOUNT))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            parsed = parse_amount(value)
            if parsed is None:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            value = str(parsed)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return formatting.number(value, decimals=2)
        return value


def _kroner_field(label, *, required: bool = True, minimum=Decimal("0")) -> KronerField:
    return KronerField(label=label, required=required, min_value=minimum)


class FundingForm(forms.ModelForm):
    granted = _kroner_field(_("Granted (kr.)"))
    drawn = KronerField(
        label=_("Drawn (kr.)"),
        min_value=Decimal("0"),
        initial=Decimal("0"),
        help_text=_(
            "Drawn outside the expenses recorded here; expenses paid from the funding "
            "count as drawn by themselves."
        ),
    )

    class Meta:
        model = Funding
        fields = ["source", "year", "granted", "drawn", "note"]

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
    amount = KronerField(
        label=_("Amount (kr.)"), help_text=_("In kroner; a credit note is a negative amount.")
    )

    class Meta:
        model = Expense
        fields = ["spent_on", "description", "amount", "funding"]
        widgets = {"spent_on": DateInput()}

    def __init__(self, *args, task: InnovationTask, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.task = task
        self.fields["funding"].queryset = Funding.objects.filter(task=task).select_related("source")
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
        self.fields["funding"].queryset = Funding.objects.filter(task=task).select_related("source")


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
