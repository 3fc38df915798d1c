from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.organisation.services import citizen_register


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form: who the new citizen is."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Shown with what you write in Samskab."),
    )
    field_order = ["name", "email", "password1", "password2"]

    def signup(self, request, user) -> None:
        citizen_register(user=user, name=self.cleaned_data["name"])
