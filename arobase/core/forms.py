"""The rendering of every form of the site (FORM_RENDERER): required fields marked (a visible asterisk explained
at the top of the form, `required` and `aria-required`), an error summary at the top linking to the fields
(focused by static/core/form-errors.js), and text input without bidirectional control characters."""

from __future__ import annotations

from pathlib import Path

import django.forms
from django.forms import BoundField, PasswordInput
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from arobase.core.text import strip_bidi_controls

REQUIRED_MARKER = mark_safe(' <span class="required-marker" aria-hidden="true">*</span>')


def _without_bidi_controls(value):
    if isinstance(value, str):
        return strip_bidi_controls(value)
    if isinstance(value, list | tuple):
        return [_without_bidi_controls(item) for item in value]
    return value


class SiteBoundField(BoundField):
    @property
    def data(self):
        """What was typed, without bidirectional controls (passwords are left exactly as typed)."""
        value = super().data
        if isinstance(self.field.widget, PasswordInput):
            return value
        return _without_bidi_controls(value)

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        """The label (or legend) of a required field ends with the asterisk explained at the top of the form;
        hidden from screen readers, which announce `required` instead."""
        html = super().label_tag(contents, attrs, label_suffix, tag)
        closing = f"</{tag or 'label'}>"
        if self.field.required and html.endswith(closing):
            html = format_html("{}{}{}", mark_safe(html[: -len(closing)]), REQUIRED_MARKER, mark_safe(closing))
        return html

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if attrs.get("required"):
            attrs["aria-required"] = "true"
        return attrs


class SiteFormRenderer(DjangoTemplates):
    """Django's form templates, with ours (core/form_templates) taking precedence."""

    bound_field_class = SiteBoundField

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    Path(__file__).parent / "form_templates",
                    Path(django.forms.__file__).parent / self.backend.app_dirname,
                ],
                "NAME": "arobaseforms",
                "OPTIONS": {},
            }
        )

    def render(self, template_name, context, request=None):
        fields = context.get("fields")
        if fields is not None and "has_required_fields" not in context:
            context["has_required_fields"] = any(field.field.required for field, _errors in fields)
        return super().render(template_name, context, request)
