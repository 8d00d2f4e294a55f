"""Tests of translate.formats.layout: text, Markdown and HTML reassembly, golden files, escaping."""

from __future__ import annotations

import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import check_golden
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from translate.errors import LanguageError
from translate.formats.article import Article, Unit
from translate.formats.layout import escape_markdown, group_blocks, text_direction
from translate.formats.reader import parse_article, read_article
from translate.formats.unitview import LATIN_RUN, reading_direction
from translate.formats.writers import assemble_html, assemble_markdown, assemble_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "armenia-recalls-ambassador.txt"
GOLDEN = Path(__file__).resolve().parent / "golden" / "assemble"
LANGS = ("hy", "az", "he", "ru", "fa", "tr")

# --- test articles -------------------------------------------------------------------------

#: Roles the line splitter gives the seed's lines (1-based); every other line is a sentence.
SEED_ROLES = {1: "headline", 2: "standfirst", 7: "quote", 8: "attribution", 16: "credit"}


def split_lines_into_units(
    text: str, article_id: str = "test", roles: dict[int, str] | None = None
) -> Article:
    """A simple segmenter for tests: one unit per non-blank line, the rest literal parts.

    It builds articles of any shape (hostile lines, arbitrary text) independently of the
    real segmenter's rules, so the renderers are tested on their own.

    Leading and trailing whitespace, line ends and a byte-order mark stay literal, so the
    parts join back to ``text`` exactly. Line 1 is the headline unless ``roles`` says otherwise.
    """
    roles = roles if roles is not None else {1: "headline"}
    parts: list[str | Unit] = []
    body = text
    if body.startswith("\ufeff"):
        parts.append("\ufeff")
        body = body[1:]
    for number, line in enumerate(body.splitlines(keepends=True), start=1):
        content = line.rstrip("\r\n")
        stripped = content.strip()
        if not stripped:
            parts.append(line)
            continue
        lead = content[: len(content) - len(content.lstrip())]
        tail = line[len(lead) + len(stripped) :]
        unit_id = hashlib.sha1(f"{number}:{stripped}".encode()).hexdigest()[:10]
        unit = Unit(unit_id, roles.get(number, "sentence"), stripped, number - 1, number)
        parts.extend(p for p in (lead, unit, tail) if p != "")
    return Article(article_id, Path(f"seeds/{article_id}.txt"), tuple(parts))


def seed_article() -> Article:
    """The seed article, as the segmenter reads it."""
    return read_article(SEED)


_SCRIPTS = {
    "he": dict(zip("abcdefghijklmnopqrstuvwxyz", "אבכדעפגהיגקלמנופקרסתוווכיז", strict=True)),
    "ru": dict(zip("abcdefghijklmnopqrstuvwxyz", "абцдефгхийклмнопкрстуввхыз", strict=True)),
    "hy": dict(zip("abcdefghijklmnopqrstuvwxyz", "աբցդեֆգհիջկլմնոպքրստւվվխյզ", strict=True)),
    "az": dict(zip("abcdefghijklmnopqrstuvwxyz", "əbçdefğhıjklmnöpqrştüvwxyz", strict=True)),
    "fa": dict(zip("abcdefghijklmnopqrstuvwxyz", "ابکدهفگحیجکلمنوپقرستوووخیز", strict=True)),
    "tr": dict(zip("abcdefghijklmnopqrstuvwxyz", "âbçdefğhıjklmnöpqrştüvwxyz", strict=True)),
}
_LOWER_WORD = re.compile(r"(?<![@A-Za-z0-9_])[a-z]+(?![A-Za-z0-9_])")


def pseudo_translate(text: str, lang: str) -> str:
    """A deterministic stand-in for MT: lower-case words in the target script.

    Capitalised names, @handles and numbers stay in Latin script, as real translations keep
    them, so right-to-left output has Latin runs to isolate.
    """
    table = _SCRIPTS[lang]
    return _LOWER_WORD.sub(lambda m: "".join(table[c] for c in m.group()), text)


def pseudo_translations(article: Article, lang: str, *, skip: int = 2) -> dict[str, str]:
    """msgid → msgstr for every unit; the last ``skip`` units get an empty msgstr."""
    units = article.units
    kept = units[: len(units) - skip] if skip else units
    result = {unit.text: "" for unit in units}
    result.update({unit.text: pseudo_translate(unit.text, lang) for unit in kept})
    return result


