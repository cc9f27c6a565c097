"""The history of the jury's proposals and decisions: kept in full, shown to staff only."""

import pytest

from arobase.label.jury import services as jury_services
from arobase.label.jury.selectors import jury_history
from arobase.label.models import JurorProposal, JuryDecision
from arobase.label.tests.factories import YEAR, add_mentions, eligible_action, make_campaign, seat, validated_candidacy

pytestmark = pytest.mark.django_db

DELIBERATION = f"/label/jury/{YEAR}/deliberation/"
DECISION = f"/label/jury/{YEAR}/deliberation/commune/80021/"
PROPOSAL = f"/label/jury/{YEAR}/dossier/commune/80021/"


@pytest.fixture
def closed(edition_2019):
    label_campaign = make_campaign(edition_2019, state="closed")
    add_mentions(label_campaign)
    return label_campaign


@pytest.fixture
def candidacy_a(closed, label_commune_a):
    eligible_action(label_commune_a)
    return validated_candidacy(closed, label_commune_a)


@pytest.fixture
def seated(closed, juror):
    seat(closed, juror)
    return juror


def test_a_changed_decision_keeps_who_when_and_what_before(client, closed, candidacy_a, staff):
    client.force_login(staff)
    prefix = f"c{candidacy_a.pk}"
    client.post(DECISION, {f"{prefix}-arobases": 2})
    client.post(DECISION, {f"{prefix}-arobases": 3, f"{prefix}-mentions": ["sante"], f"{prefix}-alert": "on"})

    decision = JuryDecision.objects.get()
    records = list(decision.history.order_by("history_date", "history_id"))
    assert [(r.history_type, r.arobases, r.alert, r.history_user) for r in records] == [
        ("+", 2, False, staff),
        ("~", 3, True, staff),
    ]
    assert [row.mention.code for row in records[1].mentions.all()] == ["sante"]
    assert not records[0].mentions.exists()

    content = client.get(DELIBERATION).content.decode()
    assert "Historique : 2 modifications" in content
    row = '<th scope="row">Décision du jury</th><td>2 @</td><td>3 @ ; mentions : Santé ; alerte</td>'
    assert f"<td>{staff}</td>{row}" in content


def test_proposal_changes_and_withdrawal_stay_in_the_history(client, closed, candidacy_a, seated, staff):
    client.force_login(seated)
    client.post(PROPOSAL, {"arobases": 2, "comment": "Premier avis"})
    client.post(PROPOSAL, {"arobases": 3, "comment": "Avis révisé"})
    jury_services.declare_conflict(actor=seated, campaign=closed, candidacy=candidacy_a, reason="Ancien élu")
    assert not JurorProposal.objects.exists()

    history = JurorProposal.history.order_by("history_date", "history_id")
    assert [(r.history_type, r.arobases, r.comment) for r in history] == [
        ("+", 2, "Premier avis"),
        ("~", 3, "Avis révisé"),
        ("-", 3, "Avis révisé"),
    ]
    client.force_login(staff)
    content = client.get(DELIBERATION).content.decode()
    assert "Premier avis" in content and "Retirée : conflit d&#x27;intérêts déclaré" in content


def test_history_is_as_secret_as_the_decisions(client, closed, candidacy_a, seated, staff, label_referent_a):
    jury_services.save_proposal(actor=seated, candidacy=candidacy_a, arobases=2, comment="Avis secret d'origine")
    jury_services.save_proposal(actor=seated, candidacy=candidacy_a, arobases=3, comment="Avis final")
    jury_services.record_decision(actor=staff, candidacy=candidacy_a, arobases=2)
    jury_services.record_decision(actor=staff, candidacy=candidacy_a, arobases=3)

    client.force_login(seated)
    assert client.get(DELIBERATION).status_code == 403
    assert "Avis secret d" not in client.get(PROPOSAL).content.decode()
    client.force_login(label_referent_a)
    assert client.get(DELIBERATION).status_code == 403
    for url in (
        "/compte/tableau-de-bord/",
        f"/label/candidature/{YEAR}/commune/80021/",
        f"/label/palmares/{YEAR}/",
        "/territoires/commune/80021/",
        "/api/v1/territories/80021",
    ):
        content = client.get(url).content.decode()
        assert "Avis secret" not in content and "Historique" not in content, url


def test_existing_proposals_and_decisions_get_a_baseline_record(closed, candidacy_a, seated, staff, settings):
    import importlib

    from django.apps import apps

    baseline = importlib.import_module("arobase.label.migrations.0004_jury_history_baseline")
    settings.SIMPLE_HISTORY_ENABLED = False  # rows written before the history existed
    sante = closed.mentions.get(code="sante")
    decision = JuryDecision.objects.create(candidacy=candidacy_a, arobases=2, recorded_by=staff)
    decision.mentions.add(sante)
    JurorProposal.objects.create(candidacy=candidacy_a, juror=seated, arobases=3, comment="Avis d'avant")
    settings.SIMPLE_HISTORY_ENABLED = True

    baseline.record_baseline(apps, None)
    baseline.record_baseline(apps, None)  # a second run adds nothing

    record = decision.history.get()
    assert (record.history_type, record.arobases, record.history_user) == ("+", 2, staff)
    assert [row.mention for row in record.mentions.all()] == [sante]
    assert JurorProposal.history.get().comment == "Avis d'avant"
    jury_services.record_decision(actor=staff, candidacy=candidacy_a, arobases=3)
    entry = jury_history(closed)[candidacy_a.pk][0]
    assert (entry.before, entry.after) == ("2 @ ; mentions : Santé", "3 @")
