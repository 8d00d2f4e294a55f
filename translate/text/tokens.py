"""Tokens a translation carries over exactly as written: URLs, e-mail addresses, @handles,
#hashtags, and placeholders (printf, str.format, glossary markers, model special tokens).

Each ``find_*`` function returns the tokens of one kind as they are written in a text;
:func:`strip_tokens` blanks them out so that what is left is the prose around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"«»“”]+", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{1,30}\b")
HASHTAG = re.compile(r"(?<![\w&#])#[^\W\d_][\w]*")
#: Trailing punctuation is the sentence's, not the URL's: Latin, Armenian (full stop ։, comma
#: ՝, the marks ՜ ՞ ․), the ellipsis and the Hebrew sof pasuq ׃.
URL_TRAILING = ".,;:!?)]}'’։՝՜՞․…׃"


def find_urls(text: str) -> list[str]:
    """The URLs of ``text``, without the sentence punctuation that may follow them."""
    found = []
    for match in URL.finditer(text):
        url = match.group().rstrip(URL_TRAILING)
        if url.count("(") > url.count(")") and match.group()[len(url) :].startswith(")"):
            url += ")"
        found.append(url)
    return found


def find_emails(text: str) -> list[str]:
    """The e-mail addresses of ``text``."""
    return EMAIL.findall(text)


def find_handles(text: str) -> list[str]:
    """The @handles of ``text`` (not the ``@`` of e-mail addresses or URLs)."""
    return HANDLE.findall(strip_tokens(text, (URL, EMAIL)))


def find_hashtags(text: str) -> list[str]:
    """The #hashtags of ``text`` (not URL fragments)."""
    return HASHTAG.findall(strip_tokens(text, (URL,)))


def strip_tokens(text: str, patterns: Iterable[re.Pattern[str]] | None = None) -> str:
    """``text`` with URLs, e-mail addresses, handles and hashtags replaced by spaces."""
    for pattern in patterns if patterns is not None else (URL, EMAIL, HANDLE, HASHTAG):
        text = pattern.sub(" ", text)
    return text


def missing_items(source_items: list[str], target_items: list[str]) -> list[str]:
    """The items of the source missing from the target (as often as they are missing), sorted."""
    remaining = list(target_items)
    missing = []
    for item in source_items:
        if item in remaining:
            remaining.remove(item)
        else:
            missing.append(item)
    return sorted(missing)


#: Leftover protection markers and format placeholders, none of which belongs in a translation.
PLACEHOLDER = re.compile(
    r"⟦[^⟧]*⟧|[⟦⟧]"  # protection markers (glossary)
    r"|%(?:\(\w+\))?(?:[sd]|\.\d+f)(?!\w)"  # printf
    r"|\{\d*\}|\{[A-Za-z_]\w*\}"  # str.format
    r"|__[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*__"  # __TERM0__
    r"|<(?:unk|UNK|s|/s|pad)>"  # model special tokens
)
