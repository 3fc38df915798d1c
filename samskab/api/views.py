from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.forms import run_service
from samskab.core.ratelimit import allow, too_many_requests

from . import services
from .forms import TokenForm
from .permissions import get_token_for


def _profile_tokens() -> str:
    return reverse("organisation:profile") + "#api-noegler"


@login_required
def token_create(request):
    """The form for a new key (GET), and the key made, shown once and never again (POST)."""
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        if not allow(request, action="api-token", rate="20/h"):
            return too_many_requests(request)
        made: list = []
        if run_service(
            form,
            lambda: made.append(
                services.token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    scope=form.cleaned_data["scope"],
                    days=form.cleaned_data["days"],
                )
            ),
        ):
            token, secret = made[0]
            response = render(request, "api/token_created.html", {"token": token, "secret": secret})
            add_never_cache_headers(response)
            return response
    return render(request, "api/token_form.html", {"form": form})


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_token_for(request.user, pk)
    services.token_revoke(token=token, by=request.user)
    messages.success(request, _("The API key “%(name)s” is revoked.") % {"name": token.name})
    return redirect(_profile_tokens())
