import pytest
from django.urls import reverse

from arobase.actions.tests.factories import ActionFactory, login

REASON = "Photos sans autorisation.\nRetirez-les puis republiez.\n<script>alert(1)</script>"


@pytest.mark.parametrize("page", ["detail", "edit", "mine"])
def test_the_staff_reason_keeps_its_lines_and_stays_plain_text(
    client, amiens_contributor, staff, amiens, edition_2019, page
):
    action = ActionFactory(owner=amiens, published=True)
    login(client, staff)
    client.post(reverse("actions:unpublish", args=[action.pk]), {"reason": REASON})
    login(client, amiens_contributor)
    url = {
        "detail": action.get_absolute_url(),
        "edit": reverse("actions:edit", args=[action.pk]),
        "mine": reverse("actions:mine"),
    }[page]
    html = client.get(url).content.decode()
    assert "Photos sans autorisation.<br>Retirez-les puis republiez.<br>&lt;script&gt;" in html
    assert "<script>alert(1)" not in html
