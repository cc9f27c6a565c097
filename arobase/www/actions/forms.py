"""Forms of the action pages. They check the shape of the input; the rules live in `services.py`, which the
views call with the cleaned data (`to_*_data` helpers)."""

from __future__ import annotations

import json

from django import forms
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from arobase.actions import rules
from arobase.actions.images import max_upload_bytes
from arobase.actions.models import Action, ActionImage, ActionLink, ActionStatus, Actor, Place
from arobase.actions.services import PHONE_MESSAGE, ActionData, ActorData, ImageData, LinkData, PlaceData
from arobase.referential.models import Service
from arobase.territories.models import Territory


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ActionForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=_("Collectivité porteuse"),
        queryset=Territory.objects.none(),
        empty_label=None,
        help_text=_("Ses membres pourront modifier l'action."),
    )
    title = forms.CharField(label=_("Titre"), max_length=200)
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("En deux ou trois phrases : quel service, pour qui."),
    )
    what_was_done = forms.CharField(
        label=_("Ce qui a été fait"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    results = forms.CharField(label=_("Résultats"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    benefits = forms.CharField(
        label=_("Bénéfices pour la population"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(
        label=_("Statut"), choices=ActionStatus.choices, initial=ActionStatus.ONGOING, widget=forms.RadioSelect
    )
    start_date = forms.DateField(label=_("Date de début"), required=False, widget=DateInput)
    end_date = forms.DateField(label=_("Date de fin"), required=False, widget=DateInput)
    services = forms.ModelMultipleChoiceField(
        label=_("Services du référentiel"),
        queryset=Service.objects.none(),
        error_messages={"required": _("Choisissez au moins un service du référentiel.")},
    )
    shared_with = forms.ModelMultipleChoiceField(
        label=_("Partager avec"),
        queryset=Territory.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_codes = forms.CharField(
        label=_("Autres collectivités partenaires"),
        required=False,
        help_text=_("Codes INSEE des communes ou SIREN des intercommunalités, séparés par des virgules."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, owners, edition, partner_choices, action: Action | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = Service.objects.filter(edition=edition)
        self.fields["shared_with"].queryset = partner_choices
        if action is not None:
            del self.fields["owner"]
        else:
            del self.fields["version"]
            self.fields["owner"].queryset = owners

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La date de fin doit être postérieure à la date de début."))
        return cleaned

    def partner_code_list(self) -> list[str]:
        return [
            code for code in self.cleaned_data.get("partner_codes", "").replace(";", ",").split(",") if code.strip()
        ]

    def to_data(self) -> ActionData:
        c = self.cleaned_data
        return ActionData(
            title=c["title"],
            summary=c["summary"],
            what_was_done=c["what_was_done"],
            results=c["results"],
            benefits=c["benefits"],
            status=c["status"],
            start_date=c["start_date"],
            end_date=c["end_date"],
        )


def _https_by_default(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class LinkForm(forms.ModelForm):
    class Meta:
        model = ActionLink
        fields = ["url", "label"]
        formfield_callback = _https_by_default


class ActorForm(forms.ModelForm):
    class Meta:
        model = Actor
        fields = ["kind", "name", "role", "is_elected", "email", "phone", "contact_consent"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}
        help_texts = {"phone": _("Par exemple : 01 23 45 67 89 ou +33 1 23 45 67 89.")}

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        if not phone:
            return phone
        normalized = rules.normalize_phone(phone)
        if normalized is None:
            raise forms.ValidationError(PHONE_MESSAGE[:1].upper() + PHONE_MESSAGE[1:])
        return normalized


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = ["label", "address", "postcode", "city", "citycode", "latitude", "longitude", "geocoding_source"]
        widgets = {
            "citycode": forms.HiddenInput,
            "geocoding_source": forms.HiddenInput,
            "latitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            "longitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["geocoding_source"].required = False
        self.fields["address"].widget.attrs.update(
            {
                "autocomplete": "off",
                "data-hx-get": reverse("actions:address_suggestions"),
                "data-hx-trigger": "input changed delay:400ms",
                "data-hx-target": f"#suggestions-{self.prefix}",
                "data-hx-vals": json.dumps({"prefix": self.prefix}),
                "data-hx-sync": "this:replace",
                "aria-controls": f"suggestions-{self.prefix}",
            }
        )
        self.fields["latitude"].help_text = _("Facultatif si l'adresse est trouvée. Exemple : 49.8941")
        self.fields["longitude"].help_text = _("Exemple : 2.2958")


class ImageForm(forms.ModelForm):
    """The file is only asked for new images; its size is checked here, its content by the service."""

    upload = forms.FileField(
        label=_("Fichier"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )

    class Meta:
        model = ActionImage
        fields = ["alt_text", "credit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = _("JPEG, PNG, WebP ou GIF, %(size)s au plus.") % {
            "size": filesizeformat(max_upload_bytes())
        }

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is not None and upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("Ce fichier pèse %(size)s : la taille maximale est de %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_upload_bytes())}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        rejected = "upload" in self.errors  # already told why (too heavy): one message is enough
        if self.instance.pk is None and cleaned.get("upload") is None and not cleaned.get("DELETE") and not rejected:
            self.add_error("upload", _("Choisissez un fichier image."))
        return cleaned


def _formset(model, form, extra):
    return forms.inlineformset_factory(
        Action, model, form=form, extra=extra, can_delete=True, max_num=20, validate_max=True
    )


LinkFormSet = _formset(ActionLink, LinkForm, 1)
ActorFormSet = _formset(Actor, ActorForm, 1)
PlaceFormSet = _formset(Place, PlaceForm, 1)
ImageFormSet = _formset(ActionImage, ImageForm, 1)

FORMSETS = {"links": LinkFormSet, "actors": ActorFormSet, "places": PlaceFormSet, "images": ImageFormSet}


def _kept_forms(formset):
    """Forms to keep, in order: existing children not marked for removal and new forms actually filled in."""
    for form in formset.forms:
        if form.cleaned_data.get("DELETE"):
            continue
        if form.instance.pk is None and not form.has_changed():
            continue
        yield form


def to_link_data(formset) -> list[LinkData]:
    return [
        LinkData(url=f.cleaned_data["url"], label=f.cleaned_data.get("label", ""), id=f.instance.pk)
        for f in _kept_forms(formset)
    ]


def to_actor_data(formset) -> list[ActorData]:
    result = []
    for f in _kept_forms(formset):
        c = f.cleaned_data
        result.append(
            ActorData(
                name=c["name"],
                kind=c["kind"],
                role=c.get("role", ""),
                is_elected=c.get("is_elected", False),
                email=c.get("email", ""),
                phone=c.get("phone", ""),
                contact_consent=c.get("contact_consent", False),
                id=f.instance.pk,
            )
        )
    return result


def to_place_data(formset) -> list[PlaceData]:
    result = []
    for f in _kept_forms(formset):
        c = f.cleaned_data
        result.append(
            PlaceData(
                label=c.get("label", ""),
                address=c.get("address", ""),
                postcode=c.get("postcode", ""),
                city=c.get("city", ""),
                citycode=c.get("citycode", ""),
                latitude=c.get("latitude"),
                longitude=c.get("longitude"),
                geocoding_source=c.get("geocoding_source") or "",
                id=f.instance.pk,
            )
        )
    return result


def to_image_data(formset) -> list[ImageData]:
    return [
        ImageData(
            alt_text=f.cleaned_data.get("alt_text", ""),
            credit=f.cleaned_data.get("credit", ""),
            file=f.cleaned_data.get("upload") if f.instance.pk is None else None,
            id=f.instance.pk,
        )
        for f in _kept_forms(formset)
    ]


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de la dépublication"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Il est gardé dans l'historique de l'action et montré aux membres de la collectivité."),
    )
