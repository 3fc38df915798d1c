from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_sensible_date
from samskab.organisation.models import Person
from samskab.portfolio.models import InnovationTask

from .models import Organisation, Partnership
from .services import MAX_TASKS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name"), required=False, max_length=100, widget=forms.SearchInput
    )
    type = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Organisation.Kind.choices]
    )


class PartnershipFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search by title or organisation"),
        required=False,
        max_length=100,
        widget=forms.SearchInput,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Partnership.Status.choices],
    )


def _https_by_default(field, **kwargs):
    """A web address typed without its scheme is read as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "cvr", "website", "email", "phone", "location", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        formfield_callback = _https_by_default


class ResponsibleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return f"{person.name}, {person.title}" if person.title else person.name


class PartnershipForm(forms.ModelForm):
    organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.order_by("name", "pk"),
        label=_("Organisations"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One or more: a co-operation of several municipalities is one partnership."),
    )
    responsible = ResponsibleChoiceField(
        Person.objects.filter(kind=Person.Kind.EMPLOYEE).order_by("name", "pk"),
        label=_("Responsible in the municipality"),
        help_text=_("The employee who keeps the partnership going."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(value, label) for value, label in Partnership.Status.choices][:2],
        widget=forms.RadioSelect,
        help_text=_("A partnership is ended or cancelled from its page."),
    )

    class Meta:
        model = Partnership
        fields = [
            "title",
            "organisations",
            "purpose",
            "status",
            "starts_on",
            "ends_on",
            "contact_name",
            "contact_email",
            "responsible",
            "data_terms",
            "rights_terms",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "data_terms": forms.Textarea(attrs={"rows": 3}),
            "rights_terms": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["organisations"] = list(
                self.instance.organisations.values_list("pk", flat=True)
            )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The partnership cannot end before it starts."))
        return data


class TaskLinkForm(forms.Form):
    task = forms.ModelChoiceField(
        InnovationTask.objects.order_by("title", "pk"),
        label=_("Innovation task"),
        required=False,
        empty_label=_("None"),
    )
    role = forms.CharField(
        label=_("The partner's role"),
        required=False,
        max_length=200,
        help_text=_("E.g. co-developer, test site, evaluator, funder."),
    )


class BaseTaskLinkFormSet(forms.BaseFormSet):
    def links(self) -> list[tuple[InnovationTask, str]]:
        """The tasks chosen, each with its role; rows without a task are left out."""
        return [
            (form.cleaned_data["task"], form.cleaned_data.get("role", ""))
            for form in self.forms
            if form.cleaned_data.get("task")
        ]


TaskLinkFormSet = forms.formset_factory(
    TaskLinkForm,
    formset=BaseTaskLinkFormSet,
    extra=2,
    max_num=MAX_TASKS,
    absolute_max=MAX_TASKS,
    validate_max=True,
)


class EndForm(forms.Form):
    status = forms.ChoiceField(
        label=_("How did it end?"),
        choices=[
            (Partnership.Status.ENDED, _("Ended: the partnership ran its course")),
            (Partnership.Status.CANCELLED, _("Cancelled: it was broken off or never began")),
        ],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=_("Day"), widget=DateInput(), validators=[validate_sensible_date])
