"""The site's form rendering (FORM_RENDERER): required markers, error summary, bidi controls removed."""

from django import forms

from arobase.core.text import strip_bidi_controls


class ContactForm(forms.Form):
    name = forms.CharField(label="Nom")
    comment = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea)
    tags = forms.MultipleChoiceField(label="Étiquettes", required=False, choices=[("a\u202eb", "x")])
    secret = forms.CharField(label="Mot de passe", required=False, widget=forms.PasswordInput)


def test_every_bidi_control_is_removed():
    controls = "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
    assert strip_bidi_controls(f"a{controls}b\u200fc") == "ab\u200fc"  # other marks are left alone


def test_text_fields_lose_bidi_controls_but_passwords_do_not():
    form = ContactForm({"name": "Ma\u202eirie", "comment": "\u2066ok\u2069", "secret": "p\u202ew"})
    assert form.is_valid()
    assert form.cleaned_data["name"] == "Mairie" and form.cleaned_data["comment"] == "ok"
    assert form.cleaned_data["secret"] == "p\u202ew"


def test_required_fields_are_marked_and_explained():
    html = ContactForm().as_div()
    assert "Les champs marqués d'un astérisque (*) sont obligatoires." in html
    assert '<label for="id_name">Nom\xa0: <span class="required-marker" aria-hidden="true">*</span></label>' in html
    assert 'required aria-required="true" id="id_name"' in html
    assert '<label for="id_comment">Commentaire\xa0:</label>' in html


def test_errors_are_summed_up_at_the_top_with_links_to_the_fields():
    form = ContactForm({"name": ""})
    html = form.as_div()
    assert "data-error-summary" in html and 'tabindex="-1"' in html
    assert '<a href="#id_name">Nom : Ce champ est obligatoire.</a>' in html
    assert html.index("data-error-summary") < html.index('id="id_name"')
    assert "data-error-summary" not in ContactForm().as_div()
