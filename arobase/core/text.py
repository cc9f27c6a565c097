"""Text normalisation shared by every search over names."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae", "ß": "ss"})


def normalize(text: str) -> str:
    """Lower-case, strip accents, turn hyphens, apostrophes and punctuation into single spaces.

    >>> normalize("Villeneuve-d'Ascq")
    'villeneuve d ascq'
    >>> normalize("  SAINT-ÉTIENNE ")
    'saint etienne'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES).lower())
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_ALNUM.sub(" ", ascii_only).strip()


# Bidirectional embedding, override and isolate controls: invisible, they reorder the text around them (a
# "Trojan Source" trick to make a title or an address read differently from what is stored).
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def strip_bidi_controls(text: str) -> str:
    """`text` without the bidirectional control characters U+202A–U+202E and U+2066–U+2069.

    >>> strip_bidi_controls("abc\u202edef\u2069")
    'abcdef'
    """
    return text.translate(_BIDI_CONTROLS)
