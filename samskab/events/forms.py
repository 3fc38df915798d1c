from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.house.models import Resource
from samskab.portfolio.models import InnovationTask

from .models import Event

DATETIME = {"type": "datetime-local"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "starts_at",
            "ends_at",
            "resource",
            "address",
            "capacity",
            "signup_deadline",
            "audience",
            "task",
        ]
        help_texts = {
            "starts_at": _("Danish time."),
            "signup_deadline": _("Leave empty to take sign-ups until the event starts."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "starts_at": forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT),
            "ends_at": forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT),
            "signup_deadline": forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT),
            "audience": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = Resource.objects.filter(
            active=True, kind__in=[Resource.Kind.ROOM, Resource.Kind.WORKSHOP]
        )
        self.fields["resource"].empty_label = _("Elsewhere (give the address)")
        tasks = InnovationTask.objects.filter(
            status__in=[InnovationTask.Status.ACTIVE, InnovationTask.Status.PAUSED]
        ).order_by("title")
        if self.instance.task_id:
            tasks = tasks | InnovationTask.objects.filter(pk=self.instance.task_id)
        self.fields["task"].queryset = tasks
        self.fields["task"].empty_label = _("None")
        self.fields["signup_deadline"].required = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("signup_deadline") and cleaned.get("starts_at"):
            cleaned["signup_deadline"] = cleaned["starts_at"]
            self.instance.signup_deadline = cleaned["starts_at"]
        return cleaned


class SignUpForm(forms.Form):
    """Sign-up without an account: a name and an e-mail address, confirmed by a link."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send you a link to confirm the sign-up, and write to you about the event."),
    )
    # A field people do not see: a robot that fills it in is told nothing.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    @property
    def is_spam(self) -> bool:
        return "website" in self.errors


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the event cancelled?"),
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everyone signed up or waiting is told by e-mail, with this reason."),
    )
