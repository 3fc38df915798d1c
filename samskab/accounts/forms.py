from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samskab.organisation.services import citizen_register

from .permissions import is_employee


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


class LoginForm(AllauthLoginForm):
    """allauth's login form; employees may be held to their identity provider (settings)."""

    def clean(self):
        cleaned_data = super().clean()
        user = getattr(self, "user", None)
        if (
            user is not None
            and not settings.SAMSKAB_EMPLOYEE_PASSWORD_LOGIN
            and settings.SAMSKAB_OIDC_PROVIDERS
            and is_employee(user)
        ):
            raise forms.ValidationError(
                _(
                    "Employees log in with their work account: use the button "
                    "“Log in with your work account” below. Your password is not used here."
                ),
                code="employee_password_off",
            )
        return cleaned_data
