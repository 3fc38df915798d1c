from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from samskab.core.redirects import safe_next


def admin_login(request):
    """/admin/login/: the admin has no login form of its own.

    Everyone logs in through allauth, with its rate limits and the second factor
    of those who turned it on; what was typed here is never checked. A user
    already logged in who may not use the admin is refused rather than sent back
    and forth between the two login pages.
    """
    next_url = safe_next(request, "admin:index")
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url}, safe='/')}")
    if not admin.site.has_permission(request):
        raise PermissionDenied
    return redirect(next_url)
