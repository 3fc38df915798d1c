from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from samskab.accounts.models import User
from samskab.ideas.models import Idea
from samskab.organisation.models import OrgUnit, Person

from ..models import Assessment, Category, Criterion
from ..queries.assessment import criterion_label
from .tasks import OwnerChoiceField, novelty_radios, owners_in


def parse_idea_numbers(raw: str) -> list[str]:
    return [part.strip().lstrip("#") for part in raw.replace(";", ",").split(",") if part.strip()]


class AssessmentCreateForm(forms.Form):
    ideas = forms.CharField(
        label=_("Ideas to assess"),
        max_length=500,
        help_text=_("The numbers of the ideas, separated by commas, e.g. 12, 47."),
    )
    title = forms.CharField(
        label=_("Title of the candidate"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the first idea's title."),
    )

    def clean_ideas(self) -> list[Idea]:
        numbers = parse_idea_numbers(self.cleaned_data["ideas"])
        if not numbers:
            raise forms.ValidationError(_("Write the number of at least one idea."))
        if not all(number.isdecimal() and len(number) < 10 for number in numbers):
            raise forms.ValidationError(_("Write the ideas' numbers, separated by commas."))
        ideas = list(Idea.objects.filter(pk__in=numbers).order_by("pk"))
        missing = sorted(set(numbers) - {str(idea.pk) for idea in ideas}, key=int)
        if missing:
            raise forms.ValidationError(
                _("There are no ideas with the numbers %(numbers)s.")
                % {"numbers": ", ".join(missing)}
            )
        return ideas


class AssignForm(forms.Form):
    """Choose an assessor among the unit's staff; ``staff`` is read once per page."""

    assessor = forms.TypedChoiceField(label=_("Assessor"), coerce=int)

    def __init__(self, *args, staff: list[User], exclude: set[int] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = {user.pk: user for user in staff}
        self.fields["assessor"].choices = [
            ("", _("Choose a person")),
            *((user.pk, user.display_name()) for user in staff if user.pk not in exclude),
        ]

    def clean_assessor(self) -> User:
        return self.staff[self.cleaned_data["assessor"]]


SCORE_CHOICES = [(value, str(value)) for value in range(1, 6)]


class NeededForSubmitting:
    """A field every submitted assessment fills in, but that a saved draft may leave empty.

    It is shown as required (no "optional" hint); the service refuses to submit
    while any criterion lacks a score.
    """

    def validate(self, value):
        if value in self.empty_values:
            return
        super().validate(value)


class ScoreField(NeededForSubmitting, forms.TypedChoiceField):
    pass


class ReasonField(NeededForSubmitting, forms.CharField):
    pass


class ScoreForm(forms.Form):
    """A score 1-5 and a reason per criterion in use; saving some of them keeps a draft."""

    use_required_attribute = False  # the browser must let a draft be saved

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            label = criterion_label(criterion)
            scale = (
                _("1 is low, 5 is high.")
                if criterion.higher_is_better
                else _("1 is low, 5 is high: a high score counts against the candidate.")
            )
            self.fields[f"value_{criterion.pk}"] = ScoreField(
                label=label,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                help_text=f"{criterion.description} {scale}".strip(),
            )
            self.fields[f"reason_{criterion.pk}"] = ReasonField(
                label=_("Reason for the score of %(criterion)s") % {"criterion": label},
                max_length=2_000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def pairs(self):
        for criterion in self.criteria:
            yield criterion, self[f"value_{criterion.pk}"], self[f"reason_{criterion.pk}"]

    def clean(self):
        data = super().clean()
        for criterion in self.criteria:
            value = data.get(f"value_{criterion.pk}")
            reason = (data.get(f"reason_{criterion.pk}") or "").strip()
            if value not in (None, "") and not reason:
                self.add_error(f"reason_{criterion.pk}", _("Give the reason for your score."))
            if reason and value in (None, ""):
                self.add_error(f"value_{criterion.pk}", _("Choose a score from 1 to 5."))
        return data

    def scores(self) -> dict[Criterion, tuple[int, str]]:
        found = {}
        for criterion in self.criteria:
            value = self.cleaned_data.get(f"value_{criterion.pk}")
            reason = (self.cleaned_data.get(f"reason_{criterion.pk}") or "").strip()
            if value not in (None, "") and reason:
                found[criterion] = (value, reason)
        return found


class ClassifyForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["novelty", "category"]
        widgets = {"novelty": forms.RadioSelect, "category": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        novelty_radios(self.fields["novelty"])
        self.fields["novelty"].help_text = _(
            "Radical innovation replaces a solution; incremental innovation changes one."
        )
        self.fields["category"].required = True
        self.fields["category"].choices = Category.choices
        self.fields["category"].help_text = _("The types of the national innovation barometer.")


class DecideForm(forms.Form):
    """The chief's decision; the fields of each outcome are grouped in the template."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Assessment.Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason and answer"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The submitters and followers of the ideas see it on the ideas' status."),
    )
    survivor = forms.TypedChoiceField(
        label=_("The idea that lives on"), coerce=int, required=False, empty_value=None
    )
    other_survivor = forms.IntegerField(
        label=_("Or another idea's number"), required=False, min_value=1
    )
    title = forms.CharField(
        label=_("Title of the task"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the assessment's title."),
    )
    owning_area = forms.ModelChoiceField(
        OrgUnit.objects.none(),
        label=_("Area"),
        required=False,
        help_text=_("A proposal's owning area; for sparring, the area it helps (optional there)."),
    )
    owner = OwnerChoiceField(Person.objects.none(), label=_("Owner"), required=False)
    problem = forms.CharField(
        label=_("Problem"),
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    ambition = forms.CharField(
        label=_("Ambition"),
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The height of the innovation: what should be different, for whom, how much."),
    )

    MERGE_FIELDS = ("survivor", "other_survivor")
    PROPOSAL_FIELDS = ("title", "owning_area", "owner", "problem", "ambition")

    def __init__(self, *args, ideas: list[Idea], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].choices = [
            ("", _("Choose an idea")),
            *((idea.pk, f"#{idea.pk} {idea.title}") for idea in ideas if not idea.merged_into_id),
        ]
        self.fields["owning_area"].queryset = OrgUnit.objects.filter(
            kind=OrgUnit.Kind.AREA
        ).order_by("name")
        self.fields["owning_area"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("portfolio:owner-choices"),
                "hx-target": "#id_owner",
                "hx-trigger": "change",
                "hx-swap": "innerHTML",
            }
        )
        area_id = str(self.data.get("owning_area") or "")
        area = OrgUnit.objects.filter(pk=area_id).first() if area_id.isdecimal() else None
        self.fields["owner"].queryset = owners_in(area)
        self.fields["owner"].help_text = _("An employee of the owning area. Choose the area first.")

    def clean(self):
        data = super().clean()
        other = data.get("other_survivor")
        data["survivor_idea"] = None
        if other:
            data["survivor_idea"] = Idea.objects.filter(pk=other).first()
            if data["survivor_idea"] is None:
                self.add_error("other_survivor", _("There is no idea with that number."))
        elif data.get("survivor"):
            data["survivor_idea"] = Idea.objects.filter(pk=data["survivor"]).first()
        return data

    def merge_fields(self):
        return [self[name] for name in self.MERGE_FIELDS]

    def proposal_fields(self):
        return [self[name] for name in self.PROPOSAL_FIELDS]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "name",
            "name_en",
            "description",
            "weight",
            "higher_is_better",
            "counts_as",
            "active",
            "position",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


CriterionFormSet = forms.modelformset_factory(
    Criterion, form=CriterionForm, extra=1, can_delete=False
)
