"""Drafts of published actions: "Enregistrer le brouillon" keeps the changes private until they are published."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from arobase.actions.models import PendingRevision
from arobase.actions.tests.factories import ActionFactory, PlaceFactory, edit_payload, login, management

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True, title="Titre publié")
    PlaceFactory(action=action, label="Mairie", latitude=49.89, longitude=2.29)
    return action


def save_draft(client, action, edition, **extra):
    data = edit_payload(
        action,
        edition,
        intent="draft",
        title="Titre en brouillon",
        version=str(action.version),
        **management("places", total=2, initial=1),
    )
    data.update(
        {
            "places-1-label": "Médiathèque",
            "places-1-latitude": "49.9",
            "places-1-longitude": "2.3",
            "places-1-address": "",
            "places-1-postcode": "",
            "places-1-city": "",
            "places-1-citycode": "",
            "places-1-geocoding_source": "",
        }
    )
    data.update(extra)
    return client.post(reverse("actions:edit", args=[action.pk]), data)


def test_a_draft_of_a_published_action_stays_private(client, amiens_contributor, published, edition_2019):
    login(client, amiens_contributor)
    last_activity = published.last_activity_at
    response = save_draft(client, published, edition_2019)
    assert response.status_code == 302, response.content.decode()[:2000]
    published.refresh_from_db()
    assert published.title == "Titre publié" and published.last_activity_at == last_activity
    assert list(published.places.values_list("label", flat=True)) == ["Mairie"]
    assert PendingRevision.objects.get(action=published).data["fields"]["title"] == "Titre en brouillon"

    form = client.get(reverse("actions:edit", args=[published.pk])).content.decode()
    assert "Vous modifiez un brouillon ; la version publiée reste visible jusqu'à la publication." in form
    assert 'value="Titre en brouillon"' in form and 'value="Médiathèque"' in form
    preview = client.get(published.get_absolute_url() + "?apercu=1").content.decode()
    assert "Titre en brouillon" in preview and "Médiathèque" in preview

    client.logout()
    public = client.get(published.get_absolute_url()).content.decode()
    assert "Titre publié" in public and "Titre en brouillon" not in public and "Médiathèque" not in public
    api = client.get(f"/api/v1/actions/{published.pk}").json()
    assert api["title"] == "Titre publié"
    assert "Titre en brouillon" not in client.get(reverse("atlaas:search"), {"q": "brouillon"}).content.decode()


def test_publishing_the_draft_applies_it(client, amiens_contributor, published, edition_2019):
    login(client, amiens_contributor)
    save_draft(client, published, edition_2019)
    response = client.post(reverse("actions:publish", args=[published.pk]))
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title == "Titre en brouillon" and published.is_published
    assert sorted(published.places.values_list("label", flat=True)) == ["Mairie", "Médiathèque"]
    assert not PendingRevision.objects.exists()
    reasons = list(published.history.values_list("history_change_reason", flat=True))
    assert reasons[:2] == ["Modification", "Brouillon des modifications enregistré"]
    assert PendingRevision.history.filter(action_id=published.pk).exists()  # the draft stays in the history


def test_discarding_the_draft_keeps_the_published_version(client, amiens_contributor, published, edition_2019):
    login(client, amiens_contributor)
    save_draft(client, published, edition_2019)
    response = client.post(reverse("actions:discard_revision", args=[published.pk]))
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title == "Titre publié" and not PendingRevision.objects.exists()
    form = client.get(reverse("actions:edit", args=[published.pk])).content.decode()
    assert 'value="Titre publié"' in form


def test_publishing_from_the_form_replaces_the_draft(client, amiens_contributor, published, edition_2019):
    login(client, amiens_contributor)
    save_draft(client, published, edition_2019)
    published.refresh_from_db()
    response = save_draft(client, published, edition_2019, intent="publish", title="Titre final")
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title == "Titre final" and not PendingRevision.objects.exists()


def test_outsiders_cannot_publish_or_discard_a_draft(
    client, amiens_contributor, brest_contributor, published, edition_2019
):
    login(client, amiens_contributor)
    save_draft(client, published, edition_2019)
    login(client, brest_contributor)
    for name in ("publish", "discard_revision"):
        assert client.post(reverse(f"actions:{name}", args=[published.pk])).status_code == 403
    assert "Titre en brouillon" not in client.get(published.get_absolute_url() + "?apercu=1").content.decode()
    published.refresh_from_db()
    assert published.title == "Titre publié" and PendingRevision.objects.filter(action=published).exists()


class _FormFields(HTMLParser):
    """The values a browser would send from the rendered form (text, hidden, checked boxes, textareas, selects)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._textarea = self._select = None
        self._in_template = 0

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self._in_template += 1
        if self._in_template or (tag != "option" and not attrs.get("name")):
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(attrs["name"], attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._add(self._textarea, "")
        elif tag == "select":
            self._select, self._first_option, self._selected = attrs["name"], None, False
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = attrs.get("value", "")
            if "selected" in attrs:
                self._selected = True
                self._add(self._select, attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "template":
            self._in_template -= 1
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            if not self._selected and self._first_option is not None:
                self._add(self._select, self._first_option)  # what a browser sends when nothing is selected
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data.lstrip("\n") if not self.data[self._textarea][-1] else data


def test_the_form_filled_from_the_draft_publishes_it_whole(client, amiens_contributor, published, edition_2019):
    login(client, amiens_contributor)
    save_draft(client, published, edition_2019)
    html = client.get(reverse("actions:edit", args=[published.pk])).content.decode()
    parser = _FormFields()
    parser.feed(html)
    data = {**parser.data, "intent": ["publish"]}
    data.pop("csrfmiddlewaretoken", None)
    response = client.post(reverse("actions:edit", args=[published.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    published.refresh_from_db()
    assert published.title == "Titre en brouillon"
    assert sorted(published.places.values_list("label", flat=True)) == ["Mairie", "Médiathèque"]
    assert not PendingRevision.objects.exists()
