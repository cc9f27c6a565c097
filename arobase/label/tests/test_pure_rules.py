from datetime import UTC, datetime, timedelta

from arobase.label import calendar
from arobase.label.candidacies import questionnaire
from arobase.label.candidacies import rules as candidacy_rules

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


def _state(**overrides):
    values = {
        "now": NOW,
        "opens_at": NOW - timedelta(days=10),
        "candidacy_deadline": NOW + timedelta(days=10),
        "ceremony_at": NOW + timedelta(days=60),
        "deliberated": False,
        "published_by_staff": False,
    }
    values.update(overrides)
    return calendar.campaign_state(**values)


def test_campaign_states():
    assert _state() == "open"
    assert _state(opens_at=NOW + timedelta(days=1)) == "preparation"
    assert _state(candidacy_deadline=NOW) == "closed"
    assert _state(deliberated=True) == "deliberated"
    assert _state(deliberated=True, published_by_staff=True) == "deliberated"  # ceremony still to come
    assert _state(published_by_staff=True, ceremony_at=NOW) == "published"


def test_fourteen_items():
    assert len(questionnaire.ITEMS) == 14
    assert len(set(questionnaire.ITEM_CODES)) == 14


def test_coherence_warnings():
    known = frozenset({"T3E3S08", "T1E3S01", "T1E3S02"})
    answers = questionnaire.clean_answers({"public_private": True, "citizen_services": True, "sdtan": True})
    warnings = questionnaire.coherence_warnings(answers, lit_codes=frozenset({"T1E3S02"}), known_codes=known)
    # citizen_services is supported by the T1E3 enjeu; sdtan's codes are not in the edition: no warning
    assert [warning.item for warning in warnings] == ["public_private"]


def _blockers(**overrides):
    values = {
        "year": 2026,
        "can_be_candidate": True,
        "membership_status": "confirmed",
        "campaign_state": "open",
        "opens_at": NOW,
        "deadline": NOW,
        "eligible_actions": 3,
        "is_referent": True,
    }
    values.update(overrides)
    return [(b.code, b.who) for b in candidacy_rules.candidacy_blockers(**values)]


def test_blockers_say_who_can_fix():
    assert _blockers() == []
    assert _blockers(can_be_candidate=False) == [("not_candidate_kind", "nobody")]
    assert _blockers(membership_status=None) == [("no_membership", "referent")]
    assert _blockers(membership_status="requested") == [("membership_pending", "staff")]
    assert _blockers(campaign_state="closed", eligible_actions=0) == [
        ("deadline_passed", "nobody"),
        ("no_eligible_action", "contributors"),
    ]
