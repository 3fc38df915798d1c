from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.portfolio.forms.tasks import OwnerChoiceField, owners_in
from samskab.portfolio.models import InnovationTask

from .models import Experiment, LearningCard, Measurement


def _without_trailing_zeros(form: forms.ModelForm, fields: list[str]) -> None:
    """Show a stored 12.1000 as 12,1 when the form opens on it."""
    for name in fields:
        value = form.initial.get(name)
        if isinstance(value, Decimal) and value.is_finite():
            form.initial[name] = value.normalize() if value else Decimal(0)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ExperimentForm(forms.ModelForm):
    owner = OwnerChoiceField(None, label=_("Owner"))

    class Meta:
        model = Experiment
        fields = [
            "title",
            "hypothesis",
            "intervention",
            "metric",
            "unit",
            "direction",
            "baseline",
            "success_criterion",
            "target_change",
            "design",
            "repeats",
            "validation",
            "starts_on",
            "ends_on",
            "owner",
            "value_served",
        ]
        localized_fields = ["baseline", "target_change"]
        widgets = {
            "baseline": forms.TextInput(attrs={"inputmode": "decimal"}),
            "target_change": forms.TextInput(attrs={"inputmode": "decimal"}),
            "hypothesis": forms.Textarea(attrs={"rows": 3}),
            "intervention": forms.Textarea(attrs={"rows": 3}),
            "success_criterion": forms.Textarea(attrs={"rows": 2}),
            "direction": forms.RadioSelect,
            "design": forms.RadioSelect,
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def __init__(self, *args, task: InnovationTask, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.task = task
        self.fields["owner"].queryset = owners_in(task.owning_area)
        self.fields["owner"].help_text = _("An employee of the task's owning area.")
        earlier = Experiment.objects.filter(task=task).order_by("starts_on", "pk")
        if self.instance.pk:
            earlier = earlier.exclude(pk=self.instance.pk)
        self.fields["repeats"].queryset = earlier
        self.fields["repeats"].help_text = _("If the trial repeats an earlier trial of the task.")
        _without_trailing_zeros(self, ["baseline", "target_change"])

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The trial cannot end before it starts."))
        return data


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["measured_on", "group", "value", "observations", "source", "note"]
        localized_fields = ["value"]
        widgets = {
            "measured_on": DateInput(),
            "group": forms.RadioSelect,
            "value": forms.TextInput(attrs={"inputmode": "decimal"}),
        }

    def __init__(self, *args, experiment: Experiment, **kwargs):
        super().__init__(*args, **kwargs)
        _without_trailing_zeros(self, ["value"])
        if not experiment.has_comparison:
            self.fields["group"].choices = [
                (Measurement.Group.TRIAL, Measurement.Group.TRIAL.label)
            ]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8) or Excel (.xlsx) with the columns dato, gruppe, værdi, antal, kilde "
            "and note; only dato and værdi are required."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class LearningCardForm(forms.ModelForm):
    class Meta:
        model = LearningCard
        fields = ["saw", "learned", "decide"]
        widgets = {
            "saw": forms.Textarea(attrs={"rows": 4}),
            "learned": forms.Textarea(attrs={"rows": 4}),
            "decide": forms.Textarea(attrs={"rows": 4}),
        }
