import uuid

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.accounts.permissions import is_employee
from samskab.accounts.queries import verified_company
from samskab.organisation.models import OrgUnit

from . import queries, services
from .models import Audience, Challenge, ChallengeQuestion, Comment, Idea
from .picker import IdeaPickerField, PickerForm
from .queries import SORTS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, each checked for type and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [single(item, initial) for item in files]
        for upload in cleaned:
            services.check_attachment(upload)
        return cleaned


def area_choices():
    return OrgUnit.objects.filter(kind=OrgUnit.Kind.AREA).order_by("name")


class IdeaForm(forms.ModelForm):
    """Bring an idea, a need or a challenge; anonymous visitors also give name and e-mail."""

    areas = forms.ModelMultipleChoiceField(
        queryset=OrgUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Which areas does it concern?"),
        help_text=_("Leave empty if you do not know."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to five files: PDF, Word, Excel, PowerPoint, text or images (PNG, JPEG)."),
    )
    # The form's one-time token: sent twice, the form makes one idea (services.idea_submit).
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Idea
        fields = [
            "kind",
            "title",
            "description",
            "beneficiaries",
            "areas",
            "challenge",
            "audience",
            "on_behalf_of",
            "author_name",
            "author_email",
            "consent_to_publish",
            "wants_help",
        ]
        labels = {
            "kind": _("What do you bring?"),
            "title": _("Title"),
            "description": _("Describe it"),
            "consent_to_publish": _(
                "Publish my idea on Samskab, so others can support it and comment on it"
            ),
            "wants_help": _("I would like help to develop my idea"),
            "author_name": _("Your name"),
            "author_email": _("Your e-mail address"),
        }
        help_texts = {
            "title": _("A short headline that says what it is about."),
            "description": _("What is the problem or the idea? What would be different?"),
            "beneficiaries": _("Citizens, a group of citizens, employees, an area…"),
            "consent_to_publish": _(
                "Your name is shown with the idea; your e-mail address never is. Without "
                "publication, only the innovation unit sees the idea."
            ),
            "wants_help": _("The innovation unit contacts you about developing the idea together."),
            "author_email": _("We send you a link to confirm the idea, and our answer."),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "audience": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "beneficiaries": forms.Textarea(attrs={"rows": 2}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, user, challenges, challenge: Challenge | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["areas"].queryset = area_choices()
        self.fields["challenge"].queryset = challenges
        self.fields["challenge"].required = False
        self.fields["challenge"].empty_label = _("None")
        self.fields["challenge"].label = _("Is it an answer to a challenge?")
        # Choosing a challenge fetches its own questions into the form.
        self.fields["challenge"].widget.attrs.update(
            {
                "hx-get": reverse("ideas:idea-create"),
                "hx-trigger": "change",
                "hx-target": "#challenge-questions",
                "hx-select": "#challenge-questions",
                "hx-swap": "outerHTML",
            }
        )
        self.fields["kind"].choices = Idea.Kind.choices
        # Logged in with MitID Erhverv: the idea is on behalf of that company (idea_submit).
        company = verified_company(user)
        if company is not None:
            field = self.fields["on_behalf_of"]
            field.disabled = True
            field.initial = company.name
            field.help_text = _(
                "Verified with MitID Erhverv (CVR %(cvr)s): you bring the idea for this company."
            ) % {"cvr": company.cvr}
        if not is_employee(user):
            del self.fields["audience"]
        else:
            self.fields["audience"].choices = Audience.choices
        if user.is_authenticated:
            del self.fields["author_name"]
            del self.fields["author_email"]
            del self.fields["website"]
        else:
            self.fields["author_email"].required = True
        if not self.is_bound:
            self.initial["token"] = str(uuid.uuid4())
        self.question_fields: list[tuple[str, ChallengeQuestion]] = []
        if challenge is not None:
            self.initial.setdefault("challenge", challenge.pk)
            for question in challenge.questions.all():
                name = f"svar_{question.pk}"
                self.fields[name] = question_field(question)
                self.question_fields.append((name, question))

    def clean_token(self) -> uuid.UUID | None:
        """The form's token; a form without one (or a mangled one) is sent as is."""
        try:
            return uuid.UUID(self.cleaned_data.get("token") or "")
        except ValueError:
            return None

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def answers(self) -> dict[ChallengeQuestion, str]:
        return {
            question: self.cleaned_data.get(name) or "" for name, question in self.question_fields
        }

    @property
    def is_spam(self) -> bool:
        return "website" in self.errors


def question_field(question: ChallengeQuestion) -> forms.Field:
    common = {
        "label": question.label,
        "help_text": question.help_text,
        "required": question.required,
    }
    if question.kind == ChallengeQuestion.Kind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common)
    if question.kind == ChallengeQuestion.Kind.CHOICE:
        return forms.ChoiceField(
            choices=[(option, option) for option in question.options()],
            widget=forms.RadioSelect,
            **common,
        )
    if question.kind == ChallengeQuestion.Kind.YES_NO:
        return forms.ChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common
        )
    return forms.CharField(max_length=300, **common)


class IdeaFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200, widget=forms.SearchInput)
    type = forms.ChoiceField(label=_("Kind"), required=False)
    omraade = forms.ModelChoiceField(
        OrgUnit.objects.none(), label=_("Area"), required=False, empty_label=_("All areas")
    )
    udfordring = forms.ModelChoiceField(
        Challenge.objects.none(),
        label=_("Challenge"),
        required=False,
        empty_label=_("All challenges"),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    sorter = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("nyeste", _("Newest")),
            ("mest-stoettede", _("Most supported")),
            ("mest-debatterede", _("Most discussed")),
        ],
    )

    def __init__(self, *args, challenges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All kinds")), *Idea.Kind.choices]
        self.fields["status"].choices = [("", _("All statuses")), *Idea.Status.choices]
        self.fields["omraade"].queryset = area_choices()
        self.fields["udfordring"].queryset = challenges

    def clean_sorter(self):
        value = self.cleaned_data.get("sorter")
        return value if value in SORTS else "nyeste"


class CommentForm(forms.ModelForm):
    parent = forms.ModelChoiceField(
        Comment.objects.none(), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": _("Your comment")}
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, idea: Idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = idea.comments.filter(parent__isnull=True)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with the comment?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Idea.Status.choices)
    answer = forms.ChoiceField(
        label=_("Answer"),
        required=False,
        choices=[("", _("No answer yet"))]
        + [(value, label) for value, label in Idea.Answer.choices if value != Idea.Answer.MERGED],
        help_text=_("Only when the status is answered."),
    )
    message = forms.CharField(
        label=_("Message to the submitter and the followers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Shown publicly on the idea's status trail."),
    )


class MergeForm(PickerForm, forms.Form):
    survivor = IdeaPickerField(
        label=_("The idea that lives on"),
        help_text=_(
            "Type words from its title, or its number, and choose it among the ideas found."
        ),
        error_messages={"required": _("Choose the idea that lives on, or type its number.")},
    )
    message = forms.CharField(
        label=_("Message to the submitter, the supporters and the followers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )

    def __init__(self, *args, user=None, **kwargs):
        # Its own ids: the idea page has the status form's "message" too.
        kwargs.setdefault("auto_id", "id_merge_%s")
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["survivor"].scope = queries.ideas_visible_to(user)


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Publish")), ("hide", _("Hide"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for hiding"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The author is told the reason."),
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only the innovation unit sees notes."),
    )


class ChallengeForm(forms.ModelForm):
    class Meta:
        model = Challenge
        fields = ["title", "question", "background", "owner", "audience", "opens_on", "closes_on"]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2}),
            "background": forms.Textarea(attrs={"rows": 5}),
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "audience": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = OrgUnit.objects.filter(
            kind__in=[OrgUnit.Kind.AREA, OrgUnit.Kind.MUNICIPALITY]
        ).order_by("name")
        self.fields["audience"].choices = Audience.choices


QuestionFormSet = forms.inlineformset_factory(
    Challenge,
    ChallengeQuestion,
    fields=["label", "help_text", "kind", "choices", "required", "public"],
    widgets={"choices": forms.Textarea(attrs={"rows": 3})},
    extra=1,
    can_delete=True,
)
