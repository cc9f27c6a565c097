"""Form widgets shared by the apps."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class PlainSelect(forms.Select):
    """A flat select (no option groups) rendered in Python. Django's template-based widget renders each option
    through a template: with the ~140 services of the referential, the Atlaas filter form took nearly half of the
    map and search pages' time. Same HTML, same attributes (id, aria-describedby, aria-invalid, required)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, " selected" if str(option_value) in selected else "", label)
                for option_value, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), options
        )
