"""Middleware of Samskab: headers every response carries, and the limit of a request's size."""

from django.conf import settings
from django.shortcuts import render


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


class RequestSizeLimitMiddleware:
    """Answer 413 to a body over ``SAMSKAB_REQUEST_MAX_BYTES``, by its declared length.

    Django limits the form fields of a request (DATA_UPLOAD_MAX_MEMORY_SIZE) but
    not its files, and reads the whole body before a form can refuse a file as
    too large. A body without a declared length is not read by Django at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.SAMSKAB_REQUEST_MAX_BYTES:
            return render(
                request,
                "413.html",
                {"limit": settings.SAMSKAB_REQUEST_MAX_BYTES},
                status=413,
            )
        return self.get_response(request)
