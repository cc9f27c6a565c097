"""Where a candidacy stands, in one French phrase: the pure rule and the référent's dashboard."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from arobase.label import calendar
from arobase.label.candidacies import services as candidacy_services
from arobase.label.candidacies.wording import candidacy_phrase
from arobase.label.tests.factories import make_campaign

DATES = {
    "opens_on": date(2026, 2, 1),
    "deadline": datetime(2026, 12, 1, 23, 59),
    "ceremony": datetime(2027, 1, 1, 18, 0),
}


@pytest.mark.parametrize(
    ("state", "status", "transmitted", "expected"),
    [
        (calendar.PREPARATION, None, False, "les candidatures ouvriront le 1er février 2026"),
        (
            calendar.OPEN,
            None,
            False,
            "pas encore de candidature : les candidatures sont ouvertes jusqu'au 1er décembre 2026 à 23 h 59",
        ),
        (calendar.OPEN, "draft", False, "candidature en préparation, à valider avant le 1er décembre 2026 à 23 h 59"),
        (
            calendar.OPEN,
            "draft",
            True,
            "candidature modifiée depuis sa dernière validation : validez-la de nouveau avant le 1er décembre 2026 "
            "à 23 h 59 pour transmettre ces changements au jury",
        ),
        (
            calendar.OPEN,
            "validated",
            True,
            "candidature validée et transmise au jury ; vous pouvez la modifier jusqu'au 1er décembre 2026 à 23 h 59",
        ),
        (calendar.CLOSED, None, False, "pas de candidature : les candidatures sont closes et le jury est au travail"),
        (calendar.CLOSED, "draft", False, "candidature jamais validée : elle n'a pas été transmise au jury"),
        (calendar.CLOSED, "draft", True, "candidature transmise au jury, qui l'examine"),
        (calendar.CLOSED, "validated", True, "candidature transmise au jury, qui l'examine"),
        (
            calendar.DELIBERATED,
            "validated",
            True,
            "le jury a délibéré : résultat dévoilé à la cérémonie du 1er janvier 2027",
        ),
        (
            calendar.DELIBERATED,
            None,
            False,
            "pas de candidature ; le palmarès sera dévoilé à la cérémonie du 1er janvier 2027",
        ),
        (calendar.PUBLISHED, "validated", True, "le palmarès est publié : votre résultat y figure"),
    ],
)
def test_each_state_reads_as_one_phrase(state, status, transmitted, expected):
    phrase = candidacy_phrase(campaign_state=state, candidacy_status=status, transmitted=transmitted, **DATES)
    assert phrase == expected
    assert "(" not in phrase and " 1 " not in phrase


@pytest.mark.parametrize("state", calendar.STATES)
@pytest.mark.parametrize("status", [None, "draft", "validated"])
@pytest.mark.parametrize("transmitted", [False, True])
def test_every_combination_has_a_phrase(state, status, transmitted):
    phrase = candidacy_phrase(campaign_state=state, candidacy_status=status, transmitted=transmitted, **DATES)
    assert phrase and "ouverte (" not in phrase and "validée (" not in phrase


def test_dashboard_says_where_each_candidacy_stands(client, edition_2019, label_member_a, label_referent_a):
    deadline = timezone.make_aware(datetime(timezone.now().year + 1, 12, 1, 23, 59))
    label_campaign = make_campaign(edition_2019, candidacy_deadline=deadline)
    client.force_login(label_referent_a, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "pas encore de candidature : les candidatures sont ouvertes jusqu&#x27;au 1er décembre" in html
    assert "non ouverte" not in html and "(ouverte)" not in html

    candidacy = candidacy_services.open_candidacy(
        actor=label_referent_a, campaign=label_campaign, territory=label_member_a
    )
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "candidature en préparation, à valider avant le 1er décembre" in html

    candidacy_services.validate_candidacy(actor=label_referent_a, candidacy=candidacy, version=candidacy.version)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "candidature validée et transmise au jury ; vous pouvez la modifier jusqu&#x27;au 1er décembre" in html
    page = client.get(
        reverse("label:candidacy", args=[label_campaign.year, label_member_a.kind, label_member_a.code])
    ).content.decode()
    assert "Candidature validée et transmise au jury" in page and "Dossier</dt><dd>validée" not in page

    # After the deadline, without a new validation, the dashboard says the jury has it.
    label_campaign.candidacy_deadline = timezone.now() - timedelta(days=1)
    label_campaign.opens_on = timezone.localdate() - timedelta(days=60)
    label_campaign.save()
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "candidature transmise au jury, qui l&#x27;examine" in html and "jury au travail)" not in html
