"""Which language a client writes in, guessed from their first message (issue 22): the
desk answers a contact in it until someone sets it otherwise. Spanish or English, from
the words people use most in each; None when the text says too little to tell."""

from __future__ import annotations

import re

_SPANISH = frozenset(
    [
        "de",
        "la",
        "que",
        "el",
        "en",
        "los",
        "las",
        "por",
        "para",
        "con",
        "una",
        "un",
        "del",
        "al",
        "es",
        "no",
        "se",
        "su",
        "sus",
        "mi",
        "mis",
        "le",
        "lo",
        "hola",
        "buenos",
        "buenas",
        "buen",
        "dia",
        "tardes",
        "gracias",
        "favor",
        "saludos",
        "estimado",
        "estimados",
        "estimada",
        "tengo",
        "tenemos",
        "funciona",
        "problema",
        "ayuda",
        "necesito",
        "quisiera",
        "podrian",
        "puede",
        "equipo",
        "computadora",
        "impresora",
        "correo",
        "cuando",
        "desde",
        "hasta",
        "pero",
        "como",
        "esta",
        "este",
        "esto",
        "muy",
    ]
)
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "is",
        "are",
        "to",
        "of",
        "in",
        "for",
        "with",
        "on",
        "at",
        "it",
        "my",
        "our",
        "we",
        "you",
        "your",
        "this",
        "that",
        "not",
        "can",
        "hello",
        "hi",
        "dear",
        "thanks",
        "thank",
        "please",
        "regards",
        "best",
        "problem",
        "help",
        "need",
        "could",
        "would",
        "computer",
        "printer",
        "email",
        "when",
        "from",
        "until",
        "but",
        "how",
        "very",
        "have",
        "has",
        "does",
        "doesn't",
    ]
)
_SPANISH_LETTERS = re.compile(r"[ñ¿¡áéíóú]", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
MOST_WORDS = 400
"""Words read at most: the first lines say it, a long forwarded history need not."""


def guess_language(text: str) -> str | None:
    """ "es", "en", or None when neither has more of its common words."""
    spanish = english = 0
    for count, found in enumerate(_WORD.finditer(text or "")):
        if count >= MOST_WORDS:
            break
        word = found.group().casefold()
        spanish += word in _SPANISH
        english += word in _ENGLISH
    spanish += min(3, len(_SPANISH_LETTERS.findall((text or "")[:4000])))
    if spanish > english:
        return "es"
    if english > spanish:
        return "en"
    return None
