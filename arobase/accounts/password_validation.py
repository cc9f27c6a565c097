"""Password rules of the CNIL recommendation (délibération n° 2022-100), and guessable passwords refused.

Accepted: at least 12 characters mixing upper case, lower case, digits and special characters; or at least
14 characters mixing upper case, lower case and digits; or a passphrase of at least 7 words. Repeated
failures are throttled and locked out by django-axes (see settings), as the recommendation requires.
Whatever their length, common passwords, repeated words and the person's own names are refused
(`GuessablePasswordValidator`, pure checks in `password_rules`).
"""

import functools
import re
from pathlib import Path

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from arobase.accounts.password_rules import (
    built_from_personal_data,
    is_common,
    normalize,
    personal_tokens,
    repeats_one_word,
)

FRENCH_COMMON_PASSWORDS = Path(__file__).resolve().parent / "data" / "common_passwords_fr.txt"

_WORD_SEPARATORS = re.compile(r"[\s\-_.,;:/]+")


def character_classes(password: str) -> set[str]:
    classes = set()
    for char in password:
        if char.islower():
            classes.add("lower")
        elif char.isupper():
            classes.add("upper")
        elif char.isdigit():
            classes.add("digit")
        else:
            classes.add("special")
    return classes


def is_passphrase(password: str) -> bool:
    words = [word for word in _WORD_SEPARATORS.split(password) if len(word) >= 2]
    return len(words) >= 7


def meets_cnil_rules(password: str) -> bool:
    classes = character_classes(password)
    if len(password) >= 12 and {"lower", "upper", "digit", "special"} <= classes:
        return True
    if len(password) >= 14 and {"lower", "upper", "digit"} <= classes:
        return True
    return is_passphrase(password)


class CnilPasswordValidator:
    def validate(self, password: str, user=None) -> None:
        if not meets_cnil_rules(password):
            raise ValidationError(self.get_help_text(), code="password_too_weak")

    def get_help_text(self) -> str:
        return _(
            "Votre mot de passe doit comporter au moins 12 caractères mêlant majuscules, minuscules, chiffres "
            "et caractères spéciaux, ou au moins 14 caractères mêlant majuscules, minuscules et chiffres, "
            "ou être une phrase de passe d'au moins 7 mots."
        )


@functools.cache
def common_words() -> frozenset[str]:
    """Django's list of 20,000 common passwords and our list of common French ones, normalised."""
    words = {normalize(password) for password in CommonPasswordValidator().passwords}
    french = FRENCH_COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    words.update(normalize(line.strip()) for line in french if line.strip() and not line.startswith("#"))
    words.discard("")
    return frozenset(words)


class GuessablePasswordValidator:
    def validate(self, password: str, user=None) -> None:
        errors = []
        if is_common(password, common_words()):
            errors.append(
                ValidationError(
                    _(
                        "Ce mot de passe est trop courant : chiffres et symboles autour d'un mot connu ne suffisent "
                        "pas à le protéger."
                    ),
                    code="password_too_common",
                )
            )
        if repeats_one_word(password):
            errors.append(
                ValidationError(
                    _("Votre mot de passe répète le même mot : choisissez des mots différents."),
                    code="password_repeated_word",
                )
            )
        if user is not None and built_from_personal_data(
            password,
            personal_tokens(
                first_name=getattr(user, "first_name", "") or "",
                last_name=getattr(user, "last_name", "") or "",
                email=getattr(user, "email", "") or "",
            ),
        ):
            errors.append(
                ValidationError(
                    _(
                        "Votre mot de passe ne doit pas être construit à partir de votre nom ou de votre adresse "
                        "électronique."
                    ),
                    code="password_personal_data",
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_help_text(self) -> str:
        return _(
            "Évitez les mots de passe courants, la répétition d'un même mot, votre nom et votre adresse électronique."
        )
