"""What walking a whole campaign through the pages found (see test_campaign_e2e_browser.py), pinned without a
browser: the campaign form keeps its dates, the candidacy page says when the dossier changed since it was
transmitted to the jury, and the palmarès cannot be published while decisions are missing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arobase.label.campaigns import services as campaign_services
from arobase.label.candidacies import services as candidacy_services
from arobase.label.errors import LabelError
from arobase.label.jury import services as jury_services
from arobase.label.models import Campaign, Candidacy, Result
from arobase.label.tests.factories import YEAR, eligible_action, make_campaign

pytestmark = pytest.mark.django_db

URL = f"/label/candidature/{YEAR}/commune/80021/"
CHANGED = "Le dossier a changé depuis la version n°1 transmise au jury"


def test_the_campaign_form_shows_its_dates_and_saves_them_unchanged(client, staff, edition_2019):
    label_campaign = make_campaign(edition_2019)
    client.force_login(staff)
    page = client.get(f"/label/campagnes/{YEAR}/modifier/").content.decode()
    # Date inputs only take ISO dates: a French "02/11/2026" would show (and post back) an empty field.
    assert f'value="{label_campaign.opens_on.isoformat()}"' in page
    assert f'value="{label_campaign.jury_meeting_on.isoformat()}"' in page
    form = client.get(f"/label/campagnes/{YEAR}/modifier/").context["form"]
    data = {
        name: form[name].value()
        for name in ("opens_on", "candidacy_deadline", "jury_meeting_on", "ceremony_at", "edition", "mentions")
    }
    data = {name: value.isoformat() if hasattr(value, "isoformat") else value for name, value in data.items()}
    assert client.post(f"/label/campagnes/{YEAR}/modifier/", data).status_code == 302


def test_the_candidacy_page_says_when_the_dossier_changed_since_its_validation(
    client, label_referent_a, label_member_a, edition_2019
):
    label_campaign = make_campaign(edition_2019)
    client.force_login(label_referent_a)
    client.post(URL, {"intent": "open"})
    candidacy = Candidacy.objects.get()
    client.post(URL, {"intent": "validate", "version": candidacy.version})
    page = client.get(URL).content.decode()
    assert CHANGED not in page
    assert 'href="/actions/"' in page  # where the dossier is completed: the collectivité's actions

    eligible_action(label_member_a)  # a new action published after the validation
    assert CHANGED in client.get(URL).content.decode()

    candidacy.refresh_from_db()
    client.post(URL, {"intent": "validate", "version": candidacy.version})
    assert CHANGED.replace("n°1", "n°2") not in client.get(URL).content.decode()

    Campaign.objects.filter(pk=label_campaign.pk).update(candidacy_deadline=timezone.now() - timedelta(hours=1))
    eligible_action(label_member_a)
    assert "Le dossier a changé" not in client.get(URL).content.decode()  # nothing the référent can do now


def test_the_palmares_is_not_published_while_decisions_are_missing(
    staff, label_referent_a, label_member_a, edition_2019
):
    label_campaign = make_campaign(edition_2019)
    candidacy = candidacy_services.open_candidacy(
        actor=label_referent_a, campaign=label_campaign, territory=label_member_a
    )
    candidacy_services.validate_candidacy(actor=label_referent_a, candidacy=candidacy, version=candidacy.version)
    Campaign.objects.filter(pk=label_campaign.pk).update(candidacy_deadline=timezone.now() - timedelta(hours=1))
    label_campaign.refresh_from_db()

    with pytest.raises(LabelError, match="Il manque la décision du jury pour 1 dossier"):
        campaign_services.publish_campaign(actor=staff, campaign=label_campaign)
    label_campaign.refresh_from_db()
    assert label_campaign.published_at is None and label_campaign.deliberated_at is None

    jury_services.record_decision(actor=staff, candidacy=candidacy, arobases=2)
    assert campaign_services.publish_campaign(actor=staff, campaign=label_campaign) == 1
    assert Result.objects.get().arobases == 2
