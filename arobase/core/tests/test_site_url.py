"""Absolute links use the address the site is served on: `make run PORT=…` sets SITE_URL to it, and emails and
the open-data files (also when regenerated in the background) use SITE_URL or the request."""

import csv
import re

from django.core import mail

from arobase.accounts.tests.factories import DEFAULT_PASSWORD
from arobase.actions.tests.factories import ActionFactory
from arobase.atlaas import opendata

SERVED_AT = "http://127.0.0.1:8123"


def test_signup_confirmation_email_links_to_the_served_address(client, settings, db):
    settings.SITE_URL = SERVED_AT
    client.post(
        "/compte/signup/",
        {"first_name": "Camille", "last_name": "Durand", "email": "camille.durand@example.org",
         "password1": DEFAULT_PASSWORD, "password2": DEFAULT_PASSWORD},
        HTTP_HOST="127.0.0.1:8123",
    )  # fmt: skip
    links = re.findall(r"https?://\S+", mail.outbox[0].body)
    assert any("/compte/confirm-email/" in link for link in links)
    assert all(link.startswith(SERVED_AT + "/") or link == SERVED_AT for link in links), links


def test_open_data_written_after_a_publication_links_to_site_url(
    settings, amiens, services, django_capture_on_commit_callbacks
):
    settings.SITE_URL = SERVED_AT + "/"
    with django_capture_on_commit_callbacks(execute=True):
        action = ActionFactory(owner=amiens, published=True)
    row = next(csv.DictReader((opendata.output_dir() / opendata.CSV_NAME).open(encoding="utf-8")))
    assert row["url"] == f"{SERVED_AT}/actions/{action.pk}/"
    geojson = (opendata.output_dir() / opendata.GEOJSON_NAME).read_text(encoding="utf-8")
    assert f'"url": "{SERVED_AT}/actions/{action.pk}/"' in geojson
