"""Language facts from Babel: names, directions and gettext plural rules."""

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
