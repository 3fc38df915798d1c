"""Every error of the API in one shape, in the caller's language:

    {"detail": "Idéen findes ikke.", "code": "not_found"}

``detail`` is for people (Danish or English by Accept-Language), ``code`` for programs
(the same in both languages). A refused field adds ``errors``: a list of
``{"field": ..., "message": ...}``.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .services import TokenRefused


class ApiError(Exception):
    """An error the API answers with ``status``, a ``code`` and a ``detail`` (lazy text)."""

    def __init__(self, status: int, code: str, detail):
        super().__init__(code)
        self.status, self.code, self.detail = status, code, detail


def language_of(request: HttpRequest) -> str:
    """The caller's language: the language cookie or Accept-Language, else Danish."""
    return translation.get_language_from_request(request, check_path=False)


def _token_messages() -> dict[str, str]:
    return {
        "invalid_token": _("The API key is not valid."),
        "expired_token": _("The API key has expired. Create a new one on your profile."),
        "revoked_token": _("The API key has been revoked."),
    }


def _field_errors(error: DjangoValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [
            {"field": field, "message": message}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"field": None, "message": message} for message in error.messages]


def install(api) -> None:
    """Register the handlers that give every refusal the documented shape."""

    def answer(request, status: int, code: str, detail, errors=None):
        with translation.override(language_of(request)):
            body = {"detail": str(detail), "code": code}
            if errors is not None:
                body["errors"] = [
                    {"field": item["field"], "message": str(item["message"])} for item in errors
                ]
            response = api.create_response(request, body, status=status)
            response["Content-Language"] = translation.get_language()
        return response

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        with translation.override(language_of(request)):
            return answer(request, exc.status, exc.code, exc.detail)

    @api.exception_handler(TokenRefused)
    def token_refused(request, exc: TokenRefused):
        with translation.override(language_of(request)):
            response = answer(request, 401, exc.code, _token_messages()[exc.code])
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request, exc):
        with translation.override(language_of(request)):
            return answer(request, 401, "not_authenticated", _("Log in or send an API key."))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        with translation.override(language_of(request)):
            return answer(request, 404, "not_found", _("Not found."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        with translation.override(language_of(request)):
            return answer(request, 403, "forbidden", _("You may not do this."))

    @api.exception_handler(DjangoValidationError)
    def refused(request, exc: DjangoValidationError):
        with translation.override(language_of(request)):
            errors = _field_errors(exc)
            detail = " ".join(str(item["message"]) for item in errors)
            return answer(request, 400, "invalid", detail, errors)

    @api.exception_handler(NinjaValidationError)
    def malformed(request, exc: NinjaValidationError):
        with translation.override(language_of(request)):
            errors = []
            for item in exc.errors:
                if "loc" in item:
                    location = [
                        str(part) for part in item["loc"] if part not in ("body", "payload")
                    ]
                    errors.append(
                        {"field": ".".join(location) or None, "message": item.get("msg", "")}
                    )
                else:  # the cursor paginator's {"cursor": "Invalid Cursor"}
                    errors += [{"field": key, "message": value} for key, value in item.items()]
            if any(item["field"] == "cursor" for item in errors):
                return answer(request, 400, "invalid_cursor", _("The cursor is not valid."))
            return answer(request, 422, "invalid_request", _("The request is not valid."), errors)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        with translation.override(language_of(request)):
            if exc.status_code == 403:
                return answer(request, 403, "csrf_failed", _("The CSRF check failed."))
            return answer(request, exc.status_code, "error", exc.message)
