"""Article ids: what may name an article's files in every folder a run writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke

from translate.formats.article import is_valid_article_id


@pytest.mark.parametrize("article_id", ["story\n", "story\r", "\nstory", "sto ry", ".story", ""])
def test_an_id_with_a_line_break_or_a_space_is_refused(article_id):
    # `$` matches before a final newline: "story\n" passed and the run wrote a PO file
    # named "story\n.po", which it could not read back.
    assert not is_valid_article_id(article_id)


def test_a_run_refuses_an_article_file_whose_name_ends_in_a_newline(project: Path) -> None:
    (project / "seeds" / "story\n.txt").write_text("Council approves budget\n", encoding="utf-8")
    result = invoke("run", "--engine", "pseudo", "--lang", "ru", code=1)
    assert "'story\\n' is not a valid article id" in result.output
    assert not (project / "locales").exists()
