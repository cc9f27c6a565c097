import string

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from arobase.accounts.models import User
from arobase.accounts.password_validation import (
    CnilPasswordValidator,
    character_classes,
    is_passphrase,
    meets_cnil_rules,
)
from arobase.accounts.tests.factories import CNIL_RULE_MESSAGE

validator = CnilPasswordValidator()

LOWER = st.sampled_from(string.ascii_lowercase + "éèàçùœ")
UPPER = st.sampled_from(string.ascii_uppercase + "ÉÈÀÇ")
DIGIT = st.sampled_from(string.digits)
SPECIAL = st.sampled_from("!@#$%^&*()-_=+[]{};:'\",.<>/?€£ ")
ANY_CHAR = st.one_of(LOWER, UPPER, DIGIT, SPECIAL)


def _rejected(password: str) -> bool:
    try:
        validator.validate(password)
    except ValidationError as error:
        assert error.code == "password_too_weak"
        return True
    return False


@st.composite
def mixed_password(draw, classes, min_size):
    """A shuffled password containing at least one character of each given class and no other class."""
    pools = {"lower": LOWER, "upper": UPPER, "digit": DIGIT, "special": SPECIAL}
    chars = [draw(pools[name]) for name in classes]
    filler = st.one_of(*(pools[name] for name in classes))
    chars += draw(st.lists(filler, min_size=max(0, min_size - len(chars)), max_size=30))
    return "".join(draw(st.permutations(chars)))


# --- examples ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "Abcdefgh1!xy",  # 12 characters, four classes
        "Éléphant-2026",  # accents count as letters
        "Abcdefghijk12X",  # 14 characters, upper + lower + digit
        "le chat de la voisine dort au soleil",  # 8-word passphrase
        "un-deux-trois-quatre-cinq-six-sept",  # 7 words separated by hyphens
        "un.deux,trois;quatre:cinq/six_sept",  # any usual separator
    ],
)
def test_accepts_passwords_following_one_of_the_cnil_rules(password):
    assert meets_cnil_rules(password)
    validator.validate(password)


@pytest.mark.parametrize(
    "password",
    [
        "",
        "Abcdefg1!xy",  # 11 characters, four classes
        "abcdefgh1!xy",  # 12 characters, no upper case
        "ABCDEFGH1!XY",  # no lower case
        "Abcdefghij!x",  # no digit
        "Abcdefghij1x",  # 12 characters, three classes only
        "Abcdefghijk1X",  # 13 characters, three classes: too short for the second rule
        "abcdefghijklmnop1234",  # 20 characters without upper case and no special
        "le chat de la voisine dort",  # 6 words only
        "le chat a b c d e f g",  # one-letter words do not count
        "motdepassemotdepasse",
    ],
)
def test_rejects_passwords_following_no_cnil_rule(password):
    assert not meets_cnil_rules(password)
    assert _rejected(password)


def test_character_classes():
    assert character_classes("aB3!") == {"lower", "upper", "digit", "special"}
    assert character_classes("é") == {"lower"}
    assert character_classes("") == set()


def test_passphrase_counts_words_of_two_letters_or_more():
    assert is_passphrase("un de trois quatre cinq six sept")
    assert not is_passphrase("a b c d e f g h i j")


def test_error_message_is_french_and_is_the_help_text():
    with pytest.raises(ValidationError) as error:
        validator.validate("court")
    assert CNIL_RULE_MESSAGE in error.value.messages[0]
    assert CNIL_RULE_MESSAGE in validator.get_help_text()


@pytest.mark.django_db
def test_validator_is_active_in_settings():
    with pytest.raises(ValidationError) as error:
        validate_password("Abcdefghij1x", user=User(email="x@example.org"))
    assert any(CNIL_RULE_MESSAGE in message for message in error.value.messages)


# --- properties ----------------------------------------------------------------------------------------------


@given(st.text(max_size=11))
def test_anything_shorter_than_12_characters_is_rejected(password):
    # A 7-word passphrase needs at least 20 characters, so nothing this short can pass.
    assert _rejected(password)


@given(mixed_password(["lower", "upper", "digit", "special"], min_size=12))
def test_twelve_characters_of_the_four_classes_are_accepted(password):
    assert not _rejected(password)


@given(mixed_password(["lower", "upper", "digit"], min_size=14))
def test_fourteen_characters_of_upper_lower_and_digits_are_accepted(password):
    assert not _rejected(password)


@given(
    st.sampled_from(
        [
            ["lower", "upper", "digit"],
            ["lower", "upper", "special"],
            ["lower", "digit", "special"],
            ["upper", "digit", "special"],
        ]
    ).flatmap(lambda classes: mixed_password(classes, min_size=12)),
)
def test_three_classes_need_fourteen_characters_and_all_of_upper_lower_digit(password):
    classes = character_classes(password)
    long_enough = len(password) >= 14 and {"lower", "upper", "digit"} <= classes
    assert _rejected(password) == (not long_enough and not is_passphrase(password))


@given(st.text(alphabet=ANY_CHAR, min_size=12, max_size=19))
def test_below_twenty_characters_only_the_two_complexity_rules_count(password):
    classes = character_classes(password)
    expected_ok = ({"lower", "upper", "digit", "special"} <= classes) or (
        len(password) >= 14 and {"lower", "upper", "digit"} <= classes
    )
    assert _rejected(password) == (not expected_ok)


WORD = st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=8)


@given(st.lists(WORD, min_size=7, max_size=12), st.sampled_from([" ", "-", "_", ".", " - "]))
def test_seven_words_or_more_make_a_passphrase(words, separator):
    assert not _rejected(separator.join(words))


@given(st.lists(WORD, min_size=1, max_size=6), st.sampled_from([" ", "-", "_"]))
def test_fewer_than_seven_lowercase_words_are_rejected(words, separator):
    assert _rejected(separator.join(words))
