"""Tests of translate.options: RunOptions, target languages, engines and shards."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate import FORMATS
from translate.errors import InputError, LanguageError
from translate.options import RunOptions, in_shard, parse_shard, validate_engine, validate_langs


def test_validate_langs_keeps_the_order_and_drops_repeats_and_blanks() -> None:
    assert validate_langs(["ru", " he", "", "ru", "hy"]) == ("ru", "he", "hy")


@pytest.mark.parametrize(
    ("langs", "message"),
    [(["ru", "xx"], "unknown target language 'xx'"), ([" ", ""], "no target language given")],
)
def test_validate_langs_refuses(langs: list[str], message: str) -> None:
    with pytest.raises(LanguageError, match=message):
        validate_langs(langs)


def test_validate_engine() -> None:
    assert validate_engine("pseudo") == "pseudo"
    with pytest.raises(InputError, match="unknown engine 'deepl'; choose one of argos, pseudo"):
        validate_engine("deepl")


def test_run_options_formats_split_into_article_files_and_review_pages() -> None:
    assert RunOptions().formats == FORMATS
    assert RunOptions().text_formats == ("txt", "md", "html") and RunOptions().review
    only_review = RunOptions(formats=("review",))
    assert only_review.text_formats == () and only_review.review
    assert not RunOptions(formats=("html", "txt")).review


@pytest.mark.parametrize(
    ("text", "message"),
    [("2", "expected K/N"), ("a/b", "expected K/N"), ("0/3", "K must be between 1 and N"),
     ("4/3", "K must be between 1 and N")],
)
def test_parse_shard_refuses(text: str, message: str) -> None:
    assert parse_shard("2/8") == (2, 8)
    with pytest.raises(InputError, match=message):
        parse_shard(text)


article_ids = st.lists(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,30}", fullmatch=True),
                       unique=True, max_size=40)


@given(ids=article_ids, count=st.integers(min_value=1, max_value=12))
def test_shards_partition_the_articles(ids: list[str], count: int) -> None:
    shares = [[i for i in ids if in_shard(i, (k, count))] for k in range(1, count + 1)]
    assert sorted(i for share in shares for i in share) == sorted(ids)  # together: the whole
    assert sum(len(share) for share in shares) == len(ids)  # disjoint
    assert all(in_shard(i, None) for i in ids)


@pytest.mark.parametrize(
    ("article_id", "count", "shard"),
    [  # pinned: a share must not move between runs, machines or Python versions
        ("armenia-recalls-ambassador", 4, 4),
        ("story-000", 4, 3),
        ("story-001", 4, 2),
        ("story-002", 3, 3),
        ("bench-0001", 8, 8),
    ],
)
def test_shard_of_an_article_is_stable(article_id: str, count: int, shard: int) -> None:
    assert [k for k in range(1, count + 1) if in_shard(article_id, (k, count))] == [shard]


def test_project_paths_of_many_files_are_each_one_s_project_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    options = RunOptions(locales=Path("project/locales"))
    paths = [Path("project/seeds/a.txt"), Path("project/seeds/b.md"), Path("project/c.txt"),
             Path("elsewhere/d.txt"), tmp_path / "project" / "seeds" / "deep" / "e.html",
             Path("project/seeds/../f.txt")]
    assert options.project_paths(paths) == [options.project_path(path) for path in paths] == [
        "seeds/a.txt", "seeds/b.md", "c.txt", "../elsewhere/d.txt", "seeds/deep/e.html", "f.txt"]
