"""Password rules of the CNIL recommendation (délibération n° 2022-100).

Accepted: at least 12 characters mixing upper case, lower case, digits and special characters; or at least
14 characters mixing upper case, lower case and digits; or a passphrase of at least 7 words. Repeated
failures are throttled and locked out by django-axes (see settings), as the recommendation requires.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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
