"""Employees' login through the municipality's OpenID Connect providers.

allauth skips the ID token's signature when the token came straight from the
provider's token endpoint (OpenID Connect Core §3.1.3.7 allows it over TLS).
Samskab checks it always, with the provider's published keys and an asymmetric
algorithm only, as well as its issuer, audience and expiry. The callback at
allauth's own address is this one (samskab/urls.py puts it first).
"""

from allauth.account.internal.decorators import login_not_required
from allauth.core.internal.deferred import jwt
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404, HttpRequest

# Signatures with the provider's private key; never "none" or a shared secret.
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")


class StrictOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict:
        try:
            alg, key = jwtkit.fetch_key(
                id_token, self.openid_config["jwks_uri"], jwtkit.lookup_kid_jwk
            )
            if alg not in ALGORITHMS:
                raise OAuth2Error(f"Refused signing algorithm: {alg}")
            data = jwt.decode(
                id_token,
                key=key,
                algorithms=[alg],
                issuer=self.openid_config["issuer"],
                audience=app.client_id,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
            jwtkit.verify_jti(data)
            return data
        except (jwt.PyJWTError, KeyError) as error:
            raise OAuth2Error("Invalid id_token") from error


@login_not_required
def callback(request: HttpRequest, provider_id):
    try:
        view = OAuth2CallbackView.adapter_view(StrictOpenIDConnectAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error
