"""Picking ideas in a form: type words or a number, choose among the ideas found.

An ``IdeaPickerField`` renders a text field, a "Søg" button and, under them, the ideas
found as radio buttons (one idea) or checkboxes (several), in a live region:

- with JavaScript, htmx fetches the ideas while the user types, from
  ``ideas:idea-picker``, which lists only ideas the user may see;
- without it, "Søg" submits the form, which comes back with the ideas listed and
  everything else as it was typed (``PickerForm`` leaves a search unvalidated);
- a number typed directly ("12", or "12, 47" for several) is accepted as before.

The ideas chosen stay listed, checked, whatever is typed next. The field cleans to an
``Idea`` (or a list of them) among ``scope``, the ideas the user may see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Idea
from .queries import picker_matches, typed_numbers

# The name of the "Søg" button: a form submitted by it is a search, not a submission.
SEARCH_BUTTON = "soeg"
# A picker's field name and its element id, as the htmx request tells them.
FIELD_NAME = re.compile(r"[A-Za-z][\w-]{0,80}")


def chosen_name(name: str) -> str:
    """The name of the radio buttons or checkboxes of the picker called ``name``."""
    return f"{name}_valg"


@dataclass(frozen=True)
class PickerValue:
    """What a picker holds: the text typed and the ids of the ideas ticked."""

    text: str = ""
    chosen: tuple[str, ...] = ()


def results_context(
    *, name: str, auto_id: str, multiple: bool, text: str, chosen: list[str], scope
) -> dict:
    """What ideas/includes/idea_picker_results.html needs (two queries at most)."""
    found = picker_matches(scope, text=text, chosen=chosen)
    shown = len(found.chosen) + len(found.matches)
    if found.matches:
        status = ngettext("%(count)d idea found.", "%(count)d ideas found.", len(found.matches))
        status %= {"count": len(found.matches)}
    elif found.searched:
        status = _("No ideas found. Try other words or the idea's number.")
    else:
        status = ""
    return {
        "name": chosen_name(name),
        "auto_id": auto_id,
        "input_type": "checkbox" if multiple else "radio",
        "chosen": found.chosen,
        "matches": found.matches,
        "shown": shown,
        "status": status,
        "multiple": multiple,
    }


class IdeaPickerWidget(forms.Widget):
    template_name = "ideas/widgets/idea_picker.html"

    def __init__(self, attrs=None, *, multiple: bool = False):
        super().__init__(attrs)
        self.multiple = multiple
        self.scope = Idea.objects.none()

    def value_from_datadict(self, data, files, name) -> PickerValue:
        chosen = data.getlist(chosen_name(name)) if hasattr(data, "getlist") else []
        return PickerValue(text=str(data.get(name, ""))[:500], chosen=tuple(chosen))

    def value_omitted_from_data(self, data, files, name) -> bool:
        return name not in data and chosen_name(name) not in data

    def use_required_attribute(self, initial) -> bool:
        return False  # a chosen radio button is an answer too; the field says what is missing

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = value if isinstance(value, PickerValue) else PickerValue()
        widget = context["widget"]
        auto_id = widget["attrs"].get("id") or f"id_{name}"
        widget["attrs"].update(
            {
                "id": auto_id,
                "autocomplete": "off",
                "hx-get": reverse("ideas:idea-picker"),
                "hx-trigger": "input changed delay:400ms, search",
                "hx-include": f"#{auto_id}_picker",
                "hx-vals": (
                    f'{{"felt": "{name}", "id": "{auto_id}", "flere": "{int(self.multiple)}"}}'
                ),
                "hx-target": f"#{auto_id}_results",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        widget["text"] = value.text
        widget["search_button"] = SEARCH_BUTTON
        widget["results"] = results_context(
            name=name,
            auto_id=auto_id,
            multiple=self.multiple,
            text=value.text,
            chosen=list(value.chosen),
            scope=self.scope,
        )
        return context


class IdeaPickerField(forms.Field):
    """One idea (``multiple=False``) or several, picked by words or numbers among ``scope``."""

    default_error_messages = {
        "required": _("Choose an idea, or type its number."),
        "choose": _("Choose among the ideas found, or type the idea's number."),
        "one": _("Choose one idea: you chose one and typed the number of another."),
    }

    def __init__(self, *, multiple: bool = False, **kwargs):
        self.multiple = multiple
        kwargs.setdefault("widget", IdeaPickerWidget(multiple=multiple))
        super().__init__(**kwargs)
        self.widget.multiple = multiple

    @property
    def scope(self):
        return self.widget.scope

    @scope.setter
    def scope(self, ideas) -> None:
        self.widget.scope = ideas

    def prepare_value(self, value) -> PickerValue:
        if isinstance(value, PickerValue):
            return value
        if value in (None, "", [], ()):
            return PickerValue()
        values = value if isinstance(value, list | tuple) else [value]
        return PickerValue(chosen=tuple(str(getattr(item, "pk", item)) for item in values))

    def clean(self, value):
        value = self.prepare_value(value)
        chosen = [int(pk) for pk in value.chosen if re.fullmatch(r"[0-9]{1,9}", pk)]
        numbers = typed_numbers(value.text)
        if numbers is None and value.text.strip() and not chosen:
            raise ValidationError(self.error_messages["choose"], code="choose")
        ids = list(dict.fromkeys([*chosen, *(numbers or [])]))
        if not self.multiple and len(ids) > 1:
            raise ValidationError(self.error_messages["one"], code="one")
        if not ids:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return [] if self.multiple else None
        found = self.scope.in_bulk(ids)
        missing = [str(pk) for pk in ids if pk not in found]
        if missing:
            message = ngettext(
                "There is no idea with the number %(numbers)s.",
                "There are no ideas with the numbers %(numbers)s.",
                len(missing),
            )
            raise ValidationError(message, code="missing", params={"numbers": ", ".join(missing)})
        ideas = [found[pk] for pk in ids]
        return ideas if self.multiple else ideas[0]

    def has_changed(self, initial, data) -> bool:
        return self.prepare_value(initial) != self.prepare_value(data)


class PickerForm:
    """For a form with an idea picker: a search ("Søg") is not a submission.

    The form comes back bound to what was typed, with the ideas found listed and no
    errors, and ``is_valid()`` is False, so the view saves nothing.
    """

    @property
    def is_search(self) -> bool:
        return self.is_bound and SEARCH_BUTTON in self.data

    def full_clean(self) -> None:
        if self.is_search:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def is_valid(self) -> bool:
        return not self.is_search and super().is_valid()
