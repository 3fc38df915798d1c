from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.ids import as_id
from samskab.portfolio import gates
from samskab.portfolio.models import Assessment, InnovationTask, TaskProposal

from . import queries
from .models import Decision, Forum, Meeting
from .services import FORUM_KINDS, NEEDS_PROPOSAL, NEEDS_TASK

Kind = Decision.Kind
DATE_INPUT = {"type": "date"}
REFRESH = "_refresh"  # a POST that only shows the form again, for another forum, kind or task


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["forum", "starts_at", "title", "location", "notes"]
        labels = {
            "forum": _("Forum"),
            "starts_at": _("Date and time"),
            "title": _("Title"),
            "location": _("Place"),
            "notes": _("Notes"),
        }
        help_texts = {
            "title": _("Leave empty to call it by the forum and the date."),
            "notes": _("Shown on the meeting's page and in the meeting pack."),
        }
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].empty_label = None
        if self.instance.pk and self.instance.decisions.exists():
            # A decision's meeting is a meeting of the decision's forum (services.decision_record).
            self.fields["forum"].disabled = True
            self.fields["forum"].help_text = _(
                "Decisions are recorded at this meeting, so its forum stays."
            )


class DecisionFilterForm(forms.Form):
    forum = forms.ModelChoiceField(
        Forum.objects.all(), label=_("Forum"), required=False, empty_label=_("All forums")
    )
    type = forms.ChoiceField(label=_("Kind"), required=False)
    opgave = forms.ModelChoiceField(
        InnovationTask.objects.order_by("title", "pk").only("id", "title"),
        label=_("Task"),
        required=False,
        empty_label=_("All tasks"),
        help_text=_("Active and paused tasks; a closed task's decisions are linked from its page."),
    )
    fra = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(DATE_INPUT, format="%Y-%m-%d")
    )
    til = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(DATE_INPUT, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All kinds")), *Kind.choices]
        # Every task is a valid choice, but the list offers the open ones (and the chosen
        # one): thousands of closed tasks in a select would cost the page a second.
        task = self.fields["opgave"]
        chosen = self.data.get("opgave", "") if self.is_bound else ""
        offered = task.queryset.filter(
            Q(status__in=[InnovationTask.Status.ACTIVE, InnovationTask.Status.PAUSED])
            | Q(pk=as_id(chosen))
        )
        task.widget.choices = [
            ("", task.empty_label),
            *offered.values_list("pk", "title"),
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("fra") and cleaned.get("til") and cleaned["fra"] > cleaned["til"]:
            self.add_error("til", _("The end of the period comes before its start."))
        return cleaned

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "forum": data.get("forum"),
            "kind": data.get("type", ""),
            "task": data.get("opgave"),
            "date_from": data.get("fra"),
            "date_to": data.get("til"),
        }


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, task: InnovationTask) -> str:
        return f"{task.title} ({task.get_phase_display()}, {task.get_status_display()})"


