"""Where a candidacy stands, in one French phrase, on the référent's dashboard and the candidacy page."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from arobase.label.candidacies import services as candidacy_services
from arobase.label.tests.factories import make_campaign


@pytest.mark.django_db
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
