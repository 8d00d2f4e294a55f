"""What every article reader shares about units: stable ids, the roles a line's text gives
(attribution, credit, caption), whether a text is a unit at all, the source-language check."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from translate.errors import SourceLanguageError
from translate.lang import SOURCE_LANGUAGE
from translate.lang.cldr import language_name
from translate.text.langid import identify_article_language

#: The dashes that open an attribution line under an embedded tweet or quote ("— Barak Ravid
#: (@BarakRavid) Oct. 1"), a double hyphen standing for one.
DASHES = ("—", "–", "―", "--")
#: In a plain-text line (where a hyphen opens a list item): one of DASHES.
ATTRIBUTION_DASH = re.compile(r"[ \t]*(?:" + "|".join(DASHES) + r")[ \t]*(?=\S)")
#: In a plain-text line, a hyphen opens an attribution only before a handle "(@name)".
HYPHEN_ATTRIBUTION = re.compile(r"[ \t]*-[ \t]*(?=[^\n]*\(@\w+\))")
MAX_ATTRIBUTION = 200
CREDIT = re.compile(
    r"(?:.*\bcontributed(?: reporting)? to this (?:report|story|article)\.?"
    r"|(?:additional |editing and )?(?:reporting|writing|editing|research|compiled|reported|"
    r"written|produced|translated) by\b.*"
    r"|\(?(?:photo|photos|image|images|picture|video|graphic|illustration|file photo)"
    r"(?: credit)?s?\s*[:/].*"
    r"|(?:©|copyright\b).*"
    r"|(?:the )?(?:associated press|ap|reuters|afp|agencies|jta|times of israel staff|toi staff)"
    r"\.?)",
    re.IGNORECASE,
)
CAPTION = re.compile(
    r"(?:(?:caption|photo caption|pictured|illustrative|file|above|top|left|right)\s*:\s*\S.*"
    r"|.+\S\s*\((?:[^()]*\b(?:photo|photos|image|images|handout|pool)\b[^()]*"
    r"|[^()]*\bvia (?:AP|Reuters|AFP|Getty Images)|photo:[^()]*)\))",
    re.IGNORECASE,
)
UNIT_ID_HEX = 10
#: Lines longer than this are prose: no credit, caption or attribution pattern is tried.
MAX_SPECIAL_LINE = 1000


def unit_id(text: str, occurrence: int = 1) -> str:
    """A stable id from the unit's text; the n-th repeat of a text in one article gets "-n"."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=UNIT_ID_HEX // 2).hexdigest()
    return f"u{digest}" if occurrence == 1 else f"u{digest}-{occurrence}"


def special_role(text: str) -> str | None:
    """ "attribution", "credit" or "caption" for a stripped line that is one, else None."""
    if len(text) > MAX_SPECIAL_LINE:
        return None
    if (ATTRIBUTION_DASH.match(text) or HYPHEN_ATTRIBUTION.match(text)) and len(
        text
    ) <= MAX_ATTRIBUTION:
        return "attribution"
    if len(text) <= MAX_ATTRIBUTION and CREDIT.fullmatch(text):
        return "credit"
    if CAPTION.fullmatch(text):
        return "caption"
    return None


def has_word(text: str) -> bool:
    """Whether ``text`` has a letter or digit (a line of "* * *" is no unit)."""
    return any(char.isalnum() for char in text)


def source_language(body: str, source: Path) -> str:
    """ "en", or SourceLanguageError naming the language the article ``source`` is in."""
    lang = identify_article_language(body)
    if lang != SOURCE_LANGUAGE:
        raise SourceLanguageError(
            f"{source}: article is in {language_name(lang)} (detected), not English; "
            f"pass --source-lang {lang} to translate it anyway"
        )
    return lang


def opens_with_dash(text: str) -> bool:
    """Whether ``text`` opens with an attribution's dash, a hyphen included: in markup (a quote
    paragraph, a translated attribution) a hyphen cannot be a list bullet."""
    return text.startswith((*DASHES, "-"))
