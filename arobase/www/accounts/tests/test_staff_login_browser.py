"""In Chromium: a staff member opens the admin, signs in on the site's login with password then TOTP code."""

import re

import pytest
from playwright.sync_api import expect

from arobase.accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory, activate_totp, current_totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_url_leads_to_the_site_login_then_the_code_then_the_staff_page(page, assert_accessible):
    staff = StaffFactory(email="equipe@villes-internet.net", is_superuser=True)
    secret = activate_totp(staff)

    page.goto("/gestion/accounts/user/")
    page.wait_for_url(re.compile(r"/compte/login/\?next=/gestion/accounts/user/$"))
    assert_accessible(page)
    page.get_by_label("Courriel").fill(staff.email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("main form button").last.click()

    page.wait_for_url(re.compile(r"/compte/2fa/authenticate/$"))
    assert_accessible(page)
    wrong = "000000" if current_totp_code(secret) != "000000" else "111111"
    page.locator("input[name=code]").fill(wrong)
    page.locator("main form button").first.click()
    expect(page.get_by_text("Code incorrect.").first).to_be_visible()

    page.locator("input[name=code]").fill(current_totp_code(secret))
    page.locator("main form button").first.click()
    page.wait_for_url(re.compile(r"/gestion/accounts/user/$"))
    expect(page.get_by_text("equipe@villes-internet.net").first).to_be_visible()

    page.goto("/compte/equipe/")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    assert_accessible(page)
