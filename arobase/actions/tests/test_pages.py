"""Pages: create with formsets, public page, permissions (403/404), history, moderation, address suggestions."""

import pytest
from django.urls import reverse

from arobase.actions.models import Action
from arobase.actions.tests.factories import ActionFactory, ActorFactory, PlaceFactory, login
from arobase.referential.models import Service

pytestmark = pytest.mark.django_db


def management(prefix, total=1, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }


def payload(owner, edition, **extra):
    data = {
        "owner": str(owner.pk),
        "title": "Atelier numérique en médiathèque",
        "summary": "Des ateliers hebdomadaires pour apprendre à faire ses démarches en ligne.",
        "what_was_done": "Recrutement d'un conseiller numérique.",
        "results": "",
        "benefits": "",
        "status": "ongoing",
        "start_date": "2024-09-01",
        "end_date": "",
        "services": [str(Service.objects.get(edition=edition, code="T1E1S01").pk)],
        "partner_codes": "",
        "intent": "publish",
        **management("links"),
        **management("actors"),
        **management("places"),
        **management("images"),
        "links-0-url": "https://www.example.org/ateliers",
        "links-0-label": "Programme",
        "actors-0-kind": "organisation",
        "actors-0-name": "Médiathèque municipale",
        "actors-0-role": "Accueil",
        "actors-0-email": "mediatheque@example.org",
        "actors-0-contact_consent": "",
        "places-0-label": "Médiathèque",
        "places-0-address": "8 Boulevard du Port",
        "places-0-postcode": "80000",
        "places-0-city": "Amiens",
        "places-0-latitude": "",
        "places-0-longitude": "",
        "places-0-citycode": "",
        "places-0-geocoding_source": "",
        "images-0-alt_text": "",
        "images-0-credit": "",
    }
    data.update(extra)
    return data


