"""Where a candidacy stands, in one French phrase (the pure rule; its pages are tested in www/label)."""

from datetime import date, datetime

import pytest

from arobase.label import calendar
from arobase.label.candidacies.wording import candidacy_phrase

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
