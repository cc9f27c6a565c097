"""Staff follow a baromètre computation in the admin, in Chromium: the progress block polls (htmx, under the real
CSP) until the draft is ready, and the page passes axe-core."""

import pytest
from playwright.sync_api import expect

from arobase.accounts.tests.factories import StaffFactory, activate_totp
from arobase.barometre import services as editions
from arobase.barometre.models import Computation, ComputationStatus
from arobase.barometre.tests.factories import YEAR, national_dataset
from arobase.www.tests.browser import assert_no_violation, log_in


@pytest.fixture
def staff_with_secret(services):
    national_dataset(services)
    staff = StaffFactory(is_superuser=True)
    return staff, activate_totp(staff)


def queued(staff) -> Computation:
    # As `request_computation` leaves it when no worker has taken it yet (here the tests' backend would run it at
    # once, outside any transaction).
    return Computation.objects.create(year=YEAR, requested_by=staff)


def test_the_progress_is_followed_until_the_draft_is_ready(watched_page, staff_with_secret):
    staff, secret = staff_with_secret
    computation = queued(staff)
    log_in(watched_page, staff.email, totp_secret=secret)
    watched_page.goto("/gestion/barometre/edition/")
    progress = watched_page.get_by_role("progressbar", name=f"Avancement du calcul {YEAR}")
    expect(progress).to_have_attribute("value", "0")
    expect(watched_page.get_by_role("status")).to_contain_text(f"Calcul {YEAR} : 0 %.")

    editions.run_computation(computation_id=computation.pk)  # the worker, meanwhile

    expect(watched_page.get_by_role("link", name="Relire le brouillon")).to_be_visible(timeout=8_000)
    expect(progress).to_have_count(0)
    assert Computation.objects.get().status == ComputationStatus.DONE
    watched_page.get_by_role("link", name="Relire le brouillon").click()
    expect(watched_page.get_by_text('"collectivites": 16').first).to_be_visible()
    assert_no_violation(watched_page)


def test_the_admin_list_with_a_computation_is_accessible(page, assert_accessible, staff_with_secret):
    staff, secret = staff_with_secret
    queued(staff)
    log_in(page, staff.email, totp_secret=secret)
    page.goto("/gestion/barometre/edition/")
    expect(page.get_by_role("heading", name="Calculs du baromètre")).to_be_visible()
    assert_accessible(page)


def test_staff_ask_for_a_year_through_the_add_form(page, staff_with_secret):
    staff, secret = staff_with_secret
    log_in(page, staff.email, totp_secret=secret)
    page.goto("/gestion/barometre/edition/")
    page.locator(".object-tools a.addlink").click()
    year = page.get_by_label("Année du label")

    # Bad input: an empty field is the form's error; a year the referential does not cover is refused with why.
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("Ce champ est obligatoire.")).to_be_visible()
    year.fill("1990")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("1990 : Aucune édition du référentiel ne permet de calculer")).to_be_visible()
    assert not Computation.objects.exists()

    page.locator(".object-tools a.addlink").click()
    page.get_by_label("Année du label").fill(str(YEAR))
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    # The tests' task backend runs it as soon as the request commits: the list already shows the outcome.
    expect(page.get_by_text(f"{YEAR} : calcul lancé en arrière-plan")).to_be_visible()
    expect(page.get_by_role("link", name="Relire le brouillon")).to_be_visible()
    assert Computation.objects.get().status == ComputationStatus.DONE