class DecisionForm(forms.Form):
    """What a forum decided. Its fields follow the forum and the kind of decision.

    The kinds offered are those the chosen forum may record; the fields of a
    kind (the political prioritisation of a start, the requirements a gate may
    go despite, the learnings of a stop) appear when the kind is chosen: by
    htmx as it changes, or by the "show the fields" button without JavaScript.
    The rules themselves are the service's; this form only gathers the input.
    """

    # The fields that belong to one kind of decision; every other kind goes without them.
    KIND_FIELDS = {
        Kind.START: ("political_reference",),
        Kind.GATE_GO: ("despite_keys", "despite", "next_gate_on"),
        Kind.GATE_STOP: ("worked", "not_worked"),
        Kind.COMPLETE: ("worked", "not_worked"),
        Kind.RECALIBRATE: ("ambition", "next_gate_on", "planned_end_on"),
    }
    REFRESHING = ("forum", "kind", "task", "proposal")  # a change of these shows other fields

    forum = forms.ModelChoiceField(Forum.objects.none(), label=_("Forum"))
    meeting = forms.ModelChoiceField(
        Meeting.objects.none(),
        label=_("Meeting"),
        required=False,
        help_text=_("The forum's meeting that made the decision, if any."),
    )
    kind = forms.ChoiceField(label=_("Decision"))
    proposal = forms.ModelChoiceField(
        TaskProposal.objects.none(), label=_("Task proposal"), required=False
    )
    task = TaskChoiceField(InnovationTask.objects.none(), label=_("Task"), required=False)
    political_reference = forms.CharField(
        label=_("Political prioritisation"),
        max_length=300,
        help_text=_("The council's or committee's decision the task rests on, e.g. a case number."),
    )
    despite_keys = forms.MultipleChoiceField(
        label=_("Go despite these requirements"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only requirements the forum may override are offered."),
    )
    despite = forms.CharField(
        label=_("Why the forum goes despite them"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    worked = forms.CharField(
        label=_("What worked"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The learnings stay readable inside the organisation."),
    )
    not_worked = forms.CharField(
        label=_("What did not work"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    ambition = forms.CharField(
        label=_("Ambition"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    next_gate_on = forms.DateField(
        label=_("Next gate"),
        required=False,
        widget=forms.DateInput(DATE_INPUT, format="%Y-%m-%d"),
    )
    planned_end_on = forms.DateField(
        label=_("Planned end"),
        required=False,
        widget=forms.DateInput(DATE_INPUT, format="%Y-%m-%d"),
    )
    decided_on = forms.DateField(
        label=_("Date of the decision"), widget=forms.DateInput(DATE_INPUT, format="%Y-%m-%d")
    )
    rationale = forms.CharField(
        label=_("Rationale"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What the decision rested on: trials, measurements, benefit figures, with links."
        ),
    )
    assessments = forms.ModelMultipleChoiceField(
        Assessment.objects.none(),
        label=_("Assessments it rested on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    corrects = forms.ModelChoiceField(
        Decision.objects.all(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, data=None, *, user, initial=None):
        super().__init__(data, initial=initial)
        forums = [
            forum
            for forum in Forum.objects.order_by("pk")
            if user.has_perm("governance.record_decision", forum)
        ]
        self.fields["forum"].queryset = Forum.objects.filter(pk__in=[f.pk for f in forums])
        self.chosen_forum = self._pick({str(f.pk): f for f in forums}, "forum")
        if self.chosen_forum is None and len(forums) == 1:
            self.chosen_forum = forums[0]
        if self.chosen_forum is not None:
            self.initial["forum"] = self.chosen_forum.pk

        allowed = (
            FORUM_KINDS[self.chosen_forum.kind]
            if self.chosen_forum
            else frozenset().union(*(FORUM_KINDS[f.kind] for f in forums))
        )
        kinds = [(value, label) for value, label in Kind.choices if value in allowed]
        self.fields["kind"].choices = [("", "---------"), *kinds]
        self.chosen_kind = self._raw("kind") if self._raw("kind") in allowed else ""
        if not self.chosen_kind and len(kinds) == 1:
            self.chosen_kind = kinds[0][0]
        if self.chosen_kind:
            self.initial["kind"] = self.chosen_kind

        self._subject_fields()
        for kind_fields in self.KIND_FIELDS.values():
            for name in kind_fields:
                if name not in self.KIND_FIELDS.get(self.chosen_kind, ()) and name in self.fields:
                    del self.fields[name]
        self._kind_fields()
        self._common_fields()
        for name in self.REFRESHING:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {
                        "hx-post": reverse_lazy("governance:decision-create"),
                        "hx-target": "#decision-fields",
                        "hx-swap": "outerHTML",
                        "hx-vals": f'{{"{REFRESH}": "1"}}',
                    }
                )

    @classmethod
    def redisplay(cls, data, *, user) -> "DecisionForm":
        """The form again, unbound, with what was typed: another kind's fields, no errors yet."""
        probe = cls(data, user=user)
        initial = {
            name: data.getlist(name)
            if isinstance(field, forms.MultipleChoiceField)
            else data.get(name)
            for name, field in probe.fields.items()
            if name in data
        }
        return cls(user=user, initial=initial)

    # What was chosen, bound or not ------------------------------------------------

    def _raw(self, name: str) -> str:
        value = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
        return str(getattr(value, "pk", value) or "")

    def _pick(self, options: dict, name: str):
        return options.get(self._raw(name))

    def _pick_from(self, name: str):
        raw = self._raw(name)
        if name not in self.fields or as_id(raw) is None:
            return None
        return self.fields[name].queryset.filter(pk=raw).first()

    # Fields by forum and kind ----------------------------------------------------------

    def _subject_fields(self) -> None:
        self.fields["task"].queryset = InnovationTask.objects.filter(
            status__in=queries.OPEN
        ).order_by("title", "pk")
        self.fields["proposal"].queryset = TaskProposal.objects.filter(
            status=TaskProposal.Status.AWAITING
        ).order_by("title", "pk")
        if self.chosen_kind in NEEDS_TASK:
            del self.fields["proposal"]
            self.fields["task"].required = True
        elif self.chosen_kind in NEEDS_PROPOSAL:
            del self.fields["task"]
            self.fields["proposal"].required = True
        else:
            for name in ("task", "proposal"):
                self.fields[name].help_text = _("If the decision concerns one.")
        self.chosen_task = self._pick_from("task")
        self.chosen_proposal = self._pick_from("proposal")

    def _kind_fields(self) -> None:
        self.unmet: list[gates.Unmet] = []
        task = self.chosen_task
        if self.chosen_kind == Kind.GATE_GO and task is not None:
            self.unmet = gates.unmet(task)
            overridable = [item for item in self.unmet if item.requirement.overridable]
            self.fields["despite_keys"].choices = [
                (item.requirement.key, item.requirement.label) for item in overridable
            ]
            if not overridable:
                del self.fields["despite_keys"], self.fields["despite"]
        elif self.chosen_kind == Kind.GATE_GO:
            del self.fields["despite_keys"], self.fields["despite"]
        if self.chosen_kind == Kind.GATE_GO:
            self.fields["next_gate_on"].required = True
            self.fields["next_gate_on"].help_text = _(
                "When the task comes back for its next gate (or to be completed, from the last "
                "phase). The agenda proposes it for the forum's meeting before that date."
            )
        if task is not None and self.chosen_kind in (Kind.GATE_STOP, Kind.COMPLETE):
            self.initial.setdefault("worked", task.learned_worked)
            self.initial.setdefault("not_worked", task.learned_not_worked)
        if task is not None and self.chosen_kind == Kind.RECALIBRATE:
            self.fields["ambition"].help_text = _("Leave as it is to keep the ambition.")
            self.initial.setdefault("ambition", task.ambition)
            self.initial.setdefault("next_gate_on", task.next_gate_on)
            self.initial.setdefault("planned_end_on", task.planned_end_on)

    def _common_fields(self) -> None:
        meetings = self.fields["meeting"]
        if self.chosen_forum is None:
            meetings.queryset = Meeting.objects.none()
        else:
            meetings.queryset = (
                Meeting.objects.filter(forum=self.chosen_forum)
                .select_related("forum")
                .order_by("-starts_at", "-pk")
            )
        meeting = self._pick_from("meeting")
        today = timezone.localdate()
        self.initial.setdefault(
            "decided_on", min(queries.meeting_date(meeting), today) if meeting else today
        )
        self.corrected = self._pick_from("corrects")
        subject = self.chosen_task or self.chosen_proposal
        if isinstance(subject, InnovationTask):
            relevant = Q(proposals__task=subject) | Q(ideas__tasks=subject)
        elif isinstance(subject, TaskProposal):
            relevant = Q(proposals=subject) | Q(ideas__proposals=subject)
        else:
            relevant = None
        assessments = (
            Assessment.objects.filter(
                pk__in=Assessment.objects.filter(relevant).values("pk")
            ).order_by("-created_at", "-pk")
            if relevant is not None
            else Assessment.objects.none()
        )
        if relevant is not None and assessments.exists():
            self.fields["assessments"].queryset = assessments
        else:
            del self.fields["assessments"]

    def clean_decided_on(self):
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise forms.ValidationError(_("A decision is recorded when it has been made."))
        return decided_on

    # For the service -------------------------------------------------------------------

    def decision_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            "kind": data["kind"],
            "forum": data["forum"],
            "meeting": data.get("meeting"),
            "task": data.get("task"),
            "proposal": data.get("proposal"),
            "decided_on": data["decided_on"],
            "rationale": data["rationale"],
            "evidence": data.get("evidence", ""),
            "assessments": data.get("assessments") or [],
            "corrects": data.get("corrects"),
        }
        for name in (
            "political_reference",
            "despite_keys",
            "despite",
            "worked",
            "not_worked",
            "ambition",
            "next_gate_on",
            "planned_end_on",
        ):
            if name in data:
                kwargs[name] = data[name]
        return kwargs
