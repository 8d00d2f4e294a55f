"""Tests of translate.jobs.sources: which files of a folder are articles (issue 13, item 1).

A folder named on the command line is searched for articles; the outputs of earlier runs, the
locales folder, virtual environments, hidden folders and files that are documents of the
project (README.txt, notes.txt, requirements.txt) are never taken for articles.
"""

from __future__ import annotations

from pathlib import Path

from conftest import SEED, invoke

from translate.jobs.sources import collect_article_paths

RUN = ("run", "--engine", "pseudo", "--quiet", "--lang", "ru,he")


def test_run_dot_from_the_project_root_after_a_first_run_takes_only_articles(
    project: Path,
) -> None:
    invoke(*RUN)  # writes build/ru/<id>.txt, build/he/<id>.txt, locales/...
    strays = {
        "README.txt": "How to use this folder\nRun translate.\n",
        "notes.txt": "Call the editor\nAbout the Baku story.\n",
        "requirements.txt": "polib\nbabel\n",
        ".venv/lib/python3.11/site-packages/pkg/LICENSE.txt": "MIT License\nCopyright.\n",
        "env/pyvenv.cfg": "home = /usr/bin\n",
        "env/lib/readme-too.txt": "A virtualenv file\nNot an article.\n",
        ".hidden/draft.txt": "A hidden draft\nNot for translation.\n",
        "locales/ru/old.txt": "A stray file\nin the locales folder.\n",
    }
    for name, text in strays.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    result = invoke(*RUN, ".")
    assert result.output.splitlines()[0] == f"1 article(s): {SEED.stem}"
    assert collect_article_paths([Path(".")]) == [Path("seeds") / SEED.name]


def test_an_output_folder_inside_the_articles_folder_is_not_searched(
    project: Path,
) -> None:
    for _ in range(2):  # the second run finds seeds/out/ru/<id>.txt from the first
        result = invoke(*RUN, "seeds", "--out", "seeds/out")
        assert result.output.splitlines()[0] == f"1 article(s): {SEED.stem}"
    assert (project / "seeds/out/ru" / SEED.name).is_file()
    # Another command, with other options, still knows an output folder when it sees one.
    invoke(*RUN, "seeds", "--out", "build")
    assert collect_article_paths([Path("seeds")]) == [Path("seeds") / SEED.name]


def test_a_file_named_on_the_command_line_is_always_an_article(project: Path) -> None:
    notes = project / "notes.txt"
    notes.write_text("Notes on the war\nThe talks went on.\n", encoding="utf-8")
    result = invoke(*RUN, "notes.txt")
    assert result.output.splitlines()[0] == "1 article(s): notes"


def test_an_output_folder_that_is_the_articles_folder_is_not_searched(
    project: Path,
) -> None:
    for _ in range(2):  # the second run finds seeds/ru/<id>.txt from the first
        result = invoke(*RUN, "seeds", "--out", "seeds")
        assert result.output.splitlines()[0] == f"1 article(s): {SEED.stem}"
    assert (project / "seeds/ru" / SEED.name).is_file()


def test_the_output_folders_of_a_language_outside_the_default_set_are_not_searched(
    project: Path,
) -> None:
    # build/fa/ and build/tr/ are outputs as build/ru/ is, though --lang leaves them out by
    # default.
    for _ in range(2):  # the second run finds seeds/fa/<id>.txt from the first
        result = invoke("run", "--engine", "pseudo", "--quiet", "--lang", "fa,tr", "seeds",
                        "--out", "seeds")
        assert result.output.splitlines()[0] == f"1 article(s): {SEED.stem}"
    assert (project / "seeds/fa" / SEED.name).is_file()
