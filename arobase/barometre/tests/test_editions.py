"""Computing, freezing and re-computing editions; the figures checked against the actions themselves; results kept
secret until the ceremony; the command and the permission checks."""

import pytest
from django.core.management import CommandError, call_command

from arobase.accounts.tests.factories import StaffFactory, UserFactory
from arobase.actions.tests.factories import ActionFactory
from arobase.barometre import errors, selectors
from arobase.barometre import services as editions
from arobase.barometre.models import Edition, EditionStatus
from arobase.barometre.tests.factories import YEAR, add_result, expected_by_service, make_campaign, national_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(services):
    return national_dataset(services)


def test_figures_match_a_computation_from_the_actions(dataset):
    figures = selectors.compute_figures(YEAR)
    expected = expected_by_service()
    assert figures["collectivites"] == 16 and figures["actions"] == 31
    for row in figures["services"]:
        collectivites, actions = expected.get(row["code"], (0, 0))
        if collectivites >= 5:
            assert (row["collectivites"], row["actions"]) == (collectivites, actions)
        else:
            assert row["collectivites"] is None and row["actions"] is None
    regions = {row["code"]: row for row in figures["regions"]}
    assert regions["32"]["collectivites"] == 9 and regions["32"]["actions"] == 18
    assert regions["53"]["collectivites"] == 7 and regions["53"]["actions"] == 13
    departements = {row["code"]: row for row in figures["departements"]}
    # Oise has 2 collectivités: hidden, and Somme with it, or Oise = Hauts-de-France − Somme.
    assert departements["60"]["collectivites"] is None
    assert departements["80"]["collectivites"] is None
    assert departements["29"]["collectivites"] == 7
    strata = {(row["kind"], row["population_min"]): row for row in figures["strata"]}
    assert strata[("commune", 500)]["collectivites"] == 6 + 0  # the Finistère towns of 800 inhabitants
    assert strata[("epci", 30_000)]["collectivites"] is None  # one EPCI alone


def test_results_before_the_ceremony_never_enter_an_edition(dataset):
    secret = make_campaign(YEAR, public=False)
    for town in dataset["towns"]:
        add_result(town, YEAR, 3, campaign=secret)
    figures = selectors.compute_figures(YEAR)
    assert figures["labelled"]["collectivites"] is None
    assert all(level["collectivites"] in (0, None) for level in figures["labelled"]["levels"])
    assert all(row["labelled"] in (0, None) for row in figures["departements"])
    assert all(row["labelled"] is None for row in figures["evolution"])


def test_public_results_enter_by_departement(dataset):
    campaign = make_campaign(YEAR, public=True)
    for town in dataset["finistere_towns"]:
        add_result(town, YEAR, 4, campaign=campaign)
    figures = selectors.compute_figures(YEAR)
    assert figures["labelled"]["collectivites"] == 6
    departements = {row["code"]: row for row in figures["departements"]}
    assert departements["29"]["labelled"] == 6 and departements["29"]["arobases_mean"] == 4
    assert figures["evolution"][-1] == {"year": YEAR, "collectivites": 16, "actions": 31, "labelled": 6}


def test_a_frozen_edition_never_moves(dataset):
    staff = StaffFactory()
    draft = services_compute(staff)
    assert draft.status == EditionStatus.DRAFT and selectors.public_edition(YEAR) is None
    frozen = editions.freeze_edition(year=YEAR, actor=staff)
    assert selectors.public_edition(YEAR) == frozen and frozen.frozen_by == staff
    figures = dict(frozen.figures)

    ActionFactory(owner=dataset["towns"][0], published=True)
    with pytest.raises(errors.AlreadyFrozen):
        services_compute(staff)
    assert Edition.objects.count() == 1
    frozen.refresh_from_db()
    assert frozen.figures == figures

    new = editions.compute_edition(year=YEAR, actor=staff, new_edition=True)
    assert new.pk != frozen.pk and new.figures["actions"] == 32
    assert selectors.public_edition(YEAR) == frozen  # until the new one is frozen
    editions.freeze_edition(year=YEAR, actor=staff)
    assert selectors.public_edition(YEAR) == new and selectors.public_years() == [YEAR]


def services_compute(actor):
    return editions.compute_edition(year=YEAR, actor=actor)


def test_only_staff_compute_or_freeze(dataset):
    user = UserFactory()
    with pytest.raises(errors.NotAllowed):
        editions.compute_edition(year=YEAR, actor=user)
    editions.compute_edition(year=YEAR, actor=StaffFactory())
    with pytest.raises(errors.NotAllowed):
        editions.freeze_edition(year=YEAR, actor=user)
    assert not Edition.objects.filter(status=EditionStatus.FROZEN).exists()


def test_unknown_year_and_missing_draft(db):
    with pytest.raises(errors.UnknownYear):
        editions.compute_edition(year=1990, actor=None)
    with pytest.raises(errors.NoDraft):
        editions.freeze_edition(year=YEAR, actor=None)


def test_command(dataset, capsys):
    call_command("compute_barometre", str(YEAR), "--freeze")
    assert "figé et publié" in capsys.readouterr().out
    with pytest.raises(CommandError, match="figé"):
        call_command("compute_barometre", str(YEAR))
    call_command("compute_barometre", str(YEAR), "--new-edition")
    assert Edition.objects.filter(year=YEAR).count() == 2


def test_query_count_does_not_grow_with_actions(dataset, django_assert_max_num_queries):
    with django_assert_max_num_queries(12 + 3 * len(selectors.computable_years())):
        selectors.compute_figures(YEAR)
