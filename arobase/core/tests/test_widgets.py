from django import forms
from django.test.html import parse_html

from arobase.core.widgets import PlainSelect

CHOICES = [("", "Tous"), ("x", "X & <y>"), ("1", "Un"), (2, "Deux")]


class Filters(forms.Form):
    plain = forms.ChoiceField(label="Choix", required=False, choices=CHOICES, help_text="Aide", widget=PlainSelect)
    django = forms.ChoiceField(label="Choix", required=False, choices=CHOICES, help_text="Aide")


def _same_html(form, value):
    """The plain select renders the same HTML as Django's, attribute for attribute, once named alike."""
    plain = str(form["plain"]).replace("id_plain", "id_django").replace('name="plain"', 'name="django"')
    assert parse_html(plain) == parse_html(str(form["django"])), value


def test_plain_select_renders_like_django_select():
    for value in ("", "x", "2", "not-a-choice"):
        form = Filters({"plain": value, "django": value})
        form.is_valid()
        _same_html(form, value)
    _same_html(Filters(), None)
    assert "X &amp; &lt;y&gt;" in str(Filters()["plain"])  # labels escaped
