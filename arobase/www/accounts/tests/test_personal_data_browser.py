"""The pages of a person's data in headless Chromium: axe-core, the download, and the deletion with a wrong then
the right password, at 320 px wide."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from arobase.accounts.models import User
from arobase.accounts.tests.factories import DEFAULT_PASSWORD, AffiliationFactory
from arobase.www.tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_download_then_delete_the_account(page, live_server, assert_accessible):
    user = AffiliationFactory().user
    sign_in(page, live_server, user)
    page.set_viewport_size({"width": 320, "height": 800})

    page.goto("/compte/mes-donnees/")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger mes données (JSON)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("mes-donnees-villes-internet-")
    assert json.loads(Path(download.path()).read_text(encoding="utf-8"))["profile"]["email"] == user.email

    page.get_by_role("link", name="Supprimer mon compte").click()
    assert_accessible(page)
    page.get_by_label("Votre mot de passe").fill("mauvais mot de passe")
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page.get_by_role("alert").get_by_text("Mot de passe incorrect")).to_be_visible()
    assert_accessible(page)
    assert User.objects.filter(pk=user.pk).exists()
    page.get_by_label("Votre mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_text("Votre compte a été supprimé")).to_be_visible()
    assert not User.objects.filter(pk=user.pk).exists()
