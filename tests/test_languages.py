"""Language facts from Babel (names, directions and gettext plural rules), and the rule that a
language's rules live in its profile: no language-code branch outside translate/lang/."""

import ast
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from translate.errors import LanguageError
from translate.lang.cldr import language_name, plural_forms, text_direction


@pytest.mark.parametrize(
    ("lang", "name", "direction"),
    [("hy", "Armenian", "ltr"), ("az", "Azerbaijani", "ltr"), ("he", "Hebrew", "rtl"),
     ("ru", "Russian", "ltr"), ("ru-RU", "Russian (Russia)", "ltr"), ("ar", "Arabic", "rtl")],
)
def test_name_and_direction(lang: str, name: str, direction: str) -> None:
    assert language_name(lang) == name
    assert text_direction(lang) == direction


@pytest.mark.parametrize("lang", ["hy", "az", "he", "ru"])
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
