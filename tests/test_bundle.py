"""Tests of translate.publish.review and translate.publish.bundle: review pages, the review index,
the publish gate, article files and the zip bundle."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_assemble import (
    SEED,
    hostile_article,
    parse_html,
    pseudo_translate,
    pseudo_translations,
    seed_article,
)

from translate.errors import ArticleIdError, InputError, LanguageError
from translate.formats.article import Article
from translate.po.catalog import STATES
from translate.publish.bundle import BundleItem, write_article_outputs, write_bundle
from translate.publish.review import (
    UnitReview,
    publish_gate,
    render_review_index,
    render_review_page,
    summarise_review,
    write_review,
    write_review_index,
)
from translate.qa.checks import Finding

MOMENT = datetime(2020, 10, 2, 12, 30, tzinfo=UTC)
REVIEW_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "p", "ul", "li", "main",
    "div", "section", "h2", "ins", "del", "span", "code", "bdi", "mark", "table", "thead",
    "tbody", "tr", "th", "td", "a", "br", "small",
}  # fmt: skip


def seed_reviews(
    article: Article, lang: str, states: list[str] | None = None
) -> tuple[UnitReview, ...]:
    """Reviews of the seed, unit by unit, cycling through ``states`` (default: all four)."""
    states = states or ["approved", "machine", "review", "untranslated"]
    reviews = []
    for index, unit in enumerate(article.units):
        state = states[index % len(states)]
        target = "" if state == "untranslated" else pseudo_translate(unit.text, lang)
        findings = (
            (Finding("numbers", "1994 is missing from the translation"),) if index == 2 else ())
        terms = ("Nagorno-Karabakh → Nagorno-Karabakh",) if "Nagorno" in unit.text else ()
        name = "Nagorno-Karabakh"
        source_marks = tuple((m.start(), m.end(), "term") for m in re.finditer(name, unit.text))
        target_marks = tuple((m.start(), m.end(), "term") for m in re.finditer(name, target))
        reviews.append(
            UnitReview(
                unit=unit,
                target=target,
                state=state,
                findings=findings,
                terms=terms,
                source_marks=source_marks,
                target_marks=target_marks,
                po_file=f"locales/{lang}/LC_MESSAGES/{article.id}.po",
                po_line=20 + 4 * index,
            )
        )
    return tuple(reviews)


def approved_share(article: Article, lang: str, approved: int, machine: int = 0) -> tuple:
    """Reviews with the first ``approved`` units approved, the next ``machine`` drafts."""
    states = ["approved"] * approved + ["machine"] * machine
    states += ["untranslated"] * (len(article.units) - len(states))
    return tuple(
        UnitReview(
            unit,
            "" if state == "untranslated" else pseudo_translate(unit.text, lang),
            state,
        )
        for unit, state in zip(article.units, states, strict=True)
    )


# --- review page ---------------------------------------------------------------------------


def test_review_page_shows_units_side_by_side_with_states() -> None:
    article = seed_article()
    reviews = seed_reviews(article, "he")
    page = render_review_page(article, "he", reviews)
    parsed = parse_html(page)
    assert set(parsed.tags) <= REVIEW_TAGS
    assert page.count('class="src" lang="en" dir="ltr"') == len(article.units)
    assert page.count('class="tgt" lang="he" dir="rtl"') == len(article.units)
    for label in ("approved", "machine draft", "needs review", "untranslated"):
        assert f'<span class="state">{label}</span>' in page
    assert "<code>numbers</code> 1994 is missing from the translation" in page
    assert f"locales/he/LC_MESSAGES/{article.id}.po:28" in page
    assert '<mark class="term">Nagorno-Karabakh</mark>' in page
    assert '<mark class="term"><bdi>Nagorno-Karabakh</bdi></mark>' in page
    # article order: each unit's source appears after the previous one's
    text = "".join(parsed.data)
    positions = [text.index(unit.text.split(" ")[0] + " ") for unit in article.units[:3]]
    assert positions == sorted(positions)
    assert "QA findings: 1" in page


def test_review_page_summary_counts() -> None:
    article = seed_article()
    page = render_review_page(article, "ru", approved_share(article, "ru", 12, 2))
    assert "approved: 12" in page and "machine draft: 2" in page and "untranslated: 2" in page
    assert "75.0% approved, 87.5% with machine drafts" in page


def test_missing_reviews_count_as_untranslated() -> None:
    article = seed_article()
    page = render_review_page(article, "ru", ())
    assert f"untranslated: {len(article.units)}" in page
    assert "no translation: the source text is used" in page


def test_hostile_text_is_escaped_in_review_page_and_index() -> None:
    article = hostile_article()
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    reviews = tuple(
        UnitReview(unit, evil, "review", (Finding(evil, evil),), (evil,), evil, 3)
        for unit in article.units
    )
    page = render_review_page(article, "he", reviews)
    index = render_review_index([summarise_review(article, "he", reviews)])
    for document in (page, index):
        parsed = parse_html(document)
        assert set(parsed.tags) <= REVIEW_TAGS
        assert not [name for name, _ in parsed.attrs if name.startswith("on") or name == "src"]
    assert evil in "".join(parse_html(page).data)
    assert "&lt;script&gt;alert(&#x27;headline&#x27;)&lt;/script&gt;" in index


def test_review_index_lists_articles_and_marks_gate() -> None:
    article = seed_article()
    rows = [
        summarise_review(article, "he", approved_share(article, "he", 16)),
        summarise_review(article, "ru", approved_share(article, "ru", 8, 8)),
        summarise_review(article, "hy", approved_share(article, "hy", 8, 8), include_drafts=True),
    ]
    page = render_review_index(rows)
    assert page.count("<tr class=") == 3
    assert page.count("⚠ below gate") == 1
    assert f'href="ru/{article.id}.html"' in page
    assert '<td class="num completion">50.0%</td>' in page
    assert '<td class="num completion">100.0%</td>' in page
    with_findings = summarise_review(article, "he", seed_reviews(article, "he"))
    assert '<td class="num finding-count">1</td>' in render_review_index([with_findings])


@pytest.mark.parametrize(
    ("approved", "machine", "drafts", "gate", "passes"),
    [
        (13, 0, False, 80, True),  # 81.25 %
        (12, 0, False, 80, False),  # 75 %
        (12, 1, False, 80, False),
        (12, 1, True, 80, True),
        (0, 0, False, 0, True),
        (16, 0, False, 100, True),
        (15, 1, True, 100, True),
        (15, 1, False, 100, False),
    ],
)
def test_publish_gate(approved: int, machine: int, drafts: bool, gate: int, passes: bool) -> None:
    counts = {"approved": approved, "machine": machine, "review": 0}
    counts["untranslated"] = 16 - approved - machine
    assert publish_gate(counts, min_translated=gate, include_drafts=drafts).passes is passes
    percent = round(100 * (approved + (machine if drafts else 0)) / 16, 1)
    assert publish_gate(counts, min_translated=gate, include_drafts=drafts).percent == percent


def test_article_without_units_never_passes() -> None:
    assert publish_gate(dict.fromkeys(STATES, 0), min_translated=0) == (0.0, False, ())


def test_publish_gate_refuses_a_threshold_that_is_no_percentage() -> None:
    with pytest.raises(InputError, match="--min-translated must be between 0 and 100, not 101"):
        publish_gate(dict.fromkeys(STATES, 1), min_translated=101)


# --- writers -----------------------------------------------------------------------------------


def test_write_article_outputs(tmp_path: Path) -> None:
    article = seed_article()
    translations = pseudo_translations(article, "he")
    paths = write_article_outputs(tmp_path / "build", article, "he", translations)
    names = [path.relative_to(tmp_path / "build").as_posix() for path in paths]
    assert names == [f"he/{article.id}.{ext}" for ext in ("txt", "md", "html")]
    assert paths[2].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    untranslated = write_article_outputs(tmp_path / "build", article, "ru", {}, formats=("txt",))
    assert untranslated[0].read_bytes() == SEED.read_bytes()


def test_writers_refuse_bad_ids_and_codes(tmp_path: Path) -> None:
    article = seed_article()
    bad = Article("../escape", article.source, article.parts)
    with pytest.raises(ArticleIdError):
        write_article_outputs(tmp_path, bad, "he", {})
    with pytest.raises(ArticleIdError):
        write_review(tmp_path, bad, "he", ())
    with pytest.raises(ArticleIdError):
        write_bundle(tmp_path, "he", [BundleItem(bad, ())])
    with pytest.raises(LanguageError):
        write_article_outputs(tmp_path, article, "../he", {})
    with pytest.raises(InputError, match="format"):
        write_article_outputs(tmp_path, article, "he", {}, formats=("pdf",))
    with pytest.raises(InputError, match="min-translated"):
        write_bundle(tmp_path, "he", [], min_translated=120)
    assert not list(tmp_path.iterdir())


def test_write_review_pages(tmp_path: Path) -> None:
    article = seed_article()
    reviews = seed_reviews(article, "he")
    page = write_review(tmp_path, article, "he", reviews)
    index = write_review_index(tmp_path, [summarise_review(article, "he", reviews)])
    assert page == tmp_path / "review" / "he" / f"{article.id}.html"
    assert index == tmp_path / "review" / "index.html"
    assert page.read_text(encoding="utf-8") == render_review_page(article, "he", reviews)


# --- bundle ------------------------------------------------------------------------------------


def two_articles() -> tuple[Article, Article]:
    """The seed and a copy under another id, so one can pass the gate and one fail."""
    article = seed_article()
    other = Article("second-article", Path("seeds/second-article.txt"), article.parts)
    return article, other


def test_bundle_respects_gate_and_writes_manifest(tmp_path: Path) -> None:
    article, other = two_articles()
    items = [
        BundleItem(other, approved_share(other, "ru", 8, 8)),
        BundleItem(
            article,
            approved_share(article, "ru", 14, 1),
            packages=(("translate-en_ru", "1.9"),),
        ),
    ]
    result = write_bundle(tmp_path, "ru", items, glossary_sha256="ab" * 32, generated_at=MOMENT)
    assert result.path == tmp_path / "ru.zip"
    assert result.published == (article.id,) and result.skipped == ("second-article",)
    with zipfile.ZipFile(result.path) as archive:
        assert archive.namelist() == ["manifest.json"] + [
            f"{article.id}.{ext}" for ext in ("txt", "md", "html")
        ]
        manifest = json.loads(archive.read("manifest.json"))
        text = archive.read(f"{article.id}.txt").decode("utf-8")
        assert all(info.date_time == (2020, 10, 2, 12, 30, 0) for info in archive.infolist())
    assert manifest == result.manifest
    (entry,) = manifest["articles"]
    assert entry["id"] == article.id
    assert entry["source"] == SEED.name
    assert entry["source_sha256"] == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert entry["units"] == {"approved": 14, "machine": 1, "review": 0, "untranslated": 1}
    assert entry["packages"] == [{"name": "translate-en_ru", "version": "1.9"}]
    # the machine draft is not published without include_drafts: two units fall back
    assert [fell["line"] for fell in entry["fell_back_to_source"]] == [
        unit.line for unit in article.units[14:]
    ]
    assert manifest["generated_at"] == "2020-10-02T12:30:00Z"
    assert manifest["glossary_sha256"] == "ab" * 32
    assert manifest["skipped"][0]["id"] == "second-article"
    assert manifest["totals"]["published"] == 1 and manifest["totals"]["skipped"] == 1
    assert manifest["totals"]["fell_back_to_source"] == 2
    assert pseudo_translate(article.units[0].text, "ru") in text
    assert article.units[14].text in text  # the draft fell back to the source


def test_bundle_with_drafts_publishes_more(tmp_path: Path) -> None:
    _seed, other = two_articles()
    items = [BundleItem(other, approved_share(other, "he", 8, 8))]
    result = write_bundle(tmp_path, "he", items, include_drafts=True, generated_at=MOMENT)
    assert result.published == ("second-article",)
    assert result.manifest["articles"][0]["fell_back_to_source"] == []
    none = write_bundle(tmp_path / "strict", "he", items, min_translated=80, generated_at=MOMENT)
    assert none.published == ()
    with zipfile.ZipFile(none.path) as archive:
        assert archive.namelist() == ["manifest.json"]


def test_bundle_is_deterministic(tmp_path: Path) -> None:
    article, other = two_articles()
    items = [
        BundleItem(article, approved_share(article, "hy", 16)),
        BundleItem(other, approved_share(other, "hy", 15)),
    ]
    first = write_bundle(tmp_path / "a", "hy", items, generated_at=MOMENT)
    second = write_bundle(tmp_path / "b", "hy", list(reversed(items)), generated_at=MOMENT)
    assert first.path.read_bytes() == second.path.read_bytes()
    again = write_bundle(tmp_path / "a", "hy", items, generated_at=MOMENT)
    assert first.changed and not again.changed
    later = write_bundle(tmp_path / "a", "hy", items, generated_at=datetime(2021, 1, 1, tzinfo=UTC))
    assert later.changed


def test_bundle_refuses_duplicate_ids(tmp_path: Path) -> None:
    article = seed_article()
    with pytest.raises(ArticleIdError, match="share"):
        write_bundle(tmp_path, "he", [BundleItem(article, ()), BundleItem(article, ())])
