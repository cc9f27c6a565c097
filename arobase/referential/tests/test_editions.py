"""Copying an edition for the next year, mappings between editions, staff corrections."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from arobase.referential.models import EditionStatus, Enjeu, ReferentialEdition, Service, ServiceMapping, Theme
from arobase.referential.selectors import (
    diff_editions,
    edition_tree,
    get_edition,
    service_mapping,
    services_in_tree_order,
)
from arobase.referential.services import (
    ReferentialError,
    add_service,
    copy_edition,
    publish_edition,
    set_mapping,
    update_edition,
    update_enjeu,
    update_service,
    update_theme,
)

pytestmark = pytest.mark.django_db


def service(edition, code):
    return Service.objects.get(edition=edition, code=code)


def test_copy_edition(edition_2019, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        edition = copy_edition(source=edition_2019, year=2020)
    assert edition.status == EditionStatus.DRAFT
    assert edition.copied_from == edition_2019
    assert edition.label == "Référentiel du label 2020"
    assert Theme.objects.filter(edition=edition).count() == 4
    assert Enjeu.objects.filter(edition=edition).count() == 16
    assert Service.objects.filter(edition=edition).count() == 138
    assert Service.objects.filter(edition=edition_2019).count() == 138
    old = service(edition_2019, "T3E4S02")
    new = service(edition, "T3E4S02")
    assert (new.label, new.position, new.enjeu.code, new.enjeu.theme.code) == (
        old.label,
        old.position,
        "T3E4",
        "T3",
    )
    assert new.enjeu.edition_id == new.enjeu.theme.edition_id == edition.pk
    # Identity mapping: each old service continues as the service with the same code.
    mappings = ServiceMapping.objects.filter(from_service__edition=edition_2019)
    assert mappings.count() == 138
    assert all(m.from_service.code == m.to_service.code for m in mappings.select_related("from_service", "to_service"))
    assert diff_editions(edition_2019, edition).is_empty
    assert service_mapping(from_edition=edition_2019, to_edition=edition)[old.pk] == [new.pk]


def test_copy_edition_refuses_existing_or_older_years(edition_2019):
    copy_edition(source=edition_2019, year=2020)
    with pytest.raises(ReferentialError, match="existe déjà"):
        copy_edition(source=edition_2019, year=2020)
    with pytest.raises(ReferentialError, match="postérieure"):
        copy_edition(source=edition_2019, year=2018)
    assert ReferentialEdition.objects.count() == 2


def test_set_mapping_split_merge_and_drop(edition_2019):
    edition = copy_edition(source=edition_2019, year=2020)
    old = service(edition_2019, "T1E1S01")
    extra = add_service(enjeu=Enjeu.objects.get(edition=edition, code="T1E1"), code="T1E1S12", label="Nouveau")
    assert extra.position == 12 and extra.edition == edition

    split = set_mapping(from_service=old, to_services=[service(edition, "T1E1S01"), extra])
    assert {m.to_service.code for m in split} == {"T1E1S01", "T1E1S12"}
    assert sorted(service_mapping(from_edition=edition_2019, to_edition=edition)[old.pk]) == sorted(
        [service(edition, "T1E1S01").pk, extra.pk]
    )

    # Replacing: now only the new service.
    assert [m.to_service for m in set_mapping(from_service=old, to_services=[extra])] == [extra]
    # Merge: another old service also continues as `extra`.
    set_mapping(from_service=service(edition_2019, "T1E1S02"), to_services=[extra])
    assert extra.mappings_backward.count() == 2

    # Drop.
    assert set_mapping(from_service=old, to_services=[], edition=edition) == []
    assert old.pk not in service_mapping(from_edition=edition_2019, to_edition=edition)
    assert ServiceMapping.objects.filter(from_service__edition=edition_2019).count() == 137


def test_set_mapping_checks_editions(edition_2019):
    edition = copy_edition(source=edition_2019, year=2020)
    new = service(edition, "T1E1S01")
    with pytest.raises(ReferentialError):
        set_mapping(from_service=new, to_services=[service(edition_2019, "T1E1S01")])
    with pytest.raises(ReferentialError):
        set_mapping(from_service=service(edition_2019, "T1E1S01"), to_services=[])
    with pytest.raises(ReferentialError):
        set_mapping(from_service=service(edition_2019, "T1E1S01"), to_services=[service(edition_2019, "T1E1S02")])


def test_staff_corrections(edition_2019):
    edition = copy_edition(source=edition_2019, year=2020)
    enjeu = Enjeu.objects.get(edition=edition, code="T2E2")
    update_enjeu(
        enjeu=enjeu, question="  Comment le numérique renforce-t-il la cohésion sociale ?  ", label="Cohésion sociale"
    )
    enjeu.refresh_from_db()
    assert enjeu.question == "Comment le numérique renforce-t-il la cohésion sociale ?"
    target = Enjeu.objects.get(edition=edition, code="T2E3")
    moved = update_service(service=service(edition, "T2E2S08"), label="Services accessibles", enjeu=target)
    assert moved.enjeu == target
    update_theme(theme=Theme.objects.get(edition=edition, code="T2"), label="Vivre ensemble !")
    update_edition(edition=edition, notes="Révisée par le comité d'orientation.")
    publish_edition(edition=edition)

    diff = diff_editions(edition_2019, get_edition(2020))
    assert [c.code for c in diff.renamed] == ["T2E2S08"]
    assert [(m.code, m.old_enjeu, m.new_enjeu) for m in diff.moved] == [("T2E2S08", "T2E2", "T2E3")]
    assert {(c.code, c.field) for c in diff.enjeux_changed} == {("T2E2", "label"), ("T2E2", "question")}
    assert not diff.added and not diff.removed
    assert ReferentialEdition.objects.get(year=2020).status == EditionStatus.PUBLISHED
    # The 2019 edition is untouched.
    assert Enjeu.objects.get(edition=edition_2019, code="T2E2").label == "Renforcement de la cohésion sociale"


def test_corrections_refuse_empty_labels_and_other_editions(edition_2019):
    edition = copy_edition(source=edition_2019, year=2020)
    with pytest.raises(ReferentialError):
        update_enjeu(enjeu=Enjeu.objects.get(edition=edition, code="T1E1"), question="  ")
    with pytest.raises(ReferentialError):
        update_service(service=service(edition, "T1E1S01"), enjeu=Enjeu.objects.get(edition=edition_2019, code="T1E2"))
    with pytest.raises(ReferentialError):
        update_enjeu(
            enjeu=Enjeu.objects.get(edition=edition, code="T1E1"),
            theme=Theme.objects.get(edition=edition_2019, code="T2"),
        )
    with pytest.raises(ReferentialError, match="déjà utilisé"):
        add_service(enjeu=Enjeu.objects.get(edition=edition, code="T1E2"), code="T1E1S01", label="Doublon")


def test_database_constraints(edition_2019):
    enjeu = Enjeu.objects.get(edition=edition_2019, code="T1E2")
    duplicate = Service(enjeu=enjeu, code="T1E1S01", label="Doublon")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_mapping_to_itself_is_refused(edition_2019):
    same = service(edition_2019, "T1E1S01")
    mapping = ServiceMapping(from_service=same, to_service=same)
    with pytest.raises(ValidationError):
        mapping.full_clean()
    with pytest.raises(IntegrityError):
        mapping.save()


def test_get_edition_prefetches_the_tree(edition_2019, django_assert_num_queries):
    with django_assert_num_queries(4):
        edition = get_edition(2019)
        tree = [
            (theme.code, enjeu.code, [s.code for s in enjeu.services.all()])
            for theme in edition.themes.all()
            for enjeu in theme.enjeux.all()
        ]
    assert len(tree) == 16
    assert sum(len(codes) for _t, _e, codes in tree) == 138
    assert tree[0][:2] == ("T1", "T1E1") and tree[-1][:2] == ("T4", "T4E4")
    assert tree[0][2][:2] == ["T1E1S01", "T1E1S02"]


def test_get_edition_published_only(edition_2019):
    copy_edition(source=edition_2019, year=2020)
    with pytest.raises(ReferentialEdition.DoesNotExist):
        get_edition(2020, published_only=True)
    assert get_edition(2020).year == 2020
    assert get_edition(2019, published_only=True) == edition_2019


def test_services_in_tree_order_follow_the_tree_with_their_enjeu(edition_2019, django_assert_num_queries):
    # A service moved first in its enjeu and an enjeu moved last in its theme change both orders alike.
    Service.objects.filter(edition=edition_2019, code="T1E1S03").update(position=0)
    Enjeu.objects.filter(edition=edition_2019, code="T2E1").update(position=99)
    tree = edition_tree(edition_2019)
    expected = [
        (service.code, service.label, enjeu.code, enjeu.label)
        for theme in tree.themes
        for enjeu in theme.enjeux
        for service in enjeu.services
    ]
    with django_assert_num_queries(1):
        services = services_in_tree_order(edition_id=edition_2019.pk)
    assert [(s.code, s.label, s.enjeu_code, s.enjeu_label) for s in services] == expected
    assert len(expected) == 138 and expected[0][0] == "T1E1S03"
