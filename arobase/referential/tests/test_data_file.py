"""The 2019 data file is a faithful, complete transcription of the printed questionnaire."""

import re

from arobase.referential.services import validate_referential_data


def enjeux(data):
    return [enjeu for theme in data["themes"] for enjeu in theme["enjeux"]]


def services(data):
    return [service for enjeu in enjeux(data) for service in enjeu["services"]]


def test_counts(data_2019):
    assert data_2019["year"] == 2019
    assert len(data_2019["themes"]) == 4
    assert [len(theme["enjeux"]) for theme in data_2019["themes"]] == [4, 4, 4, 4]
    assert len(enjeux(data_2019)) == 16
    assert len(services(data_2019)) == 138


def test_metadata(data_2019):
    assert data_2019["source"].strip()
    assert data_2019["notes"].strip()
    assert validate_referential_data(data_2019) == []


def test_codes_are_unique_and_follow_the_tree(data_2019):
    codes = [t["code"] for t in data_2019["themes"]] + [e["code"] for e in enjeux(data_2019)]
    codes += [s["code"] for s in services(data_2019)]
    assert len(codes) == len(set(codes)) == 4 + 16 + 138
    assert [t["code"] for t in data_2019["themes"]] == ["T1", "T2", "T3", "T4"]
    for theme in data_2019["themes"]:
        for e, enjeu in enumerate(theme["enjeux"], start=1):
            assert enjeu["code"] == f"{theme['code']}E{e}"
            for s, service in enumerate(enjeu["services"], start=1):
                assert service["code"] == f"{enjeu['code']}S{s:02d}"
                assert re.fullmatch(r"T\dE\dS\d\d", service["code"])


def test_labels_and_questions_are_clean(data_2019):
    nodes = data_2019["themes"] + enjeux(data_2019) + services(data_2019)
    for node in nodes:
        assert node["label"].strip() == node["label"] and node["label"]
        assert "  " not in node["label"]
        assert not node["label"].startswith("- ")
    for enjeu in enjeux(data_2019):
        assert enjeu["question"].strip() == enjeu["question"] and enjeu["question"]
        assert enjeu["label"] != enjeu["label"].upper(), "headings are written in sentence case"


def test_themes_and_enjeux_of_the_document(data_2019):
    assert [t["label"] for t in data_2019["themes"]] == [
        "Démocratie et services publics",
        "Vivre ensemble",
        "Partage des connaissances",
        "Création de richesses",
    ]
    by_code = {e["code"]: e for e in enjeux(data_2019)}
    assert by_code["T1E1"]["services"][0]["label"].startswith("Des actions de sensibilisation aux questions")
    assert by_code["T4E4"]["services"][-1]["label"] == (
        "Un soutien aux échanges et projets économiques internationaux via le numérique"
    )


def test_known_defects_of_the_source_are_handled(data_2019):
    by_code = {e["code"]: e for e in enjeux(data_2019)}
    labels = [e["label"] for e in enjeux(data_2019)]
    # The culture enjeu is under its own name, not a second "Accès à internet et médiation numérique".
    assert labels.count("Accès à internet et médiation numérique") == 1
    assert "culture" in by_code["T3E4"]["label"].lower()
    assert "patrimoine" in by_code["T3E4"]["question"]
    # The cohésion sociale question repeats the démocratie locale one: kept, and flagged for staff.
    assert by_code["T2E2"]["label"] == "Renforcement de la cohésion sociale"
    assert by_code["T2E2"]["question"] == by_code["T1E4"]["question"]
    flagged = {(item["code"], item["field"]) for item in data_2019["to_review"]}
    assert ("T2E2", "question") in flagged
    assert ("T3E4", "label") in flagged


def test_validation_reports_every_problem(data_2019):
    data_2019["themes"][0]["enjeux"][0]["question"] = " "
    data_2019["themes"][0]["enjeux"][1]["services"][0]["code"] = "T1E1S01"
    data_2019["themes"][1]["label"] = ""
    errors = validate_referential_data(data_2019)
    assert len(errors) == 3
    assert any("question" in error for error in errors)
    assert any("T1E1S01" in error for error in errors)


def test_validation_of_the_outer_shape():
    assert validate_referential_data([]) == ["le fichier doit contenir un objet JSON"]
    assert len(validate_referential_data({"year": "2019", "themes": []})) == 2
    assert validate_referential_data({"year": 2019, "themes": [{"code": "T1", "label": "x", "enjeux": []}]})
