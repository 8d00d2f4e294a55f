"""Segmentation: article parsing, layouts, roles, ids, unit languages, round trip, bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.errors import ArticleIdError, InputError, SourceLanguageError
from translate.formats.reader import parse_article, read_article
from translate.formats.units import unit_id

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEED = ROOT / "seeds" / "armenia-recalls-ambassador.txt"
GOLDEN = ROOT / "tests" / "golden" / "segment" / "armenia-recalls-ambassador.json"
ARTICLE_FILES = sorted([*(ROOT / "seeds").glob("*.txt"), *(DATA / "articles").glob("*.txt")])


def parse(text: str, **kwargs):
    """parse_article with a fixed id and source."""
    return parse_article(text, "test-article", Path("seeds/test-article.txt"), **kwargs)


# --- articles -------------------------------------------------------------------------------


def test_seed_units_match_golden():
    article = read_article(SEED)
    got = [
        {"unit": u.id, "role": u.role, "paragraph": u.paragraph, "line": u.line, "text": u.text}
        for u in article.units
    ]
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert article.id == "armenia-recalls-ambassador" and article.layout == "lines"
    assert article.lang == "en" and all(u.lang is None for u in article.units)
    roles = {u.line: u.role for u in article.units}
    assert (roles[1], roles[2], roles[7], roles[8], roles[16]) == (
        "headline",
        "standfirst",
        "quote",
        "attribution",
        "credit",
    )


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.name)
def test_article_file_round_trips(path):
    text = path.read_bytes().decode("utf-8")
    article = read_article(path)
    assert article.reassemble({}) == text
    assert all(u.text == u.text.strip() and u.text for u in article.units)


def test_blank_line_article_keeps_bom_crlf_and_bullets():
    path = DATA / "articles" / "signing-ceremony-crlf.txt"
    article = read_article(path)
    assert article.layout == "blank-lines"
    assert article.parts[0] == "\ufeff"
    assert "\r\n\r\n- " in [p for p in article.parts if isinstance(p, str)]
    roles = [(u.line, u.role) for u in article.units]
    assert roles[:2] == [(1, "headline"), (3, "standfirst")]
    assert [line for line, role in roles if role == "list-item"] == [9, 10, 11]
    assert roles[-2:] == [(15, "caption"), (17, "credit")]


LINE_TEXT = st.sampled_from(
    [
        "Israel and Azerbaijan enjoy close ties.",
        "He said: “It was on my mind. In the end, we had visitors.”",
        "The U.S. delegation arrived at 10 a.m. Thursday.",
        "- open embassies;",
        "* a bullet item",
        "• another one. With two sentences.",
        "1. first point",
        "> a block quote",
        "— Barak Ravid (@BarakRavid) October 1, 2020",
        "The Associated Press contributed to this report.",
        "(Photo: Reuters)",
        "* * *",
        "Мы призываем стороны к миру.",
        "  indented line  ",
        "",
        "   ",
        "\t",
        "x" * 30,
    ]
)
ARTICLES = st.builds(
    lambda bom, lines, eols, tail: (
        bom + "".join(line + eol for line, eol in zip(lines, eols, strict=False)) + lines[-1] + tail
    ),
    st.sampled_from(["", "\ufeff"]),
    st.lists(LINE_TEXT, min_size=1, max_size=12).filter(lambda ls: "".join(ls).strip()),
    st.lists(st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]), min_size=12, max_size=12),
    st.sampled_from(["", "\n", "\r\n", "\n\n"]),
)


@settings(max_examples=150, deadline=None)
@given(ARTICLES)
def test_generated_article_round_trips(text):
    article = parse(text, source_lang="en")
    assert article.reassemble({}) == text
    units = article.units
    assert units[0].role == "headline"
    assert all(u.text and u.text == u.text.strip() for u in units)
    assert len({u.id for u in units}) == len(units)
    assert [u.line for u in units] == sorted(u.line for u in units)


@given(ARTICLES)
def test_translation_replaces_only_units(text):
    article = parse(text, source_lang="en")
    translated = article.reassemble({u.text: "T" for u in article.units})
    literal = "".join(p for p in article.parts if isinstance(p, str))
    assert translated == "".join(p if isinstance(p, str) else "T" for p in article.parts)
    assert len(translated) == len(literal) + len(article.units)


def test_editing_one_paragraph_changes_only_its_units():
    lines = SEED.read_text(encoding="utf-8").split("\n")
    before = read_article(SEED).units
    lines[10] = "Hajiyev praised the Israeli weapons. He gave no figures."
    after = parse("\n".join(lines)).units
    edited = [u for u in after if u.line == 11]
    assert [u.text for u in edited] == [
        "Hajiyev praised the Israeli weapons.",
        "He gave no figures.",
    ]
    same_before = [(u.id, u.text, u.role) for u in before if u.line != 11]
    same_after = [(u.id, u.text, u.role) for u in after if u.line != 11]
    assert same_before == same_after


def test_unit_ids_are_content_derived_with_repeat_suffix():
    article = parse("Title of it\nSame sentence here. Other one.\nSame sentence here.")
    ids = [u.id for u in article.units]
    assert ids[1] == unit_id("Same sentence here.")
    assert ids[3] == ids[1] + "-2"
    assert len(ids[1]) == 11 and ids[1].startswith("u")
    moved = parse("Title of it\nNew first line is here.\nSame sentence here. Other one.")
    assert {u.id for u in moved.units} >= {ids[0], ids[1], ids[2]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Headline words here\nShort standfirst without final period\nBody sentence one.",
            ["headline", "standfirst", "sentence"],
        ),
        (
            "Headline words here\nA first paragraph that ends with a period.\nBody.",
            ["headline", "sentence", "sentence"],
        ),
        ("Headline words here\nOnly two lines here", ["headline", "sentence"]),
        (
            "Headline words here\n\nStandfirst after a blank line\n\nBody one.\n\nBody two.",
            ["headline", "standfirst", "sentence", "sentence"],
        ),
        (
            "Headline\nBody one.\n- dash item\n* star item\n• dot item\n12. numbered item\n"
            "b) lettered",
            [
                "headline",
                "sentence",
                "list-item",
                "list-item",
                "list-item",
                "list-item",
                "list-item",
            ],
        ),
        ("Headline\nBody one.\n> Block quoted words", ["headline", "sentence", "quote"]),
        (
            "Headline\nBody one.\nSomeone @x: we will win\n— Some One (@x) May 2, 2021",
            ["headline", "sentence", "quote", "attribution"],
        ),
        (
            "Headline\nBody one.\nReporting by Jane Doe in Baku; Editing by John Roe",
            ["headline", "sentence", "credit"],
        ),
        ("Headline\nBody one.\n(Photo: Reuters/Jane Doe)", ["headline", "sentence", "credit"]),
        (
            "Headline\nBody one.\nAdditional reporting by Jane Doe",
            ["headline", "sentence", "credit"],
        ),
        (
            "Headline\nBody one.\nSoldiers fire a gun in the region. (AP Photo/Hrant Khachatryan)",
            ["headline", "sentence", "caption"],
        ),
        ("Headline\nBody one.\nCaption: Soldiers in Tartar", ["headline", "sentence", "caption"]),
    ],
)
def test_roles(text, expected):
    assert [u.role for u in parse(text, source_lang="en").units] == expected


def test_bullet_and_dash_stay_literal():
    article = parse(
        "Headline\nBody one.\n  - item one\n— Barak Ravid (@BarakRavid) Oct. 1", source_lang="en"
    )
    assert [p for p in article.parts if isinstance(p, str)] == ["\n", "\n  - ", "\n— "]
    assert [u.text for u in article.units][2:] == ["item one", "Barak Ravid (@BarakRavid) Oct. 1"]


def test_wrapped_paragraph_in_blank_line_layout_is_joined():
    text = "Headline\n\nThe talks began on\nMonday in Geneva. They ended\ntoday.\n\nLast one.\n"
    article = parse(text, source_lang="en")
    assert article.layout == "blank-lines"
    assert [(u.text, u.line, u.paragraph) for u in article.units][1:] == [
        ("The talks began on\nMonday in Geneva.", 3, 1),
        ("They ended\ntoday.", 4, 1),
        ("Last one.", 7, 2),
    ]
    assert article.reassemble({}) == text


def test_stray_blank_line_keeps_lines_layout():
    text = "Headline\nStandfirst of the piece\nOne.\n  \nTwo.\nThree.\nFour."
    assert parse(text, source_lang="en").layout == "lines"


# --- language -------------------------------------------------------------------------------


RUSSIAN_ARTICLE = (
    "Армения отозвала посла из Израиля\n"
    "Ереван протестует против продажи оружия Азербайджану.\n"
    "Министерство иностранных дел Армении заявило в четверг, что отзывает посла."
)


def test_non_english_article_is_refused_unless_source_lang_given():
    with pytest.raises(SourceLanguageError) as info:
        parse(RUSSIAN_ARTICLE)
    assert str(info.value) == (
        "seeds/test-article.txt: article is in Russian (detected), not English; "
        "pass --source-lang ru to translate it anyway"
    )
    assert isinstance(info.value, InputError)
    article = parse(RUSSIAN_ARTICLE, source_lang="ru")
    assert article.lang == "ru" and all(u.lang is None for u in article.units)


def test_short_english_headline_is_not_catalan():
    article = parse("Armenia recalls ambassador from Israel\nIt says so.\nThat is all.")
    assert article.lang == "en"


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Мы призываем стороны к немедленному прекращению огня.", "ru"),
        ("Մենք կոչ ենք անում դադարեցնել կրակը։", "hy"),
        ("אנחנו קוראים להפסקת אש מיידית.", "he"),
        ("Qarabağ Azərbaycandır və biz bunu sübut etdik!", "az"),
        (
            "Nous appelons les parties à un cessez-le-feu immédiat et à la reprise du dialogue "
            "politique sous l'égide du groupe de Minsk.",
            "fr",
        ),
        ("Aliyev said in Baku: “Qarabağ Azərbaycandır!”", None),
        ("Moscow (Москва) said it was ready to host the talks.", None),
        ("Hajiyev lauded the effectiveness of the Israeli weapons.", None),
    ],
)
def test_foreign_unit_in_english_article_gets_its_language(line, lang):
    article = parse(
        f"Armenia recalls ambassador from Israel\nThe ministry said:\n{line}\n"
        "The Associated Press contributed to this report."
    )
    unit = next(u for u in article.units if u.line == 3)
    assert article.lang == "en" and unit.lang == lang


# --- bad inputs -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        ("x.txt", b"\xff\xfeHeadline", InputError, "{path}:1: not UTF-8 (byte 0xff at offset 0)"),
        (
            "x.txt",
            b"Headline\nGood line.\nBad \xe9 line.",
            InputError,
            "{path}:3: not UTF-8 (byte 0xe9 at offset 24)",
        ),
        (
            "x.txt",
            b"Head\x00line\n",
            InputError,
            "{path}: binary file (NUL byte at offset 4), not a text article",
        ),
        ("x.txt", b"", InputError, "{path}: empty article, nothing to translate"),
        ("x.txt", b" \n\t\r\n  \n", InputError, "{path}: empty article, nothing to translate"),
        ("x.txt", b"\xef\xbb\xbf\n", InputError, "{path}: empty article, nothing to translate"),
        (
            "bad id.txt",
            b"Headline",
            ArticleIdError,
            "{path}: 'bad id' is not a valid article id (use letters, digits, '-' and '_')",
        ),
    ],
)
def test_bad_input_file(tmp_path, name, data, error, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as info:
        read_article(path)
    assert str(info.value) == message.format(path=path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file$"):
        read_article(tmp_path / "nope.txt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(InputError, match=r"folder\.txt: is a folder"):
        read_article(tmp_path / "folder.txt")


def test_long_line_without_punctuation_is_one_unit(tmp_path):
    # Its speed (linear in the length) is measured by benchmarks/run.py.
    line = " ".join(["the talks went on and on"] * 800)[:20_000].strip()
    path = tmp_path / "long-line.txt"
    text = "Headline of the long article\n" + line + "\n" + "z" * 20_000
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    assert [len(u.text) for u in article.units] == [28, len(line), 20_000]
    assert article.reassemble({}) == text


@pytest.mark.slow
def test_five_megabyte_article(tmp_path):
    body = SEED.read_text(encoding="utf-8").split("\n", 2)[2]
    text = "Headline of a very long article\n" + (body + "\n") * (5_000_000 // len(body))
    path = tmp_path / "huge.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)  # its time against a 0.5 MB article: benchmarks/run.py
    assert article.reassemble({}) == text
    assert len(article.units) > 25_000


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_round_trips_or_is_refused_clearly(text):
    try:
        article = parse(text)
    except SourceLanguageError:
        article = parse(text, source_lang="xx")
    except InputError as err:
        assert not text.lstrip("\ufeff").strip()
        assert str(err) == "seeds/test-article.txt: empty article, nothing to translate"
        return
    assert article.reassemble({}) == text
    assert all(u.text and u.text == u.text.strip() for u in article.units)


def test_quoted_russian_tweet_is_marked_and_attributed():
    article = read_article(DATA / "articles" / "moscow-urges-calm.txt")
    tweet, attribution = (u for u in article.units if u.line in (5, 6))
    assert (tweet.role, tweet.lang) == ("quote", "ru")
    assert (attribution.role, attribution.text) == (
        "attribution",
        "Maria Zakharova (@MID_RF) October 1, 2020",
    )
    assert [u.lang for u in article.units if u.line != 5] == [None] * (len(article.units) - 1)
