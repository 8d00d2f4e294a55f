"""Language facts from Babel (names, directions and gettext plural rules), and the rule that a
language's rules live in its profile: no language-code branch outside translate/lang/."""

import ast
import importlib
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from translate.errors import LanguageError
from translate.lang import PROFILES, SUPPORTED_LANGUAGES, TARGET_LANGUAGES, profile
from translate.lang.cldr import language_name, plural_forms, text_direction
from translate.lang.language import Language
from translate.options import validate_langs
from translate.qa.invisible import invisible_problems


@pytest.mark.parametrize(
    ("lang", "name", "direction"),
    [("hy", "Armenian", "ltr"), ("az", "Azerbaijani", "ltr"), ("he", "Hebrew", "rtl"),
     ("ru", "Russian", "ltr"), ("ru-RU", "Russian (Russia)", "ltr"), ("ar", "Arabic", "rtl"),
     ("fa", "Persian", "rtl"), ("tr", "Turkish", "ltr")],
)
def test_name_and_direction(lang: str, name: str, direction: str) -> None:
    assert language_name(lang) == name
    assert text_direction(lang) == direction


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_plural_forms_are_babels_gettext_table(lang: str) -> None:
    # Library data (Babel's table), compared with the same source on purpose.
    assert plural_forms(lang) == get_plural(lang).plural_forms
    assert plural_forms(lang).startswith("nplurals=")


def test_an_unknown_code_is_named_by_itself_and_refused_where_it_matters() -> None:
    assert language_name("xx") == "xx"
    with pytest.raises(LanguageError, match="unknown language code 'xx'"):
        text_direction("xx")
    with pytest.raises(LanguageError, match="unknown language code 'xx'"):
        plural_forms("xx")


# ------------------------------------------------------------ one place per language


def test_each_supported_language_is_one_module_with_its_profile() -> None:
    assert SUPPORTED_LANGUAGES == ("hy", "az", "he", "ru", "fa", "tr")
    for code in SUPPORTED_LANGUAGES:
        module = importlib.import_module(f"translate.lang.{code}")
        profiles = [value for value in vars(module).values() if isinstance(value, Language)]
        assert profiles == [PROFILES[code]] and profile(code).code == code


@pytest.mark.parametrize("code", SUPPORTED_LANGUAGES)
def test_a_profiles_script_runs_in_its_languages_direction(code: str) -> None:
    rtl = profile(code).script in ("Hebrew", "Arabic")
    assert text_direction(code) == ("rtl" if rtl else "ltr")


def test_lang_keeps_its_default_and_takes_the_new_languages() -> None:
    assert TARGET_LANGUAGES == ("hy", "az", "he", "ru")
    assert validate_langs(["fa", "tr", "fa"]) == ("fa", "tr")
    with pytest.raises(LanguageError, match="supported: hy, az, he, ru, fa, tr"):
        validate_langs(["ka"])


def test_a_language_without_a_profile_gets_the_defaults() -> None:
    german = profile("de")
    assert (german.code, german.script, german.quotes, german.length_ratio) == ("de", None, "", 1)
    assert german.grammar.cases == ("nominative",) and german.grammar.suffix_case("s", "X") is None


@pytest.mark.parametrize(("source", "target", "lang", "reported"), [
    ("He wants peace.", "او صلح می\u200cخواهد.", "fa", False),  # a ZWNJ inside a word
    ("Karabakh", "قره\u200cباغ", "fa", False),
    ("He wants peace.", "او صلح می\u200c خواهد.", "fa", True),  # before a space: no job
    ("He wants peace.", "Barış is\u200ctiyor.", "tr", True),  # Latin letters do not join
])
def test_the_zero_width_non_joiner_is_persians_inside_a_word(source, target, lang, reported):
    assert bool(invisible_problems(source, target)) is reported