HOSTILE = (
    "<script>alert('headline')</script> & friends\n"
    '"><img src=x onerror=alert(1)> standfirst\n'
    "Body with <b>bold</b>, &amp; an entity, *stars*, _under_ and [a](javascript:alert(1)).\n"
    "# not a heading\n"
    "- not a list\n"
    "1. not numbered\n"
    "</p></article><iframe src=https://evil.example/></iframe>\n"
)
HOSTILE_ROLES = {1: "headline", 2: "standfirst", 6: "quote", 7: "attribution"}


def hostile_article() -> Article:
    """An article whose every line tries to break out of the markup."""
    return split_lines_into_units(HOSTILE, "hostile", HOSTILE_ROLES)


class TagCollector(HTMLParser):
    """Collects the start tags, attributes and text data of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.data: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.data.append(data)


def parse_html(document: str) -> TagCollector:
    """The tags and text of ``document``."""
    collector = TagCollector()
    collector.feed(document)
    collector.close()
    return collector


ARTICLE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "article", "h1", "p", "ul", "li",
    "blockquote", "footer", "bdi", "span",
}  # fmt: skip

# --- golden files --------------------------------------------------------------------------

RENDERERS = {
    "txt": lambda article, translations, lang: assemble_text(article, translations),
    "md": lambda article, translations, lang: assemble_markdown(article, translations),
    "html": assemble_html,
}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("lang", LANGS)
def test_seed_output_matches_golden(lang: str, fmt: str, tmp_path: Path) -> None:
    article = seed_article()
    output = RENDERERS[fmt](article, pseudo_translations(article, lang), lang)
    written = tmp_path / f"{article.id}.{lang}.{fmt}"
    written.write_bytes(output.encode("utf-8"))
    check_golden(written, GOLDEN / written.name)  # UPDATE_GOLDEN=1 rewrites the golden
    # check_golden reads text with universal newlines; line ends are part of the output too.
    assert written.read_bytes() == (GOLDEN / written.name).read_bytes()


def test_untranslated_seed_is_its_source_byte_for_byte() -> None:
    assert assemble_text(seed_article(), {}).encode("utf-8") == SEED.read_bytes()


def test_empty_msgstr_falls_back_to_source() -> None:
    article = seed_article()
    translations = pseudo_translations(article, "ru")
    last = article.units[-1]
    assert translations[last.text] == ""
    text = assemble_text(article, translations)
    assert text.endswith(last.text)
    assert pseudo_translate(article.units[0].text, "ru") in text


@pytest.mark.parametrize(
    ("lang", "direction"),
    [("he", "rtl"), ("ru", "ltr"), ("hy", "ltr"), ("az", "ltr"), ("ar", "rtl")],
)
def test_text_direction_comes_from_babel(lang: str, direction: str) -> None:
    assert text_direction(lang) == direction


def test_unknown_language_is_refused() -> None:
    with pytest.raises(LanguageError, match="xx"):
        text_direction("xx")
    with pytest.raises(LanguageError, match="invalid"):
        assemble_html(seed_article(), {}, 'he" onload="x')


def test_hebrew_page_is_rtl_and_isolates_latin_runs() -> None:
    article = seed_article()
    page = assemble_html(article, pseudo_translations(article, "he"), "he")
    assert page.startswith('<!DOCTYPE html>\n<html lang="he" dir="rtl">\n')
    assert '<meta charset="utf-8">' in page
    assert "<bdi>@naghdalyan</bdi>" in page
    # a block all in Latin letters is laid out left to right, not a <bdi> per run
    assert '<footer dir="ltr">— Barak Ravid (@BarakRavid) October 1, 2020</footer>' in page
    assert "<bdi>60</bdi>" in page
    # the untranslated credit falls back to English, marked as such
    assert '<p class="credit" lang="en" dir="ltr">The Associated Press' in page


@pytest.mark.parametrize(("text", "default", "direction"), [
    ("Armenia, the ministry said, recalled its envoy.", "rtl", "ltr"),
    ("ארמניה recalls its ambassador from ישראל", "rtl", "ltr"),  # an English draft with terms
    ("ארמניה החזירה את השגריר https://example.com/a/b/c", "ltr", "rtl"),
    ("CNN דיווח כי ארמניה החזירה", "rtl", "rtl"),
    ("1994, 2020", "rtl", "rtl"),  # no letters: the element's direction
    ("Israel ישראל", "ltr", "ltr"),  # a tie: the element's direction
])
def test_reading_direction_counts_words(text: str, default: str, direction: str) -> None:
    assert reading_direction(text, default) == direction


def test_russian_page_is_ltr_without_bdi() -> None:
    article = seed_article()
    page = assemble_html(article, pseudo_translations(article, "ru"), "ru")
    assert '<html lang="ru" dir="ltr">' in page
    assert "<bdi>" not in page


def test_html_has_no_external_resources() -> None:
    article = seed_article()
    page = assemble_html(article, pseudo_translations(article, "he"), "he")
    parsed = parse_html(page)
    assert set(parsed.tags) <= ARTICLE_TAGS
    assert not [value for name, value in parsed.attrs if name in ("src", "href")]
    assert "http://" not in page and "https://" not in page
    assert "default-src 'none'" in page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Barak Ravid (@BarakRavid) October 1, 2020",
            ["Barak Ravid (@BarakRavid) October 1, 2020"],
        ),
        ("שלום @naghdalyan אמרה", ["@naghdalyan"]),
        ("ב-1994, אחרי", ["1994"]),
        ("ראו https://example.com/a?b=1.", ["https://example.com/a?b=1"]),
        ("Israel’s drones", ["Israel’s drones"]),
        ("(שלום) Karabakh)", ["Karabakh"]),
    ],
)
def test_latin_runs(text: str, expected: list[str]) -> None:
    assert [m.group() for m in LATIN_RUN.finditer(text)] == expected


# --- escaping --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["he", "ru"])
def test_hostile_article_renders_as_text_in_html(lang: str) -> None:
    article = hostile_article()
    page = assemble_html(article, {}, lang)
    parsed = parse_html(page)
    assert set(parsed.tags) <= ARTICLE_TAGS
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not [name for name, _ in parsed.attrs if name.startswith("on") or name == "src"]
    text = "".join(parsed.data)
    for unit in article.units:
        assert unit.text in text
    assert "&lt;script&gt;alert('headline')&lt;/script&gt;" in page
    assert '"&gt;&lt;img src=x onerror=alert(1)&gt;' in page


def test_hostile_translation_renders_as_text_in_html() -> None:
    article = seed_article()
    translations = {
        unit.text: '<script>alert(1)</script>"><img onerror=x>' for unit in article.units
    }
    parsed = parse_html(assemble_html(article, translations, "he"))
    assert set(parsed.tags) <= ARTICLE_TAGS


def test_hostile_article_renders_as_text_in_markdown() -> None:
    article = hostile_article()
    rendered = MarkdownIt("commonmark").render(assemble_markdown(article, {}))
    parsed = parse_html(rendered)
    assert set(parsed.tags) <= {"h1", "p", "em", "blockquote"}  # no list, no link, no html
    assert parsed.tags.count("h1") == 1
    text = "".join(parsed.data)
    for unit in article.units:
        assert unit.text in text


def test_markdown_layout_of_seed() -> None:
    article = seed_article()
    md = assemble_markdown(article, {})
    blocks = md.split("\n\n")
    assert (
        blocks[0]
        == "# Armenia recalls ambassador from Israel to protest sale of weapons to Azerbaijan"
    )
    assert blocks[1].startswith("*Jerusalem says") and blocks[1].endswith("fighting*")
    assert blocks[-1] == "*The Associated Press contributed to this report.*\n"
    assert "> Armenian foreign ministry spokewoman @naghdalyan:" in md
    assert "\n>\n> — Barak Ravid (@BarakRavid) October 1, 2020" in md


def test_list_items_become_one_list() -> None:
    text = "Title\nIntro\n- one\n- two\nEnd\n"
    article = split_lines_into_units(text, "lists", {1: "headline", 3: "list-item", 4: "list-item"})
    # the bullets are literal parts, as the segmenter keeps them
    article = Article(
        article.id,
        article.source,
        tuple(
            part
            if isinstance(part, str) or not part.text.startswith("- ")
            else Unit(part.id, part.role, part.text[2:], part.paragraph, part.line)
            for part in article.parts
        ),
    )
    assert assemble_markdown(article, {}) == "# Title\n\nIntro\n\n- one\n- two\n\nEnd\n"
    assert "<ul><li>one</li><li>two</li></ul>" in assemble_html(article, {}, "en")


def test_sentences_of_a_paragraph_share_one_block() -> None:
    first = Unit("a", "sentence", "One.", 1, 1)
    second = Unit("b", "sentence", "Two.", 1, 1)
    article = Article("x", Path("x.txt"), (first, "  ", second, "\n"))
    (block,) = group_blocks(article)
    assert block.units == (first, second) and block.joins == ("", " ")
    assert assemble_markdown(article, {"One.": "Один."}) == "Один. Two.\n"


# --- properties ------------------------------------------------------------------------------

_lines = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=30
)


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(_lines, max_size=8),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    final_newline=st.booleans(),
)
def test_untranslated_article_reassembles_to_its_source(
    lines: list[str], newline: str, bom: bool, final_newline: bool
) -> None:
    text = ("\ufeff" if bom else "") + newline.join(lines) + (newline if final_newline else "")
    article = split_lines_into_units(text)
    assert assemble_text(article, {}) == text
    assert assemble_text(article, {unit.text: "" for unit in article.units}) == text


@settings(max_examples=40, deadline=None)
@given(
    paragraphs=st.lists(
        _lines.filter(lambda line: any(c.isalpha() for c in line)), min_size=1, max_size=6
    ),
    separator=st.sampled_from(["\n", "\r\n", "\n\n"]),
)
def test_segmented_article_reassembles_to_its_source(paragraphs: list[str], separator: str) -> None:
    text = separator.join(paragraphs)
    article = parse_article(text, "prop", Path("prop.txt"), source_lang="en")
    assert assemble_text(article, {}) == text


BLANK_LINES_ARTICLE = """\
Big news today in the city

