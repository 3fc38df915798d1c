from django import forms
from django.forms.boundfield import BoundWidget
from django.utils.translation import gettext_lazy as _

from .models import NotificationSetting

Frequency = NotificationSetting.Frequency

HINTS = {
    Frequency.IMMEDIATE: _(
        "You get an e-mail each time something happens, for example when an idea you "
        "follow gets an answer."
    ),
    Frequency.DAILY: _(
        "You get at most one e-mail a day, listing everything that happened since the last one."
    ),
    Frequency.NONE: _(
        "You get no e-mail about ideas you follow. E-mails about your account, such as a "
        "new password, are still sent."
    ),
}


class NotificationSettingForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often do you want e-mail from Samskab?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
    )

    def options(self) -> list[tuple[BoundWidget, str]]:
        """Each radio button with the hint that explains it."""
        return [(choice, HINTS[choice.data["value"]]) for choice in self["frequency"]]
