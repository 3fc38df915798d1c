from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_sensible_year

from .models import BusinessCase, BusinessCaseLine
from .services_case import LineFigures

MAX_KRONER = Decimal("999999999999.99")


def _amount(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        max_value=MAX_KRONER,
        localize=True,
    )


class CaseForm(forms.ModelForm):
    class Meta:
        model = BusinessCase
        fields = ["discount_rate", "first_year", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}
        localized_fields = ["discount_rate"]


class CaseLineForm(forms.Form):
    """One row of the case: a kind's low, expected and high figure for a year."""

    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *BusinessCaseLine.Kind.choices])
    year = forms.IntegerField(label=_("Year"), validators=[validate_sensible_year])
    low = _amount(_("Low (kr.)"))
    expected = _amount(_("Expected (kr.)"))
    high = _amount(_("High (kr.)"))

    def has_figures(self) -> bool:
        data = self.cleaned_data
        return any(data.get(name) is not None for name in ("low", "expected", "high"))

    def clean(self):
        data = super().clean()
        figures = [data.get(name) for name in ("low", "expected", "high")]
        if all(value is None for value in figures):
            return data
        if any(value is None for value in figures) and self.errors == {}:
            expected = data.get("expected")
            if expected is None:
                self.add_error("expected", _("Give the expected figure."))
                return data
            data["low"] = expected if data.get("low") is None else data["low"]
            data["high"] = expected if data.get("high") is None else data["high"]
        low, expected, high = (data.get(name) for name in ("low", "expected", "high"))
        if None not in (low, expected, high) and not (low <= expected <= high):
            self.add_error(
                "expected",
                _(
                    "The low estimate must not be above the expected, nor the expected above the high."
                ),
            )
        return data

    def figures(self) -> LineFigures:
        data = self.cleaned_data
        return LineFigures(
            kind=data["kind"],
            year=data["year"],
            low=data["low"],
            expected=data["expected"],
            high=data["high"],
        )


class BaseCaseLineFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or not form.has_figures():
                continue
            key = (form.cleaned_data["kind"], form.cleaned_data["year"])
            if key in seen:
                form.add_error("year", _("This kind already has figures for this year."))
            seen.add(key)

    def figures(self) -> list[LineFigures]:
        return [form.figures() for form in self.forms if form.cleaned_data and form.has_figures()]


CaseLineFormSet = forms.formset_factory(
    CaseLineForm, formset=BaseCaseLineFormSet, extra=4, max_num=200, absolute_max=200
)


def initial_rows(case: BusinessCase) -> list[dict]:
    return [
        {
            "kind": line.kind,
            "year": line.year,
            "low": line.low,
            "expected": line.expected,
            "high": line.high,
        }
        for line in sorted(case.lines.all(), key=lambda line: (line.year, line.kind))
    ]
