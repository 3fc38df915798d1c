from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from samskab.network.models import Organisation

from .models import Competency, OrgUnit, Person, PersonCompetency
from .queries import OrgTree


class TreeChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit, depth in OrgTree.load().flattened():
            yield (ModelChoiceIteratorValue(unit.pk, unit), "\u00a0\u00a0" * depth + unit.name)

    def __len__(self) -> int:
        return OrgUnit.objects.count() + (self.field.empty_label is not None)


class TreeChoiceField(forms.ModelChoiceField):
    """Units shown in tree order, indented by depth, so a long list stays readable."""

    iterator = TreeChoiceIterator

    def __init__(self, *args, **kwargs):
        super().__init__(OrgUnit.objects.all(), *args, **kwargs)


class PersonFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name or title"), required=False, max_length=100, widget=forms.SearchInput
    )
    enhed = TreeChoiceField(label=_("Unit"), required=False, empty_label=_("All units"))
    kompetence = forms.ModelChoiceField(
        Competency.objects.all(),
        label=_("Competency"),
        required=False,
        empty_label=_("All competencies"),
    )
    type = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, show_kind: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if show_kind:
            self.fields["type"].choices = [("", _("All kinds")), *Person.Kind.choices]
        else:
            del self.fields["type"]


class OrgUnitForm(forms.ModelForm):
    parent = TreeChoiceField(label=_("Parent unit"), required=False, empty_label=_("None (top)"))

    class Meta:
        model = OrgUnit
        fields = ["name", "kind", "parent", "external_id"]


class CompetencyForm(forms.ModelForm):
    class Meta:
        model = Competency
        fields = ["name", "name_en", "description", "description_en"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def save(self, commit: bool = True):
        competency = super().save(commit=False)
        if not competency.slug:
            danish = str.maketrans(
                {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
            )
            competency.slug = slugify(competency.name.translate(danish))[:60] or "kompetence"
        return competency


class PersonForm(forms.ModelForm):
    org_unit = TreeChoiceField(label=_("Unit"), required=False, empty_label=_("None"))
    organisation = forms.ModelChoiceField(
        Organisation.objects.all(), label=_("Organisation"), required=False
    )

    class Meta:
        model = Person
        fields = ["kind", "name", "email", "phone", "title", "org_unit", "organisation", "about"]
        widgets = {"about": forms.Textarea(attrs={"rows": 4})}


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "phone", "title", "about"]
        widgets = {"about": forms.Textarea(attrs={"rows": 4})}


class CompetencyLevelsForm(forms.Form):
    """One choice per competency: no level, or 1-4."""

    prefix = "kompetence"

    def __init__(self, *args, competencies, current: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = list(competencies)
        choices = [("", _("Not a competency of mine")), *PersonCompetency.Level.choices]
        for competency in self.competencies:
            self.fields[competency.slug] = forms.TypedChoiceField(
                label=competency.label,
                help_text=competency.text,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=current.get(competency.pk, ""),
            )

    def levels(self) -> dict[Competency, int | None]:
        return {c: self.cleaned_data.get(c.slug) for c in self.competencies}
