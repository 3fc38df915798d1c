"""Headers every response of Samskab carries."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Switch off, for every page and anything it embeds, the browser features no page uses.

    The list is ``PERMISSIONS_POLICY`` in settings; a feature Samskab starts to use
    (a camera for a photo, say) is taken off the list rather than opened to all.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
