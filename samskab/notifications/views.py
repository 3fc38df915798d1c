from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samskab.core.forms import run_service

from . import services
from .forms import NotificationSettingForm


@login_required
def notification_settings(request):
    """The logged-in user's own choice of how often to get e-mail; nobody else's."""
    setting = services.setting_for(request.user)
    form = NotificationSettingForm(request.POST or None, initial={"frequency": setting.frequency})
    if request.method == "POST" and run_service(
        form,
        lambda: services.setting_update(
            user=request.user, frequency=form.cleaned_data["frequency"]
        ),
    ):
        messages.success(request, _("Your e-mail settings were saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})
