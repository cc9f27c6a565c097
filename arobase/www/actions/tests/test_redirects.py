"""`next` on the action operations: only targets on this site are followed (no open redirect)."""

import pytest
from django.urls import reverse

from arobase.actions.tests.factories import ActionFactory, login

pytestmark = pytest.mark.django_db

OFF_SITE = ["https://evil.invalid/", "//evil.invalid", "///evil.invalid", "http:evil.invalid", "\\\\evil.invalid"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_confirm_does_not_redirect_off_site(client, amiens_contributor, amiens, edition_2019, target):
    action = ActionFactory(owner=amiens, published=True)
    login(client, amiens_contributor)
    response = client.post(reverse("actions:confirm", args=[action.pk]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == action.get_absolute_url()


@pytest.mark.parametrize("target", OFF_SITE)
def test_publish_does_not_redirect_off_site(client, amiens_contributor, amiens, edition_2019, target):
    action = ActionFactory(owner=amiens)
    login(client, amiens_contributor)
    response = client.post(reverse("actions:publish", args=[action.pk]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == action.get_absolute_url()
    action.refresh_from_db()
    assert action.is_published


def test_next_on_this_site_is_followed(client, amiens_contributor, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True)
    login(client, amiens_contributor)
    response = client.post(reverse("actions:confirm", args=[action.pk]), {"next": reverse("actions:mine")})
    assert response["Location"] == reverse("actions:mine")
