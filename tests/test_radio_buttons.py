"""No group of radio buttons offers Django's blank "---------" choice.

A model field with choices and no default gets a blank first choice in its form
field: right for a select ("choose one"), wrong for radio buttons, where it is a
third button, chosen from the start. Each form that shows such a field as radio
buttons must set the choices itself; this finds every one and checks it does.
"""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser

import samskab
from samskab.ideas.models import Challenge
from samskab.portfolio.forms.assessment import ClassifyForm
from samskab.portfolio.forms.tasks import ProposalForm


def form_classes() -> set[type[forms.BaseForm]]:
    found = set()
    for module_info in pkgutil.walk_packages(samskab.__path__, "samskab."):
        name = module_info.name
        if ".forms" not in name or ".tests" in name:
            continue
        module = importlib.import_module(name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == name:
                found.add(value)
    return found


def blank_radios(fields: dict[str, forms.Field]) -> list[str]:
    return [
        name
        for name, field in fields.items()
        if isinstance(field.widget, forms.RadioSelect)
        and any(value in ("", None) for value, _ in field.choices)
    ]


# The forms whose radio buttons come from a model field without a default, built as a page does.
BUILT = {
    ProposalForm: lambda: ProposalForm(user=AnonymousUser()),
    ClassifyForm: lambda: ClassifyForm(),
}


def test_every_form_with_a_blank_radio_choice_from_its_model_is_checked_here(db):
    flagged = {form for form in form_classes() if blank_radios(form.base_fields)}
    assert ProposalForm in flagged  # the search itself works
    assert flagged <= set(BUILT), f"build these in BUILT: {flagged - set(BUILT)}"


@pytest.mark.parametrize("form_class", list(BUILT), ids=lambda form: form.__name__)
def test_radio_buttons_have_no_blank_choice(db, form_class):
    form = BUILT[form_class]()
    assert blank_radios(form.fields) == []
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.RadioSelect):
            assert " checked" not in str(form[name]), name


def test_the_idea_form_preselects_its_defaults_only(db):
    from samskab.ideas.forms import IdeaForm

    form = IdeaForm(user=AnonymousUser(), challenges=Challenge.objects.none())
    assert blank_radios(form.fields) == []
    assert str(form["kind"]).count(" checked") == 1  # "idea", the model's default
