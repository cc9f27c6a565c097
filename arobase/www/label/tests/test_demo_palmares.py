"""The demo's palmarès pages: last year's is public, the current campaign's (deliberated but secret) is not."""

import pytest

from arobase.demo.services import generate_demo
from arobase.demo.tests.factories import ACTIONS, TODAY

pytestmark = pytest.mark.django_db
CURRENT = TODAY.year + 1


def test_the_demo_palmares_pages_keep_the_current_campaign_secret(demo_territories, edition_2019, client):
    generate_demo(actions=ACTIONS, seed=7, today=TODAY)
    assert client.get(f"/label/palmares/{CURRENT}/").status_code == 404
    assert client.get(f"/label/palmares/{CURRENT - 1}/").status_code == 200
