"""Pages: create with formsets, public page, permissions (403/404), history, moderation, address suggestions."""

import pytest
from django.urls import reverse

from arobase.actions.models import Action
from arobase.actions.tests.factories import ActionFactory, ActorFactory, PlaceFactory, login, management, payload

pytestmark = pytest.mark.django_db


def test_create_with_formsets_and_publish(client, amiens_contributor, amiens, edition_2019, jpeg_upload):
    login(client, amiens_contributor)
    page = client.get(reverse("actions:create"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Titre et résumé" in body and "Services du référentiel 2019" in body and "<details" in body
    assert reverse("actions:address_suggestions") in body

    data = payload(amiens, edition_2019, **{"images-0-alt_text": "Un atelier", "images-0-upload": jpeg_upload()})
    response = client.post(reverse("actions:create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    action = Action.objects.get()
    assert response["Location"] == action.get_absolute_url()
    assert action.is_published and action.owner == amiens and action.created_by == amiens_contributor
    assert action.links.get().label == "Programme"
    assert action.places.get().geocoding_source == "ban"
    assert action.images.get().alt_text == "Un atelier"
    assert action.actors.get().name == "Médiathèque municipale"

    page = client.get(action.get_absolute_url()).content.decode()
    assert "Atelier numérique en médiathèque" in page and "Un atelier" in page
    assert "mediatheque@example.org" not in page  # no consent
    assert reverse("territories:detail", kwargs={"kind": amiens.kind, "code": amiens.code}) in page


def test_create_draft_then_preview(client, amiens_contributor, amiens, edition_2019):
    login(client, amiens_contributor)
    response = client.post(reverse("actions:create"), payload(amiens, edition_2019, intent="preview"))
    action = Action.objects.get()
    assert response["Location"] == f"{action.get_absolute_url()}?apercu=1"
    assert not action.is_published
    page = client.get(response["Location"]).content.decode()
    assert "Aperçu" in page and "Brouillon" in page and "Publier" in page
    client.post(reverse("actions:publish", args=[action.pk]))
    action.refresh_from_db()
    assert action.is_published


def test_form_errors_are_in_french_and_nothing_saved(client, amiens_contributor, amiens, edition_2019, settings):
    login(client, amiens_contributor)
    settings.GEOCODER = "arobase.actions.geocoding.UnavailableGeocoder"
    response = client.post(reverse("actions:create"), payload(amiens, edition_2019))
    assert response.status_code == 400
    body = response.content.decode()
    assert "service national d&#x27;adresses (BAN) est indisponible" in body
    assert "rien n'a été enregistré" in body
    assert not Action.objects.exists()

    response = client.post(
        reverse("actions:create"),
        payload(
            amiens,
            edition_2019,
            services=[],
            start_date="2024-09-01",
            end_date="2024-01-01",
            **{
                "images-0-alt_text": "Pirate",
                "images-0-upload": __import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
                    "shell.jpg", b"<?php echo 1; ?>"
                ),
            },
        ),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Choisissez au moins un service" in body and "date de fin doit être postérieure" in body
    assert not Action.objects.exists()


def test_php_image_through_the_form(client, amiens_contributor, amiens, edition_2019):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, amiens_contributor)
    data = payload(
        amiens,
        edition_2019,
        **{"images-0-alt_text": "Pirate", "images-0-upload": SimpleUploadedFile("shell.jpg", b"<?php echo 1; ?>")},
    )
    response = client.post(reverse("actions:create"), data)
    assert response.status_code == 400
    assert "n&#x27;est pas une image valide" in response.content.decode()
    assert not Action.objects.exists()


def test_manual_coordinates_fallback(client, amiens_contributor, amiens, edition_2019, settings):
    settings.GEOCODER = "arobase.actions.geocoding.UnavailableGeocoder"
    login(client, amiens_contributor)
    data = payload(amiens, edition_2019, **{"places-0-latitude": "49.89", "places-0-longitude": "2.29"})
    assert client.post(reverse("actions:create"), data).status_code == 302
    assert Action.objects.get().places.get().geocoding_source == "manual"


def test_edit_existing_children(client, amiens_contributor, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True)
    place = PlaceFactory(action=action)
    login(client, amiens_contributor)
    assert client.get(reverse("actions:edit", args=[action.pk])).status_code == 200
    data = payload(
        amiens,
        edition_2019,
        intent="publish",
        title="Nouveau titre",
        **management("places", total=1, initial=1),
        **management("links", 0),
        **management("actors", 0),
        **management("images", 0),
    )
    data.update({"places-0-id": str(place.pk), "places-0-action": str(action.pk), "places-0-DELETE": "on"})
    response = client.post(reverse("actions:edit", args=[action.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    action.refresh_from_db()
    assert action.title == "Nouveau titre" and not action.places.exists() and action.is_published


def test_public_page_hides_drafts_and_unpublished(
    client, amiens_contributor, brest_contributor, staff, amiens, edition_2019
):
    draft = ActionFactory(owner=amiens)
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    login(client, brest_contributor)
    assert client.get(url).status_code == 404
    login(client, amiens_contributor)
    assert "Brouillon" in client.get(url).content.decode()
    login(client, staff)
    assert client.get(url).status_code == 200


def test_authors_see_the_unpublish_reason(client, amiens_contributor, staff, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True)
    login(client, staff)
    assert client.get(reverse("actions:unpublish", args=[action.pk])).status_code == 200
    response = client.post(reverse("actions:unpublish", args=[action.pk]), {"reason": ""})
    assert response.status_code == 400
    client.post(reverse("actions:unpublish", args=[action.pk]), {"reason": "Photos sans autorisation."})
    action.refresh_from_db()
    assert action.is_unpublished
    client.logout()
    assert client.get(action.get_absolute_url()).status_code == 404
    login(client, amiens_contributor)
    assert "Photos sans autorisation." in client.get(action.get_absolute_url()).content.decode()
    assert "Photos sans autorisation." in client.get(reverse("actions:mine")).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "brest_contributor"])
def test_only_staff_and_members_unpublish(who, request, client, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True)
    if who != "anonymous":
        login(client, request.getfixturevalue(who))
    response = client.post(reverse("actions:unpublish", args=[action.pk]), {"reason": "Non"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.is_published


@pytest.mark.parametrize("published", [True, False])
@pytest.mark.parametrize("who", ["anonymous", "brest_contributor"])
def test_outsiders_cannot_edit(who, published, request, client, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=published, title="Avant")
    if who != "anonymous":
        login(client, request.getfixturevalue(who))
    expected = 403 if published else 404
    records = action.history.count()
    for name in ("edit", "history"):
        assert client.get(reverse(f"actions:{name}", args=[action.pk])).status_code == expected
    response = client.post(reverse("actions:edit", args=[action.pk]), payload(amiens, edition_2019, title="Après"))
    assert response.status_code == expected
    for name in ("publish", "confirm"):
        response = client.post(reverse(f"actions:{name}", args=[action.pk]))
        assert response.status_code == expected
    action.refresh_from_db()
    assert action.title == "Avant" and action.is_published is published and action.history.count() == records


def test_partner_members_see_but_do_not_edit(client, amiens_contributor, amiens, edition_2019):
    from arobase.accounts.tests.factories import AffiliationFactory

    action = ActionFactory(owner=amiens, published=True, shared_with=[amiens.epci])
    partner = AffiliationFactory(territory=amiens.epci).user
    login(client, partner)
    assert client.get(action.get_absolute_url()).status_code == 200
    assert client.get(reverse("actions:edit", args=[action.pk])).status_code == 403
    assert action.title in client.get(reverse("actions:mine")).content.decode()


def test_history_page(client, amiens_contributor, amiens, edition_2019):
    from arobase.actions import services
    from arobase.actions.services import ActionData

    action = ActionFactory(owner=amiens, published=True, title="Ancien titre")
    services.update_action(actor=amiens_contributor, action=action, data=ActionData(title="Titre neuf", summary="R"))
    login(client, amiens_contributor)
    body = client.get(reverse("actions:history", args=[action.pk])).content.decode()
    assert "Ancien titre" in body and "Titre neuf" in body and str(amiens_contributor) in body


def test_history_cannot_be_edited(client, staff, amiens, edition_2019):
    from django.contrib.admin.sites import site

    from arobase.actions.models import Action as ActionModel

    assert not any(model._meta.model_name.startswith("historical") for model in site._registry)
    action = ActionFactory(owner=amiens, published=True)
    staff.is_superuser = True
    staff.save()
    login(client, staff)
    admin_page = client.get(reverse("admin:actions_action_change", args=[action.pk]))
    assert admin_page.status_code == 200  # view only
    assert client.post(reverse("admin:actions_action_change", args=[action.pk]), {"title": "X"}).status_code == 403
    assert not site._registry[ActionModel].has_change_permission(None)


def test_my_actions_lists_expiring_with_confirm(client, amiens_contributor, amiens, edition_2019):
    from datetime import datetime

    from django.utils import timezone

    year = timezone.localdate().year
    tz = timezone.get_current_timezone()
    old = ActionFactory(
        owner=amiens, published=True, title="Action ancienne", last_activity_at=datetime(year - 1, 3, 1, tzinfo=tz)
    )
    ActionFactory(owner=amiens, title="Mon brouillon")
    login(client, amiens_contributor)
    body = client.get(reverse("actions:mine")).content.decode()
    assert "Actions à confirmer" in body and "Action ancienne" in body and "Mon brouillon" in body
    assert reverse("actions:confirm", args=[old.pk]) in body
    response = client.post(reverse("actions:confirm", args=[old.pk]), {"next": reverse("actions:mine")})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.last_activity_at.year == year


def test_my_actions_lists_have_their_own_pages(client, amiens_contributor, amiens, edition_2019, monkeypatch):
    from arobase.www.actions import views

    monkeypatch.setattr(views, "MY_ACTIONS_PER_PAGE", 2)
    published = [ActionFactory(owner=amiens, published=True, title=f"Publiée {i}") for i in range(5)]
    drafts = [ActionFactory(owner=amiens, title=f"Brouillon {i}") for i in range(3)]
    login(client, amiens_contributor)
    response = client.get(reverse("actions:mine"))
    body = response.content.decode()
    assert "Publiées (5)" in body and "Brouillons (3)" in body
    assert len(response.context["published"]) == 2 and len(response.context["drafts"]) == 2
    assert 'aria-label="Pages des actions publiées"' in body and 'aria-label="Pages des brouillons"' in body
    assert 'href="?page=2#published-title"' in body and 'href="?page_brouillons=2#drafts-title"' in body
    # Turning the pages of one list keeps the page of the other.
    response = client.get(reverse("actions:mine"), {"page": "3", "page_brouillons": "2"})
    assert [a.pk for a in response.context["published"]] == [published[0].pk]  # most recently updated first
    assert [a.pk for a in response.context["drafts"]] == [drafts[0].pk]
    assert 'href="?page=3&amp;page_brouillons=1#drafts-title"' in response.content.decode()


def test_actor_contact_shown_only_with_consent(client, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True)
    ActorFactory(action=action, email="public@example.org", contact_consent=True)
    ActorFactory(action=action, email="prive@example.org", phone="06 99 99 99 99", contact_consent=False)
    body = client.get(action.get_absolute_url()).content.decode()
    assert "public@example.org" in body and "prive@example.org" not in body and "06 99 99 99 99" not in body


def test_address_suggestions(client, amiens_contributor, settings):
    url = reverse("actions:address_suggestions")
    assert client.get(url, {"q": "boulevard du port"}).status_code == 403
    login(client, amiens_contributor)
    body = client.get(url, {"places-0-address": "boulevard du port amiens", "prefix": "places-0"}).content.decode()
    assert "8 Boulevard du Port 80000 Amiens" in body and 'data-prefix="places-0"' in body
    body = client.get(url, {"q": "rue introuvable"}).content.decode()
    assert "Aucune adresse trouvée" in body
    settings.GEOCODER = "arobase.actions.geocoding.UnavailableGeocoder"
    body = client.get(url, {"q": "boulevard du port"}).content.decode()
    assert "indisponible" in body and "latitude" in body


def test_create_without_membership(client, db, edition_2019):
    from arobase.accounts.tests.factories import UserFactory

    login(client, UserFactory())
    response = client.get(reverse("actions:create"))
    assert response.status_code == 403
    assert "membre d'une collectivité" in response.content.decode()


def test_cannot_create_for_another_commune_by_tampering(client, amiens_contributor, brest, edition_2019):
    login(client, amiens_contributor)
    response = client.post(reverse("actions:create"), payload(brest, edition_2019))
    assert response.status_code == 400
    assert not Action.objects.exists()
