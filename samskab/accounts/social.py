"""Samskab's choices in django-allauth's login through identity providers (SOCIALACCOUNT_ADAPTER).

Employees come through the municipality's OpenID Connect providers and are linked to
their person in the organisation; citizens and company representatives through
MitID (accounts/mitid.py). Nobody signs up through a form on the way.
"""

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import services
from .mitid import MitIDProvider

TEMPLATE = "socialaccount/authentication_error.html"


def _claims(extra_data: dict) -> dict:
    """The ID token's claims with the userinfo's over them (allauth keeps both)."""
    return {**(extra_data.get("id_token") or {}), **(extra_data.get("userinfo") or {})}


def _refusal(exception) -> str:
    """Why a login through an identity provider failed, said to the person."""
    from allauth.core.internal.deferred import jwt

    cause = getattr(exception, "__cause__", None)
    if isinstance(cause, jwt.ExpiredSignatureError):
        return _("The identity provider's proof of your login had expired. Please log in again.")
    if isinstance(cause, jwt.InvalidAudienceError):
        return _("The identity provider's proof of your login was issued to another service.")
    if isinstance(cause, jwt.InvalidSignatureError | jwt.InvalidAlgorithmError):
        return _(
            "The signature on the identity provider's proof of your login could not be verified."
        )
    if isinstance(exception, OAuth2Error):
        return _("The identity provider's proof of your login could not be verified.")
    return _("The login could not be completed. Please try again.")


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        if extra_context is not None:
            extra_context["refusal"] = _refusal(exception)
            if extra_context.get("saml_errors"):
                extra_context["refusal"] = _(
                    "MitID's answer could not be verified, so you were not logged in."
                )

    def pre_social_login(self, request, sociallogin) -> None:
        """Link the first login to the person it is, and let employees' roles follow their groups."""
        provider = sociallogin.account.get_provider(request)
        try:
            if isinstance(provider, MitIDProvider):
                self._citizen(sociallogin, request)
            else:
                self._employee(sociallogin, request, provider)
        except services.LoginRefused as refused:
            raise ImmediateHttpResponse(
                render(request, TEMPLATE, {"refusal": refused.message}, status=403)
            ) from refused

    def _employee(self, sociallogin, request, provider) -> None:
        app_settings = provider.app.settings
        claims = _claims(sociallogin.account.extra_data)
        if sociallogin.is_existing:
            user = sociallogin.user
            if not user.is_active:
                raise services.LoginRefused(_("Your account in Samskab is deactivated."))
        else:
            user = services.employee_for_login(
                claims=claims,
                employee_id_claim=app_settings.get(
                    "employee_id_claim", settings.SAMSKAB_OIDC_EMPLOYEE_ID_CLAIM
                ),
                trust_email=bool(app_settings.get("trust_email", False)),
            )
            sociallogin.connect(request, user)
        groups = claims.get(app_settings.get("groups_claim", settings.SAMSKAB_OIDC_GROUPS_CLAIM))
        if isinstance(groups, str):
            groups = [groups]
        services.employee_roles_follow(
            user=user,
            provider_groups=[str(group) for group in groups or []],
            mapping=settings.SAMSKAB_OIDC_ROLE_GROUPS,
        )

    def _citizen(self, sociallogin, request) -> None:
        if sociallogin.is_existing:
            if not sociallogin.user.is_active:
                raise services.LoginRefused(_("Your account in Samskab is deactivated."))
            return
        extra = sociallogin.account.extra_data
        user = services.citizen_for_mitid_login(
            uid=sociallogin.account.uid,
            name=extra.get("name", ""),
            email=sociallogin.user.email if sociallogin.user else "",
            cvr=extra.get("cvr", ""),
        )
        sociallogin.connect(request, user)

    def is_open_for_signup(self, request, sociallogin) -> bool:
        # Accounts are made in pre_social_login, for the people found there; never by a form.
        return False
