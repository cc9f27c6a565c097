"""The jury: composition, conflicts of interest, proposals, deliberation and decisions, for every role."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arobase.accounts.tests.factories import AffiliationFactory, JurorFactory, activate_totp
from arobase.label.campaigns import services as campaign_services
from arobase.label.errors import LabelError, LabelNotAllowed
from arobase.label.jury import selectors as jury_selectors
from arobase.label.jury import services as jury_services
from arobase.label.models import (
    ConflictOfInterest,
    DeliberationAttendance,
    JurorProposal,
    JuryDecision,
    JuryMember,
)
from arobase.label.tests.factories import (
    YEAR,
    add_mentions,
    add_result,
    eligible_action,
    make_campaign,
    seat,
    validated_candidacy,
)
from arobase.territories.tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db

LIST = f"/label/jury/{YEAR}/"
DOSSIER = f"/label/jury/{YEAR}/dossier/commune/80021/"
DELIBERATION = f"/label/jury/{YEAR}/deliberation/"
DECISION = f"/label/jury/{YEAR}/deliberation/commune/80021/"
ATTENDANCE = f"/label/jury/{YEAR}/deliberation/presences/"


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
def candidacy_b(closed, label_commune_b):
    eligible_action(label_commune_b)
    return validated_candidacy(closed, label_commune_b)


@pytest.fixture
def seated(closed, juror):
    seat(closed, juror)
    return juror


@pytest.fixture
def other_juror(db):
    user = JurorFactory()
    activate_totp(user)
    return user


@pytest.fixture
def conflicted(closed, candidacy_a):
    user = JurorFactory()
    activate_totp(user)
    seat(closed, user)
    ConflictOfInterest.objects.create(juror=user, territory=candidacy_a.territory, reason="Ancien élu")
    return user


def _state():
    return (
        JurorProposal.objects.count(),
        JuryDecision.objects.count(),
        DeliberationAttendance.objects.count(),
        ConflictOfInterest.objects.count(),
    )


# --- Pages for every role ---------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login_everywhere(client, candidacy_a, seated):
    before = _state()
    for url in (LIST, DOSSIER, DELIBERATION, f"/label/jury/{YEAR}/composition/", f"/label/jury/{YEAR}/conflits/"):
        response = client.get(url)
        assert response.status_code == 302 and "/compte/login/" in response.url
    assert client.post(DOSSIER, {"arobases": 2}).status_code == 302
    assert client.post(DECISION, {f"c{candidacy_a.pk}-arobases": 2}).status_code == 302
    assert _state() == before


@pytest.mark.parametrize("role", ["contributor", "referent", "outside_juror", "plain"])
def test_outsiders_get_403_and_nothing_changes(
    client, candidacy_a, seated, label_contributor_a, label_referent_a, other_juror, plain_user, role
):
    user = {
        "contributor": label_contributor_a,
        "referent": label_referent_a,
        "outside_juror": other_juror,
        "plain": plain_user,
    }[role]
    client.force_login(user)
    before = _state()
    for url in (LIST, DOSSIER, DELIBERATION, f"/label/jury/{YEAR}/composition/"):
        assert client.get(url).status_code == 403, url
    assert client.post(DOSSIER, {"arobases": 2}).status_code == 403
    assert client.post(DECISION, {f"c{candidacy_a.pk}-arobases": 2}).status_code == 403
    assert client.post(ATTENDANCE, {"present": [seated.pk]}).status_code == 403
    assert _state() == before


def test_conflicted_juror_gets_404_and_list_excludes_the_dossier(client, candidacy_a, candidacy_b, conflicted):
    client.force_login(conflicted)
    before = _state()
    listing = client.get(LIST)
    assert listing.status_code == 200
    content = listing.content.decode()
    assert "Abbeville" in content and "Amiens" not in content
    assert client.get(DOSSIER).status_code == 404
    assert client.post(DOSSIER, {"arobases": 2}).status_code == 404
    assert _state() == before
    with pytest.raises(LabelNotAllowed):
        jury_services.save_proposal(actor=conflicted, candidacy=candidacy_a, arobases=2)
    assert _state() == before


def test_juror_sees_dossier_with_score_range_and_history(client, candidacy_a, seated, label_commune_a):
    add_result(label_commune_a, YEAR - 2, 4)
    client.force_login(seated)
    content = client.get(DOSSIER).content.decode()
    assert "Plage autorisée par le règlement : de 4 à 5 @" in content
    assert "au moins 4 @ : 4 @ en" in content
    assert f"Label {YEAR - 2} : 4 @" in content
    assert "Score proposé" in content and "Enjeux couverts" in content
    assert "Ramené de" in content  # a one-action dossier scores 1 @, brought up to the floor of 4 @
    assert "Mosaïque (version validée)" in content


def test_juror_records_and_edits_a_proposal(client, candidacy_a, seated):
    client.force_login(seated)
    response = client.post(DOSSIER, {"arobases": 3, "mentions": ["sante"], "alert": "on", "comment": "Solide"})
    assert response.status_code == 302
    proposal = JurorProposal.objects.get()
    assert (proposal.arobases, proposal.alert, proposal.comment) == (3, True, "Solide")
    assert [m.code for m in proposal.mentions.all()] == ["sante"]
    client.post(DOSSIER, {"arobases": 2})
    proposal.refresh_from_db()
    assert JurorProposal.objects.count() == 1 and proposal.arobases == 2 and not proposal.alert


def test_proposal_outside_range_is_refused_with_reasons(client, candidacy_a, seated):
    client.force_login(seated)
    response = client.post(DOSSIER, {"arobases": 5})
    assert response.status_code == 400
    assert "au plus 4 @ : première participation" in response.content.decode()
    assert not JurorProposal.objects.exists()


def test_proposal_refused_with_unknown_mention_or_after_deliberation(candidacy_a, seated, closed):
    with pytest.raises(LabelError):
        jury_services.save_proposal(actor=seated, candidacy=candidacy_a, arobases=2, mention_codes=["inconnue"])
    closed.deliberated_at = closed.candidacy_deadline
    closed.save()
    candidacy_a.campaign.refresh_from_db()
    with pytest.raises(LabelError):
        jury_services.save_proposal(actor=seated, candidacy=candidacy_a, arobases=2)
    assert not JurorProposal.objects.exists()


def test_proposal_refused_before_deadline(edition_2019, label_commune_a, juror):
    label_campaign = make_campaign(edition_2019, state="open")
    eligible_action(label_commune_a)
    candidacy = validated_candidacy(label_campaign, label_commune_a)
    seat(label_campaign, juror)
    with pytest.raises(LabelError):
        jury_services.save_proposal(actor=juror, candidacy=candidacy, arobases=2)


def test_declaring_a_conflict_withdraws_the_proposal(client, candidacy_a, candidacy_b, seated):
    jury_services.save_proposal(actor=seated, candidacy=candidacy_a, arobases=2)
    client.force_login(seated)
    response = client.post(
        f"/label/jury/{YEAR}/conflits/", {"target": f"t{candidacy_a.territory_id}", "reason": "Habite la commune"}
    )
    assert response.status_code == 302
    assert not JurorProposal.objects.exists()
    assert client.get(DOSSIER).status_code == 404


def test_outside_juror_cannot_declare_conflict(client, candidacy_a, other_juror, closed):
    with pytest.raises(LabelNotAllowed):
        jury_services.declare_conflict(actor=other_juror, campaign=closed, reason="x", candidacy=candidacy_a)
    client.force_login(other_juror)
    assert client.get(f"/label/jury/{YEAR}/conflits/").status_code == 403


# --- Composition ---------------------------------------------------------------------------------------------


def test_staff_compose_the_jury(client, closed, staff, juror):
    client.force_login(staff)
    assert client.post(f"/label/jury/{YEAR}/composition/", {"email": juror.email}).status_code == 302
    assert JuryMember.objects.filter(campaign=closed, user=juror).exists()
    member = JuryMember.objects.get()
    client.post(f"/label/jury/{YEAR}/composition/", {"remove": member.pk})
    assert not JuryMember.objects.exists()


def test_jury_refuses_non_jurors_and_affiliated_people(closed, staff, plain_user, juror, label_commune_a):
    with pytest.raises(LabelError):
        jury_services.add_juror(actor=staff, campaign=closed, user=plain_user)
    AffiliationFactory(user=juror, territory=label_commune_a)
    with pytest.raises(LabelError):
        jury_services.add_juror(actor=staff, campaign=closed, user=juror)
    with pytest.raises(LabelNotAllowed):
        jury_services.add_juror(actor=juror, campaign=closed, user=juror)
    assert not JuryMember.objects.exists()


# --- Deliberation ----------------------------------------------------------------------------------------------


def test_deliberation_counts_present_jurors_and_flags_disagreement(
    client, closed, candidacy_a, candidacy_b, seated, other_juror, staff
):
    third = JurorFactory(last_name="Zed")
    seat(closed, other_juror, third)
    jury_services.save_proposal(actor=seated, candidacy=candidacy_a, arobases=1)
    jury_services.save_proposal(actor=other_juror, candidacy=candidacy_a, arobases=4)
    jury_services.save_proposal(actor=third, candidacy=candidacy_a, arobases=1)
    client.force_login(staff)
    # Before attendance is recorded, the page says so instead of calling everyone absent.
    content = client.get(DELIBERATION).content.decode()
    assert 'id="attendance-missing"' in content and "3 propositions, comptées une fois les présences" in content
    assert "présence non enregistrée" in content and "absent, non compté" not in content
    jury_services.record_attendance(actor=staff, campaign=closed, present_user_ids=[seated.pk, other_juror.pk])
    rows = {row.candidacy.pk: row for row in jury_selectors.deliberation_rows(closed)}
    row = rows[candidacy_a.pk]
    assert [p.arobases for p in row.counted] == sorted([1, 4]) or sorted(p.arobases for p in row.counted) == [1, 4]
    assert row.disagreement.flagged and row.disagreement.spread == 3
    assert not rows[candidacy_b.pk].disagreement.flagged
    content = client.get(DELIBERATION).content.decode()
    assert "Désaccord entre les jurés" in content and "absent, non compté" in content
    assert 'id="attendance-missing"' not in content


def test_attendance_refuses_people_outside_the_jury(closed, staff, seated, other_juror):
    with pytest.raises(LabelError):
        jury_services.record_attendance(actor=staff, campaign=closed, present_user_ids=[other_juror.pk])
    assert not DeliberationAttendance.objects.exists()
    with pytest.raises(LabelNotAllowed):
        jury_services.record_attendance(actor=seated, campaign=closed, present_user_ids=[seated.pk])


def test_staff_record_decision_and_outside_range_is_refused(client, closed, candidacy_a, staff, label_commune_a):
    add_result(label_commune_a, YEAR - 1, 3)
    client.force_login(staff)
    prefix = f"c{candidacy_a.pk}"
    response = client.post(DECISION, {f"{prefix}-arobases": 2}, follow=True)
    assert "hors de la plage autorisée" in response.content.decode()
    assert "au moins 3 @ : 3 @ en" in response.content.decode()
    assert not JuryDecision.objects.exists()
    client.post(DECISION, {f"{prefix}-arobases": 4, f"{prefix}-mentions": ["sante"], f"{prefix}-alert": "on"})
    decision = JuryDecision.objects.get()
    assert decision.arobases == 4 and decision.alert and [m.code for m in decision.mentions.all()] == ["sante"]


def test_juror_cannot_record_decision(closed, candidacy_a, seated):
    with pytest.raises(LabelNotAllowed):
        jury_services.record_decision(actor=seated, candidacy=candidacy_a, arobases=2)
    assert not JuryDecision.objects.exists()


def test_close_deliberation_needs_every_decision(client, closed, candidacy_a, staff):
    with pytest.raises(LabelError):
        jury_services.close_deliberation(actor=staff, campaign=closed)
    jury_services.record_decision(actor=staff, candidacy=candidacy_a, arobases=2)
    jury_services.close_deliberation(actor=staff, campaign=closed)
    closed.refresh_from_db()
    assert closed.state == "deliberated"


# --- Secrecy -------------------------------------------------------------------------------------------------


def test_proposals_and_decisions_never_show_to_the_collectivite(
    client, closed, candidacy_a, seated, staff, label_referent_a
):
    jury_services.save_proposal(actor=seated, candidacy=candidacy_a, arobases=3, comment="Commentaire secret")
    jury_services.record_decision(actor=staff, candidacy=candidacy_a, arobases=3)
    client.force_login(label_referent_a)
    for url in (
        "/compte/tableau-de-bord/",
        f"/label/candidature/{YEAR}/commune/80021/",
        f"/label/palmares/{YEAR}/",
        "/territoires/commune/80021/",
    ):
        response = client.get(url)
        content = response.content.decode()
        assert "Commentaire secret" not in content
        assert "3 @" not in content, url


def test_early_publication_sends_nothing_and_shows_nothing_before_the_ceremony(
    client, closed, candidacy_a, staff, label_referent_a
):
    from django.core import mail
    from django.test import Client

    jury_services.record_decision(actor=staff, candidacy=candidacy_a, arobases=3)
    jury_services.close_deliberation(actor=staff, campaign=closed)
    campaign_services.publish_campaign(actor=staff, campaign=closed)
    closed.refresh_from_db()
    assert closed.published_at is not None and closed.state == "deliberated"  # the ceremony is still to come
    assert mail.outbox == []  # no email announces a result
    client.force_login(label_referent_a)
    for who in (client, Client()):
        for url in (
            "/compte/tableau-de-bord/",
            "/territoires/commune/80021/",
            "/label/palmares/",
            "/api/v1/territories/80021",
            f"/api/v1/palmares/{YEAR}",
        ):
            response = who.get(url)
            content = response.content.decode()
            assert "3 @" not in content and '"arobases": 3' not in content and '"arobases":3' not in content, url
    assert Client().get(f"/label/palmares/{YEAR}/").status_code == 404
    assert Client().get("/api/v1/map/points", {"arobases": 3}).json()["count"] == 0
    assert "0 collectivités" in Client().get("/atlaas/collectivites/", {"arobases": 3}).content.decode()


# --- Query counts ---------------------------------------------------------------------------------------------


def test_list_and_deliberation_query_counts_do_not_grow(client, closed, seated, staff, label_somme):
    def add(n):
        for i in range(n):
            commune = CommuneFactory(
                departement=label_somme, region=label_somme.region, population=1000 + i, label_category="ville"
            )
            eligible_action(commune)
            candidacy = validated_candidacy(closed, commune)
            jury_services.save_proposal(actor=seated, candidacy=candidacy, arobases=2, mention_codes=["sante"])

    def count(user, url):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(2)
    small_list, small_deliberation = count(seated, LIST), count(staff, DELIBERATION)
    add(6)
    assert count(seated, LIST) <= small_list
    assert count(staff, DELIBERATION) <= small_deliberation
    assert small_list <= 25 and small_deliberation <= 40
