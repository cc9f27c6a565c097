"""generate_demo's label part: past published years consistent with the rules, the current campaign deliberated
but secret, the demo juror, determinism and a clean reset (its palmarès pages: www/label)."""

import pytest

from arobase.accounts.models import User
from arobase.demo.services import DEMO_LOGIN_EMAILS, DEMO_PASSWORDS, delete_demo_data, generate_demo
from arobase.demo.tests.factories import ACTIONS, TODAY
from arobase.label import rules, selectors
from arobase.label.jury import selectors as jury_selectors
from arobase.label.models import DECISION_HISTORY, PROPOSAL_HISTORY, Campaign, JurorProposal, JuryDecision, Result

pytestmark = pytest.mark.django_db
CURRENT = TODAY.year + 1


def _label_snapshot():
    return (
        sorted(Result.objects.values_list("territory__code", "year", "arobases", "alert", "mentions")),
        sorted(JuryDecision.objects.values_list("candidacy__territory__code", "arobases", "alert")),
        sorted(JurorProposal.objects.values_list("candidacy__territory__code", "juror__email", "arobases")),
    )


def test_demo_label_is_consistent_and_secret(demo_territories, edition_2019):
    report = generate_demo(actions=ACTIONS, seed=7, today=TODAY)
    assert set(Campaign.objects.values_list("year", flat=True)) == {CURRENT - 3, CURRENT - 2, CURRENT - 1, CURRENT}
    assert Result.objects.exists() and not Result.objects.filter(year=CURRENT).exists()
    for code in set(Result.objects.values_list("territory__code", flat=True)):
        history = [
            rules.PastResult(year=r.year, arobases=r.arobases, alert=r.alert)
            for r in Result.objects.filter(territory__code=code)
        ]
        assert rules.validate_history(history) == []
    current = Campaign.objects.get(year=CURRENT)
    assert current.published_at is None and current.deliberated_at is None
    assert JuryDecision.objects.filter(candidacy__campaign=current).exists()
    for decision in JuryDecision.objects.select_related("candidacy__campaign", "candidacy__territory"):
        assert decision.arobases in jury_selectors.allowed_range_for(decision.candidacy)
    assert not selectors.published_results().filter(year=CURRENT).exists()
    juror = User.objects.get(email=DEMO_LOGIN_EMAILS["juror"])
    assert juror.is_juror and juror.requires_two_factor and juror.check_password(DEMO_PASSWORDS["juror"])
    assert any(login.role == "juror" for login in report.logins)


def test_demo_label_is_deterministic_and_reset_cleanly(demo_territories, edition_2019):
    generate_demo(actions=ACTIONS, seed=11, today=TODAY)
    first = _label_snapshot()
    generate_demo(actions=ACTIONS, seed=11, today=TODAY, reset=True)
    assert _label_snapshot() == first
    delete_demo_data()
    assert not Campaign.objects.exists() and not Result.objects.exists()
    # The history of the demo jury (proposals, decisions and their mentions) goes with it.
    assert JuryDecision.history.exists() is False and JurorProposal.history.exists() is False
    for history, model in ((DECISION_HISTORY, JuryDecision), (PROPOSAL_HISTORY, JurorProposal)):
        assert not history.m2m_models[model._meta.get_field("mentions")].objects.exists()
