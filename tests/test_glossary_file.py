"""Reading glossary.yaml: the file's digest, and one-line errors that name file and line."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from translate.errors import GlossaryError
from translate.glossary.file import read_glossary

GLOSSARY = Path(__file__).resolve().parent.parent / "glossary.yaml"


def test_sha256_is_the_file_digest(glossary):
    assert glossary.sha256 == hashlib.sha256(GLOSSARY.read_bytes()).hexdigest()


# ------------------------------------------------------------------------------ file errors

VALID_TERM = "  - en: Armenia\n    he: ארמניה\n"


@pytest.mark.parametrize(("text", "message"), [
    ("terms:\n  - en: Armenia\n    ru: [Армения\n", "4: invalid YAML: expected ',' or ']', "
     "but got '<stream end>'"),
    ("terms:\n  - en: Armenia\n\tru: x\n", "3: invalid YAML: found character '\\t' that "
     "cannot start any token"),
    ("terms:\n" + VALID_TERM + "    xx: Armenia\n",
     "4: term 'Armenia': unknown language 'xx' (expected one of hy, az, he, ru, fa, tr)"),
    ("terms:\n" + VALID_TERM + "    fr: Arménie\n",
     "4: term 'Armenia': language 'fr' is not a target language (expected one of hy, az, he, "
     "ru, fa, tr)"),
    ("terms:\n" + VALID_TERM + "  - en: Israel\n    he: ישראל\n  - en: armenia\n    he: x\n",
     "6: duplicate term 'armenia' (already defined by term 'Armenia' at line 2)"),
    ("terms:\n" + VALID_TERM + "  - en: Hayastan\n    aliases: [Armenia]\n    he: ארמניה\n",
     "4: duplicate term 'Armenia' (already defined by term 'Armenia' at line 2)"),
    ("terms:\n  - en: Armenia\n    he: ''\n", "3: empty form: term 'Armenia': he approved form"),
    ("terms:\n  - en: Armenia\n    ru:\n      approved: '  '\n",
     "4: empty form: term 'Armenia': ru approved form"),
    ("terms:\n" + VALID_TERM + "    alias: [Hayastan]\n",
     "4: term 'Armenia': unknown key 'alias' (expected en, aliases, case_sensitive, keep, note, "
     "false_friends or a language code)"),
    ("terms:\n" + VALID_TERM + "    false_friends: [Armenian Apostolic Church]\n",
     "4: term 'Armenia': false friend 'Armenian Apostolic Church' does not start with a name of "
     "the term and a space"),
    ("terms:\n" + VALID_TERM + "    he: ארמניה\n",
     "4: term 'Armenia': duplicate key 'he' (first at line 3)"),
    ("terms:\n  - en: Armenia\n    ru:\n      approved: Армения\n"
     "      cases: {genitive: Армении}\n",
     "4: term 'Armenia': ru: missing cases dative, accusative, instrumental, prepositional "
     "(or set inflect: none for a name that does not decline)"),
    ("terms:\n  - en: Armenia\n    ru:\n      approved: Баку\n      inflect: none\n"
     "      cases: {genitive: Баку}\n",
     "4: term 'Armenia': ru: cases given but inflect is 'none'"),
    ("terms:\n  - en: Armenia\n    az:\n      approved: Ermənistan\n"
     "      cases: {locative: x, vocative: y}\n",
     "5: term 'Armenia': az: unknown case 'vocative' (expected nominative, genitive, dative, "
     "accusative, locative, ablative, instrumental)"),
    ("terms:\n  - en: Armenia\n    az:\n      approved: Ermənistan\n"
     "      forbidden: [Ermənistanda]\n",
     "5: term 'Armenia': az: forbidden form 'Ermənistanda' is also an allowed form"),
    ("terms:\n  - en: Armenia\n    keep: maybe\n", "3: term 'Armenia': keep must be true or false"),
    ("terms:\n  - en: Armenia\n", "2: term 'Armenia' has no language forms (add "
     "hy/az/he/ru/fa/tr forms or keep: true)"),
    ("terms:\n  - aliases: [Armenia]\n", "2: a term has no 'en' form"),
    ("glossary:\n  - en: Armenia\n", "1: unknown key 'glossary' (expected version, policy, "
     "terms)"),
    ("terms: Armenia\n", "1: 'terms' must be a list"),
])
def test_glossary_errors_name_file_and_line(tmp_path, text, message):
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        read_glossary(path)
    assert str(info.value) == f"{path}:{message}"


def test_not_utf8_is_an_error(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_bytes(b"terms:\n  - en: Armenia\n    he: \xff\n")
    with pytest.raises(GlossaryError, match=r"glossary.yaml:3: not UTF-8 \(byte 0xff\)"):
        read_glossary(path)


@pytest.mark.parametrize("terms", ["[Moscow]", "[[Moscow, Москва]]"])
def test_a_term_that_is_not_a_mapping_is_a_one_line_error(tmp_path, terms):
    path = tmp_path / "glossary.yaml"
    path.write_text(f"version: 1\nterms: {terms}\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        read_glossary(path)
    assert str(caught.value) == f"{path}:2: a term must be a mapping with at least 'en:'"


@pytest.mark.parametrize(("text", "message"), [
    ('terms:\n  - en: Armenia\n    ru:\n      approved: "\\ud800"\n      inflect: none\n',
     "4: term 'Armenia': ru approved form holds a lone surrogate (\\ud800), not a character: "
     "write the character itself"),
    ('terms:\n  - en: "Arm\\udfffenia"\n    he: ארמניה\n',
     "2: the 'en' form holds a lone surrogate (\\udfff), not a character: write the character "
     "itself"),
    ('terms:\n  - en: Armenia\n    he: ארמניה\n    aliases: ["\\ud83d\\ude00"]\n',
     "4: term 'Armenia': aliases holds a lone surrogate (\\ud83d), not a character: write the "
     "character itself"),
])
def test_a_lone_surrogate_is_a_one_line_error(tmp_path, text, message):
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        read_glossary(path)
    assert str(caught.value) == f"{path}:{message}"
