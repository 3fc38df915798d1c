"""Forms render as Det Fælles Designsystem's form components, everywhere.

The renderer is set in settings (FORM_RENDERER), so Django's, allauth's and
our own forms all get DKFDS classes, hints and error messages tied to their
fields with aria-describedby.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


def dkfds_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        return "form-checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "form-radio"
    if isinstance(widget, forms.Select):
        return "form-select"
    if isinstance(widget, forms.FileInput):
        return "form-file-input"
    return "form-input"


class DKFDSBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, forms.HiddenInput):
            return attrs
        existing = widget.attrs.get("class", "")
        attrs["class"] = f"{existing} {dkfds_class(widget)}".strip()
        if self.errors:
            described = attrs.get("aria-describedby", "")
            attrs["aria-describedby"] = f"{described} {self.auto_id}_error".strip()
        return attrs

    @property
    def is_choice_group(self) -> bool:
        return isinstance(self.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)


class FormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = DKFDSBoundField


def run_service(form: forms.BaseForm, service) -> bool:
    """Call ``service()`` if the form is valid; show its ValidationError on the form.

    Rules live in services; this puts a broken rule's message next to the field
    it concerns (or at the top of the form), keeping everything the user typed.
    """
    if not form.is_valid():
        return False
    try:
        service()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True
