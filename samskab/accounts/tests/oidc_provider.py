"""A small OpenID Connect provider for the tests, served on the loopback interface.

Discovery document, JWKS, authorize (with PKCE), token and userinfo endpoints, and
ID tokens signed with RS256 by its own RSA key; each test sets the claims and the
trouble (a wrong key, an expired token, another audience).
"""

import base64
import hashlib
import json
import secrets
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings as django_settings

CLIENT_ID = "samskab-test"
SECRET = "hemmelig-klient-noegle"


def _private_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Provider:
    """What the test provider hands out; each test sets the claims and the trouble."""

    def __init__(self) -> None:
        self.key = _private_key()
        self.wrong_key = _private_key()
        self.base = ""
        self.codes: dict[str, dict] = {}
        self.reset()

    def reset(self) -> None:
        self.claims: dict = {}
        self.sign_with_wrong_key = False
        self.expired = False
        self.audience = CLIENT_ID

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": "k1", "alg": "RS256", "use": "sig"}]}

    def id_token(self) -> str:
        now = int(time.time())
        issued = now - 3600 if self.expired else now
        payload = {
            "iss": self.base,
            "aud": self.audience,
            "iat": issued,
            "exp": issued + 300,
            "jti": uuid.uuid4().hex,
            **self.claims,
        }
        key = self.wrong_key if self.sign_with_wrong_key else self.key
        return jwt.encode(payload, key, algorithm="RS256", headers={"kid": "k1"})


PROVIDER = Provider()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def _json(self, data, status=200) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/.well-known/openid-configuration":
            base = PROVIDER.base
            return self._json(
                {
                    "issuer": base,
                    "authorization_endpoint": f"{base}/authorize",
                    "token_endpoint": f"{base}/token",
                    "userinfo_endpoint": f"{base}/userinfo",
                    "jwks_uri": f"{base}/jwks",
                    "token_endpoint_auth_methods_supported": ["client_secret_post"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                }
            )
        if url.path == "/jwks":
            return self._json(PROVIDER.jwks())
        if url.path == "/authorize":
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if query.get("client_id") != CLIENT_ID or query.get("code_challenge_method") != "S256":
                return self._json({"error": "invalid_request"}, 400)
            code = secrets.token_urlsafe(16)
            PROVIDER.codes[code] = {
                "challenge": query["code_challenge"],
                "redirect_uri": query["redirect_uri"],
            }
            self.send_response(302)
            location = (
                f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
            )
            self.send_header("Location", location)
            self.end_headers()
            return None
        if url.path == "/userinfo":
            if not self.headers.get("Authorization", "").startswith("Bearer at-"):
                return self._json({"error": "invalid_token"}, 401)
            return self._json({"sub": PROVIDER.claims.get("sub", "")})
        return self._json({"error": "not_found"}, 404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if self.path != "/token":
            return self._json({"error": "not_found"}, 404)
        grant = PROVIDER.codes.pop(form.get("code", ""), None)
        verifier = form.get("code_verifier", "").encode()
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
        if (
            grant is None
            or form.get("client_id") != CLIENT_ID
            or form.get("client_secret") != SECRET
            or challenge.decode() != grant["challenge"]
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return self._json({"error": "invalid_grant"}, 400)
        return self._json(
            {
                "access_token": f"at-{secrets.token_hex(8)}",
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": PROVIDER.id_token(),
            }
        )


def serve() -> ThreadingHTTPServer:
    """Start the provider on a free loopback port; ``server.shutdown()`` stops it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    PROVIDER.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def configure(settings, provider: Provider) -> Provider:
    """Configure the provider in Samskab as "kommunen", with no trouble yet."""
    provider.reset()
    entry = {
        "id": "kommunen",
        "name": "Testkommunens Entra ID",
        "server_url": provider.base,
        "client_id": CLIENT_ID,
        "secret": SECRET,
    }
    settings.SAMSKAB_OIDC_PROVIDERS = [entry]
    settings.SOCIALACCOUNT_PROVIDERS = {
        **django_settings.SOCIALACCOUNT_PROVIDERS,
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "kommunen",
                    "name": entry["name"],
                    "client_id": CLIENT_ID,
                    "secret": SECRET,
                    "settings": {"server_url": provider.base},
                }
            ],
        },
    }
    settings.SAMSKAB_OIDC_ROLE_GROUPS = {}
    return provider
