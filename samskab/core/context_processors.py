from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject

from .navigation import navigation_for


def samskab(request) -> dict:
    """What every page needs: the municipality, the menu and the language links."""

    def languages() -> list[dict]:
        path = request.get_full_path()
        return [
            {"code": code, "name": name, "url": translate_url(path, code)}
            for code, name in (("da", "Dansk"), ("en", "English"))
        ]

    return {
        "municipality_name": settings.SAMSKAB_MUNICIPALITY_NAME,
        "municipality_logo": settings.SAMSKAB_MUNICIPALITY_LOGO,
        "contact_email": settings.SAMSKAB_CONTACT_EMAIL,
        "navigation": SimpleLazyObject(lambda: navigation_for(request)),
        "language_links": SimpleLazyObject(languages),
    }