@pytest.mark.parametrize(("name", "forms"), [
    # vowel harmony, the buffer letters n and y, d/t after a voiceless consonant
    ("İsrail", "İsrail'in İsrail'e İsrail'i İsrail'de İsrail'den İsrail'le"),
    ("Bakü", "Bakü'nün Bakü'ye Bakü'yü Bakü'de Bakü'den Bakü'yle"),
    ("Kudüs", "Kudüs'ün Kudüs'e Kudüs'ü Kudüs'te Kudüs'ten Kudüs'le"),
    ("Ermenistan", "Ermenistan'ın Ermenistan'a Ermenistan'ı Ermenistan'da Ermenistan'dan "
                   "Ermenistan'la"),
    ("Rusya", "Rusya'nın Rusya'ya Rusya'yı Rusya'da Rusya'dan Rusya'yla"),
    ("Stepanakert", "Stepanakert'in Stepanakert'e Stepanakert'i Stepanakert'te "
                    "Stepanakert'ten Stepanakert'le"),
])
def test_turkish_names_take_their_suffixes_after_an_apostrophe(name: str, forms: str) -> None:
    generated = profile("tr").grammar.generate(name)
    cases = ("genitive", "dative", "accusative", "locative", "ablative", "instrumental")
    assert " ".join(generated[case] for case in cases) == forms


@pytest.mark.parametrize(("letters", "token", "expected"), [
    ("e", "Israel", ("dative", ())),
    ("deki", "Baku", ("locative", ("ki",))),
    ("ten", "Kudus", ("ablative", ())),
    ("dir", "Israel", ("nominative", ("DIr",))),
    ("li", "Israel", None),  # İsrailli, an Israeli: no case
])
def test_turkish_suffixes_a_model_attached_are_read(letters, token, expected) -> None:
    assert profile("tr").grammar.suffix_case(letters, token) == expected


def test_turkish_capitals_keep_the_dot_of_i() -> None:
    assert profile("tr").grammar.upper("İsrail'de") == "İSRAİL'DE"
    assert profile("tr").grammar.normalise("Bakü’de") == "Bakü'de"


def test_persian_matching_reads_arabic_letters_as_persian_and_the_ezafe_as_the_name() -> None:
    grammar = profile("fa").grammar
    assert grammar.normalise("تركيه") == "ترکیه"
    assert grammar.tails("روسیه", "nominative") == {"ی"}
    assert grammar.tails("ایران", "nominative") == frozenset()  # ایرانی: Iranian, not Iran

PACKAGE = Path(__file__).resolve().parent.parent / "translate"
#: Codes whose rules live in translate/lang/ (the six profiles) and the source language's.
LANGUAGE_CODES = frozenset({"hy", "az", "he", "ru", "fa", "tr", "en"})


def code_constants(node: ast.AST) -> list[str]:
    """The language codes a literal names: a string, or the strings of a tuple, list or set."""
    if isinstance(node, ast.Constant) and node.value in LANGUAGE_CODES:
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [code for item in node.elts for code in code_constants(item)]
    return []


def language_branches(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) of each comparison with a language code (``lang == "he"``, ``lang in
    ("ru", "hy")``) and each table keyed by codes (``{"ru": ...}``, ``frozenset({"ru",
    "hy"})``) in ``tree``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            codes = [c for part in (node.left, *node.comparators) for c in code_constants(part)]
            if codes:
                found.append((node.lineno, f"compares with {', '.join(codes)}"))
        elif isinstance(node, ast.Dict):
            keys = [c for key in node.keys if key is not None for c in code_constants(key)]
            if keys:
                found.append((node.lineno, f"a table keyed by {', '.join(keys)}"))
        elif isinstance(node, ast.Set | ast.Tuple | ast.List):
            codes = code_constants(node)
            if len(set(codes)) >= 2 and len(codes) == len(node.elts):
                found.append((node.lineno, f"a set of codes {', '.join(codes)}"))
    return found


def test_no_language_branch_or_table_outside_the_language_package() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("lang/"):
            continue
        for line, what in language_branches(ast.parse(path.read_text(encoding="utf-8"))):
            found.append(f"translate/{relative}:{line}: {what}")
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(("code", "flagged"), [
    ('if lang == "he": pass', True),
    ('if "hy" != lang: pass', True),
    ('ok = lang in ("ru", "hy")', True),
    ('TABLE = {"ru": 1.15, "az": 1.1}', True),
    ('LANGS = frozenset({"ru", "hy", "az"})', True),
    ('if kind == "stop": pass', False),
    ('WORDS = ("it", "he", "she")', False),
    ('if lang == SOURCE_LANGUAGE: pass', False),
])
def test_the_branch_finder_finds_what_it_should(code: str, flagged: bool) -> None:
    assert bool(language_branches(ast.parse(code))) is flagged