def test_create_with_formsets_and_publish(client, contributor, commune, edition_2019, jpeg_upload):
    login(client, contributor)
    page = client.get(reverse("actions:create"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Titre et résumé" in body and "Services du référentiel 2019" in body and "<details" in body
    assert reverse("actions:address_suggestions") in body

    data = payload(commune, edition_2019, **{"images-0-alt_text": "Un atelier", "images-0-upload": jpeg_upload()})
    response = client.post(reverse("actions:create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    action = Action.objects.get()
    assert response["Location"] == action.get_absolute_url()
    assert action.is_published and action.owner == commune and action.created_by == contributor
    assert action.links.get().label == "Programme"
    assert action.places.get().geocoding_source == "ban"
    assert action.images.get().alt_text == "Un atelier"
    assert action.actors.get().name == "Médiathèque municipale"

    page = client.get(action.get_absolute_url()).content.decode()
    assert "Atelier numérique en médiathèque" in page and "Un atelier" in page
    assert "mediatheque@example.org" not in page  # no consent
    assert reverse("territories:detail", kwargs={"kind": commune.kind, "code": commune.code}) in page


def test_create_draft_then_preview(client, contributor, commune, edition_2019):
    login(client, contributor)
    response = client.post(reverse("actions:create"), payload(commune, edition_2019, intent="preview"))
    action = Action.objects.get()
    assert response["Location"] == f"{action.get_absolute_url()}?apercu=1"
    assert not action.is_published
    page = client.get(response["Location"]).content.decode()
    assert "Aperçu" in page and "Brouillon" in page and "Publier" in page
    client.post(reverse("actions:publish", args=[action.pk]))
    action.refresh_from_db()
    assert action.is_published


def test_form_errors_are_in_french_and_nothing_saved(client, contributor, commune, edition_2019, settings):
    login(client, contributor)
    settings.GEOCODER = "arobase.actions.geocoding.UnavailableGeocoder"
    response = client.post(reverse("actions:create"), payload(commune, edition_2019))
    assert response.status_code == 400
    body = response.content.decode()
    assert "service national d&#x27;adresses (BAN) est indisponible" in body
    assert "rien n'a été enregistré" in body
    assert not Action.objects.exists()

    response = client.post(
        reverse("actions:create"),
        payload(
            commune,
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


def test_php_image_through_the_form(client, contributor, commune, edition_2019):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, contributor)
    data = payload(
        commune,
        edition_2019,
        **{"images-0-alt_text": "Pirate", "images-0-upload": SimpleUploadedFile("shell.jpg", b"<?php echo 1; ?>")},
    )
    response = client.post(reverse("actions:create"), data)
    assert response.status_code == 400
    assert "n&#x27;est pas une image valide" in response.content.decode()
    assert not Action.objects.exists()


def test_manual_coordinates_fallback(client, contributor, commune, edition_2019, settings):
    settings.GEOCODER = "arobase.actions.geocoding.UnavailableGeocoder"
    login(client, contributor)
    data = payload(commune, edition_2019, **{"places-0-latitude": "49.89", "places-0-longitude": "2.29"})
    assert client.post(reverse("actions:create"), data).status_code == 302
    assert Action.objects.get().places.get().geocoding_source == "manual"


def test_edit_existing_children(client, contributor, commune, edition_2019):
    action = ActionFactory(owner=commune, published=True)
    place = PlaceFactory(action=action)
    login(client, contributor)
    assert client.get(reverse("actions:edit", args=[action.pk])).status_code == 200
    data = payload(
        commune,
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


def test_public_page_hides_drafts_and_unpublished(client, contributor, other_contributor, staff, commune, edition_2019):
    draft = ActionFactory(owner=commune)
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    login(client, other_contributor)
    assert client.get(url).status_code == 404
    login(client, contributor)
    assert "Brouillon" in client.get(url).content.decode()
    login(client, staff)
    assert client.get(url).status_code == 200


def test_authors_see_the_unpublish_reason(client, contributor, staff, commune, edition_2019):
    action = ActionFactory(owner=commune, published=True)
    login(client, staff)
    assert client.get(reverse("actions:unpublish", args=[action.pk])).status_code == 200
    response = client.post(reverse("actions:unpublish", args=[action.pk]), {"reason": ""})
    assert response.status_code == 400
    client.post(reverse("actions:unpublish", args=[action.pk]), {"reason": "Photos sans autorisation."})
    action.refresh_from_db()
    assert action.is_unpublished
    client.logout()
    assert client.get(action.get_absolute_url()).status_code == 404
    login(client, contributor)
    assert "Photos sans autorisation." in client.get(action.get_absolute_url()).content.decode()
    assert "Photos sans autorisation." in client.get(reverse("actions:mine")).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "other_contributor"])
def test_only_staff_and_members_unpublish(who, request, client, commune, edition_2019):
    action = ActionFactory(owner=commune, published=True)
    if who != "anonymous":
        login(client, request.getfixturevalue(who))
    response = client.post(reverse("actions:unpublish", args=[action.pk]), {"reason": "Non"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.is_published


@pytest.mark.parametrize("published", [True, False])
@pytest.mark.parametrize("who", ["anonymous", "other_contributor"])
def test_outsiders_cannot_edit(who, published, request, client, commune, edition_2019):
    action = ActionFactory(owner=commune, published=published, title="Avant")
    if who != "anonymous":
        login(client, request.getfixturevalue(who))
    expected = 403 if published else 404
    records = action.history.count()
    for name in ("edit", "history"):
        assert client.get(reverse(f"actions:{name}", args=[action.pk])).status_code == expected
    response = client.post(reverse("actions:edit", args=[action.pk]), payload(commune, edition_2019, title="Après"))
    assert response.status_code == expected
    for name in ("publish", "confirm"):
        response = client.post(reverse(f"actions:{name}", args=[action.pk]))
        assert response.status_code == expected
    action.refresh_from_db()
    assert action.title == "Avant" and action.is_published is published and action.history.count() == records


def test_partner_members_see_but_do_not_edit(client, contributor, commune, edition_2019):
    from arobase.accounts.tests.factories import AffiliationFactory

    action = ActionFactory(owner=commune, published=True, shared_with=[commune.epci])
    partner = AffiliationFactory(territory=commune.epci).user
    login(client, partner)
    assert client.get(action.get_absolute_url()).status_code == 200
    assert client.get(reverse("actions:edit", args=[action.pk])).status_code == 403
    assert action.title in client.get(reverse("actions:mine")).content.decode()


def test_history_page(client, contributor, commune, edition_2019):
    from arobase.actions import services
    from arobase.actions.services import ActionData

    action = ActionFactory(owner=commune, published=True, title="Ancien titre")
    services.update_action(actor=contributor, action=action, data=ActionData(title="Titre neuf", summary="R"))
    login(client, contributor)
    body = client.get(reverse("actions:history", args=[action.pk])).content.decode()
    assert "Ancien titre" in body and "Titre neuf" in body and str(contributor) in body


def test_history_cannot_be_edited(client, staff, commune, edition_2019):
    from django.contrib.admin.sites import site

    from arobase.actions.models import Action as ActionModel

    assert not any(model._meta.model_name.startswith("historical") for model in site._registry)
    action = ActionFactory(owner=commune, published=True)
    staff.is_superuser = True
    staff.save()
    login(client, staff)
    admin_page = client.get(reverse("admin:actions_action_change", args=[action.pk]))
    assert admin_page.status_code == 200  # view only
    assert client.post(reverse("admin:actions_action_change", args=[action.pk]), {"title": "X"}).status_code == 403
    assert not site._registry[ActionModel].has_change_permission(None)


def test_my_actions_lists_expiring_with_confirm(client, contributor, commune, edition_2019):
    from datetime import datetime

    from django.utils import timezone

    year = timezone.localdate().year
    tz = timezone.get_current_timezone()
    old = ActionFactory(
        owner=commune, published=True, title="Action ancienne", last_activity_at=datetime(year - 1, 3, 1, tzinfo=tz)
    )
    ActionFactory(owner=commune, title="Mon brouillon")
    login(client, contributor)
    body = client.get(reverse("actions:mine")).content.decode()
    assert "Actions à confirmer" in body and "Action ancienne" in body and "Mon brouillon" in body
    assert reverse("actions:confirm", args=[old.pk]) in body
    response = client.post(reverse("actions:confirm", args=[old.pk]), {"next": reverse("actions:mine")})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.last_activity_at.year == year


def test_my_actions_lists_have_their_own_pages(client, contributor, commune, edition_2019, monkeypatch):
    from arobase.www.actions import views

    monkeypatch.setattr(views, "MY_ACTIONS_PER_PAGE", 2)
    published = [ActionFactory(owner=commune, published=True, title=f"Publiée {i}") for i in range(5)]
    drafts = [ActionFactory(owner=commune, title=f"Brouillon {i}") for i in range(3)]
    login(client, contributor)
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


def test_actor_contact_shown_only_with_consent(client, commune, edition_2019):
    action = ActionFactory(owner=commune, published=True)
    ActorFactory(action=action, email="public@example.org", contact_consent=True)
    ActorFactory(action=action, email="prive@example.org", phone="06 99 99 99 99", contact_consent=False)
    body = client.get(action.get_absolute_url()).content.decode()
    assert "public@example.org" in body and "prive@example.org" not in body and "06 99 99 99 99" not in body


def test_address_suggestions(client, contributor, settings):
    url = reverse("actions:address_suggestions")
    assert client.get(url, {"q": "boulevard du port"}).status_code == 403
    login(client, contributor)
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


def test_cannot_create_for_another_commune_by_tampering(client, contributor, other_commune, edition_2019):
    login(client, contributor)
    response = client.post(reverse("actions:create"), payload(other_commune, edition_2019))
    assert response.status_code == 400
    assert not Action.objects.exists()
