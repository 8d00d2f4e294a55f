"""Numbers as each language writes them: separators, digits of other scripts, dates."""

from __future__ import annotations

import pytest

from translate.qa.numbers import find_numbers


@pytest.mark.parametrize(
    ("lang", "text", "values"),
    [
        ("ru", "1\u00a0500,5 тонн", ["1500.5"]),
        ("ru", "1 500 человек и 60 %", ["1500", "60"]),
        ("ru", "1\u202f000\u202f000", ["1000000"]),
        ("az", "1.500,5 ton", ["1500.5"]),
        ("hy", "2,5 տոկոս", ["2.5"]),
        ("he", "1,500.5", ["1500.5"]),
        ("en", "1,500.5 tons on October 1, 2020", ["1500.5", "1", "2020"]),
        ("en", "@user2020 wrote https://x.am/2019", []),
        ("ru", "01.10.2020", ["1", "10", "2020"]),
        # Persian: its own digits with ٬ and ٫ (CLDR's arabext), Arabic-Indic digits, the
        # decimal slash of Iranian writing, and a date's slashes (digit runs).
        ("fa", "۱۲٬۵۰۰٫۵ دلار", ["12500.5"]),
        ("fa", "١٢٬٥٠٠ دلار", ["12500"]),
        ("fa", "۲/۵ میلیون", ["2.5"]),
        ("fa", "۱,۵۰۰ و 60", ["1500", "60"]),
        ("fa", "۱۳۹۹/۰۷/۱۰", ["1399", "7", "10"]),
        ("tr", "1.500,5 ton ve yüzde 60'ı", ["1500.5", "60"]),
    ],
)
def test_numbers_are_read_as_the_language_writes_them(lang, text, values):
    found = find_numbers(text, lang)
    assert len(found) == len(values)
    for value, (_, readings) in zip(values, found, strict=True):
        assert value in {format(x, "f") for x in readings}