A short standfirst here.

First paragraph has two sentences. It goes on here
and wraps onto a second line.

Key points:
- first point is here
- second point is here

“We are ready,” she said.
— Jane Doe, mayor

Reporting by the AP.
"""


def test_segmented_blank_lines_article_to_markdown_and_html() -> None:
    article = parse_article(BLANK_LINES_ARTICLE, "city", Path("city.txt"), source_lang="en")
    assert assemble_markdown(article, {}) == (
        "# Big news today in the city\n\n"
        "A short standfirst here.\n\n"
        "First paragraph has two sentences. It goes on here and wraps onto a second line.\n\n"
        "Key points:\n\n"
        "- first point is here\n- second point is here\n\n"
        "> “We are ready,” she said.\n>\n> — Jane Doe, mayor\n\n"
        "*Reporting by the AP.*\n"
    )
    page = assemble_html(article, {"first point is here": "первый пункт"}, "ru")
    assert '<ul><li>первый пункт</li><li lang="en">second point is here</li></ul>' in page
    assert '<footer lang="en">— Jane Doe, mayor</footer>' in page


_inline_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"),
        max_codepoint=0x2FFF,
    ),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip())


@settings(max_examples=150, deadline=None)
@given(text=_inline_text, role=st.sampled_from(["sentence", "headline", "standfirst", "credit"]))
def test_markdown_escaping_renders_text_as_text(text: str, role: str) -> None:
    article = Article("x", Path("x.txt"), (Unit("u", role, text, 1, 1),))
    rendered = MarkdownIt("commonmark").render(assemble_markdown(article, {}))
    parsed = parse_html(rendered)
    assert len(parsed.tags) == (2 if role in ("standfirst", "credit") else 1)
    expected = re.sub(r"[ \t\r\n]+", " ", text).strip()
    assert "".join(parsed.data).strip("\n") == expected


@settings(max_examples=100, deadline=None)
@given(text=_inline_text, lang=st.sampled_from(["he", "ru"]))
def test_html_escaping_renders_text_as_text(text: str, lang: str) -> None:
    article = Article("x", Path("x.txt"), (Unit("u", "sentence", "source", 1, 1),))
    parsed = parse_html(assemble_html(article, {"source": text}, lang))
    assert set(parsed.tags) <= ARTICLE_TAGS
    assert text in "".join(parsed.data)


@pytest.mark.parametrize(
    ("role", "text"),
    [
        ("headline", "#"),
        ("headline", "Ends with ##"),
        ("sentence", "1) not a list"),
        ("sentence", "+ not a list"),
        ("sentence", "==="),
        ("standfirst", "*starred*"),
        ("credit", "trailing backslash \\"),
        ("sentence", "<https://example.com> and &copy; and `code`"),
    ],
)
def test_markdown_edge_cases_render_as_text(role: str, text: str) -> None:
    article = Article("x", Path("x.txt"), (Unit("u", role, text, 1, 1),))
    rendered = MarkdownIt("commonmark").render(assemble_markdown(article, {}))
    assert "".join(parse_html(rendered).data).strip("\n") == text


def test_escape_markdown_examples() -> None:
    assert escape_markdown("# a *b* <c> & d &amp;") == r"\# a \*b\* \<c\> & d \&amp;"
    assert escape_markdown("12. x") == r"12\. x"
    assert html.unescape("&amp;") == "&"
