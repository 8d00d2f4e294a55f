"""translate.formats.unitview: how a unit and its block are shown (direction, isolates, draft
marks, languages, glossary highlights), as pure functions; tests/test_browser_units.py checks
the pages they make in Chromium."""

from __future__ import annotations

import pytest

from translate.formats.article import Unit
from translate.formats.html import write_nodes
from translate.formats.inline import Node, plain_text
from translate.formats.unitview import (
    BlockView,
    block_attrs,
    block_view,
    highlight,
    isolate_latin,
    list_item,
    show,
    show_unit,
    unit_nodes,
)

HEBREW = "ארמניה החזירה את שגרירה מישראל."
ENGLISH = "ארמניה recalled its ambassador from ישראל."  # an English draft with two names


def unit(text: str, lang: str | None = None) -> Unit:
    return Unit(f"u{abs(hash(text)) % 10**6}", "sentence", text, 1, 1, lang=lang)


def written(texts: list[str], page: str = "he") -> tuple[dict[str, str], list[str]]:
    """The block attributes and each unit's HTML of a block of ``texts`` (translations into
    ``page``) in a page of ``page``."""
    shown = [show(unit(text), [text], page) for text in texts]
    view = block_view(shown, page)
    return block_attrs(view, page), [write_nodes(unit_nodes(s, view)) for s in shown]


@pytest.mark.parametrize(("texts", "attrs", "isolated"), [
    # a block of units of the page's direction: nothing to say
    ([HEBREW, HEBREW], {}, [False, False]),
    # all of the other direction: the block is laid out that way, no unit isolated
    ([ENGLISH, "The talks went on.", "All the sides said so."], {"dir": "ltr"},
     [False, False, False]),
    # mixed: the page's direction, each unit an isolate of its own
    ([HEBREW, ENGLISH, HEBREW], {}, [True, True, True]),
])
def test_a_block_follows_its_units(texts, attrs, isolated) -> None:
    block, units = written(texts)
    assert block == attrs
    assert [html.startswith("<span dir=") for html in units] == isolated


def test_a_mixed_block_isolates_each_unit_in_its_own_direction() -> None:
    _block, units = written([HEBREW, ENGLISH])
    assert units[0].startswith('<span dir="rtl">') and units[1].startswith('<span dir="ltr">')


def test_latin_runs_inside_right_to_left_text_are_isolated() -> None:
    _block, units = written(["השגריר @naghdalyan אמר כי 1,500 חיילים הגיעו."])
    assert units == ["השגריר <bdi>@naghdalyan</bdi> אמר כי <bdi>1,500</bdi> חיילים הגיעו."]


@pytest.mark.parametrize(("state", "states", "label"), [
    ("machine", {"x": "machine"}, "machine draft"),
    ("review", {"x": "review"}, "needs review"),
    ("untranslated", {}, "untranslated"),
    ("approved", {"x": "approved"}, None),
    ("approved", None, None),  # a page that marks nothing (the bundle's)
])
def test_a_draft_unit_carries_its_state_and_label(state, states, label) -> None:
    shown = show_unit(Unit("u1", "sentence", "x", 1, 1), {"x": "איקס"}, "he", "en",
                      states=states)
    assert (shown.state, shown.label) == (state, label)
    html = write_nodes(unit_nodes(shown, BlockView("he", "rtl")))
    if label is None:
        assert html == "איקס"
    else:
        assert html == (f'<span class="unapproved state-{state}" data-label="{label}">'
                        "איקס</span>")


def test_a_unit_left_in_its_source_says_its_language() -> None:
    shown = show_unit(Unit("u1", "sentence", "Talks resume.", 1, 1), {}, "he", "en")
    assert (shown.lang, shown.direction) == ("en", "ltr")
    view = block_view([shown], "he")
    assert block_attrs(view, "he") == {"lang": "en", "dir": "ltr"}
    assert write_nodes(unit_nodes(shown, view)) == "Talks resume."
    # among Hebrew units it is an isolate with its language
    mixed = block_view([shown, show(unit(HEBREW), [HEBREW], "he")], "he")
    assert write_nodes(unit_nodes(shown, mixed)) == (
        '<span lang="en" dir="ltr">Talks resume.</span>')


@pytest.mark.parametrize(("block", "direction", "expected"), [
    (BlockView("he", "ltr"), "rtl", BlockView("he", "rtl", mixed=True)),
    (BlockView("he", "rtl"), "rtl", BlockView("he", "rtl")),
])
def test_a_list_item_keeps_its_lists_direction(block, direction, expected) -> None:
    assert list_item(block, direction) == expected


def test_highlights_cut_at_element_bounds_and_keep_the_first_of_overlapping_marks() -> None:
    nodes = ["Talks in ", Node("a", (("href", "1"),), ("Nagorno-Karabakh",)), " ended."]
    text = plain_text(nodes)
    start = text.index("Nagorno")
    marked = highlight(nodes, [(start, start + 16, "term"), (start + 8, start + 16, "term"),
                               (0, 5, "term forbidden")])
    assert write_nodes(marked) == (
        '<mark class="term forbidden">Talks</mark> in <a href="1">'
        '<mark class="term">Nagorno-Karabakh</mark></a> ended.')
    assert plain_text(marked) == text


def test_isolating_latin_runs_keeps_the_text_and_elements() -> None:
    nodes = ["ראה ", Node("a", (("href", "1"),), ("https://example.org/a",)), " עכשיו"]
    isolated = isolate_latin(nodes)
    assert plain_text(isolated) == plain_text(nodes)
    assert write_nodes(isolated) == (
        'ראה <a href="1"><bdi>https://example.org/a</bdi></a> עכשיו')
