"""The evaluation form: participants after validation, one answer per person and campaign, staff aggregate."""

import pytest

from arobase.label.errors import LabelError, LabelNotAllowed
from arobase.label.evaluation import rules as evaluation_rules
from arobase.label.evaluation import services as evaluation_services
from arobase.label.models import EvaluationResponse
from arobase.label.tests.factories import YEAR, eligible_action, validated_candidacy

URL = f"/label/evaluation/{YEAR}/"
SUMMARY = f"/label/evaluation/{YEAR}/resultats/"
ALL_FOUR = dict.fromkeys(evaluation_rules.QUESTION_KEYS, 4)


def _post(ratings, suggestions=""):
    return {f"q_{key}": value for key, value in ratings.items()} | {"suggestions": suggestions}


def test_aggregate_is_pure():
    summaries = evaluation_rules.aggregate([ALL_FOUR, dict.fromkeys(evaluation_rules.QUESTION_KEYS, 2), {}])
    assert all(s.count == 2 and s.average == 3.0 for s in summaries)
    assert summaries[0].distribution == ((1, 0), (2, 1), (3, 0), (4, 1), (5, 0))


@pytest.mark.parametrize(
    "ratings", [{}, ALL_FOUR | {"clarity": 6}, ALL_FOUR | {"clarity": True}, ALL_FOUR | {"extra": 3}]
)
def test_clean_ratings_refuses_bad_input(ratings):
    with pytest.raises(ValueError):
        evaluation_rules.clean_ratings(ratings)


@pytest.fixture
def validated(label_campaign, label_commune_a):
    eligible_action(label_commune_a)
    return validated_candidacy(label_campaign, label_commune_a)


@pytest.mark.django_db
def test_member_answers_once_and_edits(client, validated, label_contributor_a):
    client.force_login(label_contributor_a)
    assert client.get(URL).status_code == 200
    assert client.post(URL, _post(ALL_FOUR, "Plus d'exemples")).status_code == 302
    assert client.post(URL, _post(ALL_FOUR | {"ease": 1})).status_code == 302
    response = EvaluationResponse.objects.get()
    assert response.ratings["ease"] == 1 and response.territory == validated.territory


@pytest.mark.django_db
def test_not_before_validation_nor_for_outsiders(
    client, label_campaign, label_commune_a, label_referent_a, label_referent_b, juror
):
    client.force_login(label_referent_a)
    assert client.get(URL).status_code == 403  # no validated candidacy yet
    with pytest.raises(LabelNotAllowed):
        evaluation_services.submit_evaluation(actor=label_referent_a, campaign=label_campaign, ratings=ALL_FOUR)
    assert not EvaluationResponse.objects.exists()


@pytest.mark.django_db
def test_outsiders_refused(client, validated, label_referent_b, juror):
    for user in (label_referent_b, juror):
        client.force_login(user)
        assert client.post(URL, _post(ALL_FOUR)).status_code == 403
    assert not EvaluationResponse.objects.exists()


@pytest.mark.django_db
def test_incomplete_answer_refused(validated, label_referent_a):
    with pytest.raises(LabelError):
        evaluation_services.submit_evaluation(
            actor=label_referent_a, campaign=validated.campaign, ratings={"clarity": 3}
        )


@pytest.mark.django_db
def test_staff_see_the_aggregate(client, validated, label_referent_a, label_contributor_a, staff):
    evaluation_services.submit_evaluation(
        actor=label_referent_a, campaign=validated.campaign, ratings=ALL_FOUR, suggestions="Un guide pas à pas"
    )
    evaluation_services.submit_evaluation(
        actor=label_contributor_a, campaign=validated.campaign, ratings=dict.fromkeys(evaluation_rules.QUESTION_KEYS, 5)
    )
    client.force_login(label_referent_a)
    assert client.get(SUMMARY).status_code == 403
    client.force_login(staff)
    content = client.get(SUMMARY).content.decode()
    assert "2 réponses" in content and "4,5" in content and "Un guide pas à pas" in content
