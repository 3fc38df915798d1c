from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.organisation.models import OrgUnit
from samskab.portfolio.models import Category

from .models import CatalogueEntry, Subscription


class EntryForm(forms.ModelForm):
    """The public texts of a task's entry, and a file to add to its materials."""

    material_title = forms.CharField(
        label=_("Title of a material to add"), max_length=200, required=False
    )
    material_file = forms.FileField(
        label=_("Material to add"),
        required=False,
        help_text=_(
            "A guide, template or presentation others may reuse: PDF, Word, Excel, PowerPoint, text or image, at most 10 MB."
        ),
    )

    class Meta:
        model = CatalogueEntry
        fields = [
            "title",
            "problem",
            "solution",
            "evidence_summary",
            "contact_name",
            "contact_email",
            "contact_unit",
            "licence",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 5}),
            "solution": forms.Textarea(attrs={"rows": 8}),
            "evidence_summary": forms.Textarea(attrs={"rows": 4}),
        }


class FilterForm(forms.Form):
    """The catalogue's search and filters, as GET parameters in Danish."""

    SHOW_ALL = "alle"
    SHOW_OURS = "vores"

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    omraade = forms.TypedChoiceField(label=_("Area"), coerce=int, required=False, empty_value=None)
    type = forms.ChoiceField(label=_("Type of innovation"), required=False)
    evidens = forms.TypedChoiceField(
        label=_("Evidence level at least"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("Any level")), *[(level, str(level)) for level in range(1, 6)]],
    )
    kilde = forms.ChoiceField(
        label=_("Catalogues"),
        required=False,
        choices=[
            (SHOW_ALL, _("Include other municipalities")),
            (SHOW_OURS, _("Only our own")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["omraade"].choices = [
            ("", _("All areas")),
            *OrgUnit.objects.filter(kind=OrgUnit.Kind.AREA)
            .order_by("name")
            .values_list("pk", "name"),
        ]
        self.fields["type"].choices = [("", _("All types")), *Category.choices]


class SubscriptionForm(forms.ModelForm):
    feed_url = forms.URLField(
        label=_("Address of the feed"),
        max_length=500,
        assume_scheme="https",
        help_text=_("For example https://samskab.gladsaxe.dk/katalog/feed.json"),
    )

    class Meta:
        model = Subscription
        fields = ["name", "feed_url"]
