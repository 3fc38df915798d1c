from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.organisation.models import Competency
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.phases import PHASES, PhaseNumber

from .models import Method, Term
from .services import phases_text

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RATINGS = [
    (1, _("1 – did not help")),
    (2, _("2 – helped a little")),
    (3, _("3 – helped")),
    (4, _("4 – helped well")),
    (5, _("5 – helped a lot")),
]


class MethodForm(forms.ModelForm):
    """A method card, and a file to add to its materials."""

    phase_numbers = forms.TypedMultipleChoiceField(
        label=_("Phases where it serves"),
        choices=PhaseNumber.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one phase.")},
    )
    competencies = forms.ModelMultipleChoiceField(
        label=_("Competencies it builds"),
        queryset=Competency.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    examples = forms.ModelMultipleChoiceField(
        label=_("Examples from our own tasks"),
        queryset=InnovationTask.objects.order_by("title", "pk"),
        required=False,
        help_text=_("Tasks where the method made a difference. Hold Ctrl to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    material_title = forms.CharField(
        label=_("Title of a material to add"), max_length=200, required=False
    )
    material_file = forms.FileField(
        label=_("Material to add"),
        required=False,
        help_text=_(
            "A template or guide: PDF, Word, Excel, PowerPoint, text or image, at most 10 MB."
        ),
    )

    class Meta:
        model = Method
        fields = ["title", "purpose", "steps", "time_needed", "people_needed", "is_public"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "steps": forms.Textarea(attrs={"rows": 8}),
        }

    field_order = [
        "title",
        "purpose",
        "phase_numbers",
        "steps",
        "time_needed",
        "people_needed",
        "competencies",
        "examples",
        "is_public",
        "material_title",
        "material_file",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("phase_numbers", self.instance.phase_numbers)
            self.initial.setdefault("competencies", list(self.instance.competencies.all()))
            self.initial.setdefault("examples", list(self.instance.examples.all()))

    def _post_clean(self):
        self.instance.phases = phases_text(self.cleaned_data.get("phase_numbers") or [])
        super()._post_clean()


class FilterForm(forms.Form):
    """The library's search and filters, as GET parameters in Danish."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    fase = forms.TypedChoiceField(
        label=_("Phase"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("All phases")), *PhaseNumber.choices],
    )
    kompetence = forms.TypedChoiceField(
        label=_("Competency"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kompetence"].choices = [
            ("", _("All competencies")),
            *((competency.pk, competency.label) for competency in Competency.objects.all()),
        ]


class UseForm(forms.Form):
    """A method the task's team used: in which phase, how it helped, what it learned."""

    method = forms.ModelChoiceField(
        label=_("Method"), queryset=Method.objects.order_by("title"), empty_label=_("Choose")
    )
    phase = forms.TypedChoiceField(label=_("Phase"), coerce=int)
    rating = forms.TypedChoiceField(
        label=_("How much did it help?"), coerce=int, choices=RATINGS, widget=forms.RadioSelect
    )
    learning = forms.CharField(
        label=_("What we learned"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What worked and what you would do differently, so the next team gets further "
            "– for example in its next trial."
        ),
    )
    used_on = forms.DateField(label=_("Used on"), widget=DATE)

    def __init__(self, *args, task: InnovationTask, **kwargs):
        super().__init__(*args, **kwargs)
        reached = [phase for phase in PHASES if phase.number <= task.phase]
        self.fields["phase"].choices = [
            (phase.number, f"{phase.number}. {phase.name}") for phase in reached
        ]
        self.initial.setdefault("phase", task.phase)
        self.initial.setdefault("used_on", timezone.localdate())


class TermForm(forms.ModelForm):
    see_also = forms.ModelMultipleChoiceField(
        label=_("See also"),
        queryset=Term.objects.order_by("term"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Term
        fields = ["term", "definition", "forms"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["see_also"].queryset = Term.objects.exclude(pk=self.instance.pk).order_by(
                "term"
            )
            self.initial.setdefault("see_also", list(self.instance.see_also.all()))
