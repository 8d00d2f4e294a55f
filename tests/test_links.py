"""Symbolic links never lead the tool out of the project.

The tool writes only inside the project (the folder holding the locales folder) and the
folders the command names (``--out``, ``--locales``, ``-o``, the package store): a link on the
way to a file it writes that leads elsewhere is refused with one line, and the file it leads
to is left as it was, byte for byte. A link whose target stays inside the project is written
through. An article reached through a link that leaves the folder being searched is skipped
with a line, unless named on the command line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from build_tiny_marian import build_tiny_marian
from conftest import FIXTURE_MODELS, SEED, invoke, make_project

from translate.core.fsutil import write_bytes_atomic, write_scope
from translate.errors import OutsideProjectError

RUN = ("run", "--engine", "pseudo", "--lang", "ru", "--quiet")
ARTICLE = SEED.stem
#: A file outside the project, not the tool's to write (a valid PO file: a link to it is also
#: read as the article's catalog, and msgfmt checks every PO file a test leaves).
VICTIM = b'# not the tool\'s\nmsgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'



@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, holding a file (``victim``) the tool must never touch."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "victim").write_bytes(VICTIM)
    return folder


@pytest.fixture
def linked_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project (the working directory) in ``tmp_path/project``, beside ``outside``."""
    return make_project(tmp_path / "project", monkeypatch)


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file under ``folder`` (links as their target), to compare before and after."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_file():
            found[name] = path.read_bytes()
    return found


def link(path: Path, target: Path | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    return path


def assert_one_line_refusal(output: str, name: str) -> None:
    """The output names the refused file on one line, and holds no traceback."""
    lines = [line for line in output.splitlines() if name in line and "out of the project" in line]
    assert lines, output
    assert "Traceback" not in output


#: Every file a run or an assemble writes, relative to the project (with the default options).
RUN_OUTPUTS = [
    f"locales/ru/LC_MESSAGES/{ARTICLE}.po",
    f"locales/{ARTICLE}.pot",
    "locales/.translate-state/all.json",
    "locales/.translate.lock",
    f"build/ru/{ARTICLE}.txt",
    f"build/ru/{ARTICLE}.md",
    f"build/ru/{ARTICLE}.html",
    f"build/review/ru/{ARTICLE}.html",
    "build/review/index.html",
    "build/ru.zip",
]


@pytest.mark.parametrize("command", ["run", "assemble"])
@pytest.mark.parametrize("output", RUN_OUTPUTS)
def test_an_output_linked_out_of_the_project_is_refused_and_its_target_untouched(
    linked_project: Path, outside: Path, output: str, command: str
) -> None:
    if command == "assemble":
        invoke(*RUN)  # the PO files exist: assemble writes their outputs
        (linked_project / output).unlink(missing_ok=True)
    link(linked_project / output, outside / "victim")
    before = snapshot(outside)
    args = RUN if command == "run" else ("assemble", "--lang", "ru")
    result = invoke(*args, code=None)
    if command == "assemble" and output.startswith("locales/.translate"):
        assert result.exit_code == 0  # assemble neither locks nor writes the run state
    else:
        assert result.exit_code == 1, result.output
        assert_one_line_refusal(result.output, output)
    assert snapshot(outside) == before
    assert (linked_project / output).is_symlink()


@pytest.mark.parametrize("output", [f"locales/{ARTICLE}.pot", f"build/ru/{ARTICLE}.txt"])
def test_a_dangling_link_out_of_the_project_creates_nothing_there(
    linked_project: Path, outside: Path, output: str
) -> None:
    link(linked_project / output, outside / "new-file")
    result = invoke(*RUN, code=1)
    assert_one_line_refusal(result.output, output)
    assert not (outside / "new-file").exists()


def test_a_link_loop_is_refused_with_one_line(linked_project: Path) -> None:
    pot = link(linked_project / f"locales/{ARTICLE}.pot", f"{ARTICLE}.pot")
    result = invoke(*RUN, code=1)
    assert any(f"locales/{ARTICLE}.pot" in line and "loop" in line
               for line in result.output.splitlines()), result.output
    assert "Traceback" not in result.output
    assert pot.is_symlink() and os.readlink(pot) == f"{ARTICLE}.pot"


@pytest.mark.parametrize("folder", ["locales/ru", "build/ru", "build/review"])
def test_a_folder_linked_out_of_the_project_gets_nothing_written_into_it(
    linked_project: Path, outside: Path, folder: str
) -> None:
    link(linked_project / folder, outside)
    before = snapshot(outside)
    result = invoke(*RUN, code=1)
    assert "out of the project" in result.output and "Traceback" not in result.output
    assert snapshot(outside) == before


def test_a_link_out_of_one_article_s_output_leaves_the_others_done(
    linked_project: Path, outside: Path
) -> None:
    second = linked_project / "seeds/second-story.txt"
    second.write_text("Talks resume in Vienna\nThe talks resume on Monday.\n", encoding="utf-8")
    link(linked_project / f"build/ru/{ARTICLE}.txt", outside / "victim")
    result = invoke(*RUN, code=1)
    assert_one_line_refusal(result.output, f"build/ru/{ARTICLE}.txt")
    assert (linked_project / "build/ru/second-story.txt").is_file()
    assert (linked_project / "locales/ru/LC_MESSAGES/second-story.po").is_file()
    assert (outside / "victim").read_bytes() == VICTIM


@pytest.mark.parametrize("output", [f"locales/ru/LC_MESSAGES/{ARTICLE}.po",
                                    f"build/ru/{ARTICLE}.txt", "build/ru.zip"])
def test_a_link_that_stays_inside_the_project_is_written_through(
    linked_project: Path, output: str
) -> None:
    shared = linked_project / "shared" / Path(output).name
    shared.parent.mkdir()
    shared.write_bytes(VICTIM)
    link(linked_project / output, shared)
    invoke(*RUN)
    assert (linked_project / output).is_symlink()
    assert shared.read_bytes() != VICTIM


@pytest.mark.parametrize("option", ["--out", "--locales"])
def test_a_folder_the_command_names_is_written_where_it_leads(
    linked_project: Path, outside: Path, option: str
) -> None:
    named = link(linked_project / "elsewhere", outside)
    invoke(*RUN, option, "elsewhere")
    written = f"ru/{ARTICLE}.txt" if option == "--out" else f"ru/LC_MESSAGES/{ARTICLE}.po"
    assert (outside / written).is_file() and named.is_symlink()


def test_a_po_file_linked_out_of_the_project_is_not_published(
    linked_project: Path, outside: Path
) -> None:
    # assemble rewrites a PO file only when its notes changed: its text must not reach
    # build/ all the same, nor the translation memory of a run.
    invoke(*RUN)
    po = linked_project / f"locales/ru/LC_MESSAGES/{ARTICLE}.po"
    private = outside / "private.po"
    private.write_bytes(po.read_bytes().replace(b"\xe2\x9f\xa6", b"PRIVATE \xe2\x9f\xa6"))
    po.unlink()
    link(po, private)
    for args in (("assemble", "--lang", "ru"), RUN):
        result = invoke(*args, code=1)
        assert_one_line_refusal(result.output, po.relative_to(linked_project).as_posix())
        built = b"".join(p.read_bytes() for p in (linked_project / "build").rglob("*")
                         if p.is_file())
        assert b"PRIVATE" not in built


# --- Commands that write one file, and the package store -------------------------------------


def test_glossary_export_refuses_an_output_linked_out_of_its_folder(
    linked_project: Path, outside: Path
) -> None:
    target = link(linked_project / "exports/ru.csv", outside / "victim")
    result = invoke("glossary", "export", "--format", "csv", "--lang", "ru", "-o", str(target),
                    code=1)
    assert len(result.output.splitlines()) == 1
    assert_one_line_refusal(result.output, "exports/ru.csv")
    assert (outside / "victim").read_bytes() == VICTIM


def test_glossary_export_writes_into_the_folder_named_with_o(
    linked_project: Path, outside: Path
) -> None:
    invoke("glossary", "export", "--lang", "ru", "-o", str(outside / "ru.tbx"))
    assert (outside / "ru.tbx").read_bytes().startswith(b"<?xml")


def test_models_convert_refuses_an_output_linked_out_of_its_folder(
    linked_project: Path, outside: Path
) -> None:
    marian = build_tiny_marian(linked_project / "opus-mt-en-hy")
    target = link(linked_project / "packages-out/en_hy.argosmodel", outside / "victim")
    result = invoke("models", "convert", "--to", "hy", str(marian), "-o", str(target), code=1)
    assert len(result.output.splitlines()) == 1
    assert_one_line_refusal(result.output, "packages-out/en_hy.argosmodel")
    assert (outside / "victim").read_bytes() == VICTIM


def test_models_install_never_writes_through_a_link_in_the_store(
    linked_project: Path, outside: Path
) -> None:
    invoke("models", "install", str(FIXTURE_MODELS / "translate-en_ru.argosmodel"))
    store = linked_project / "packages"
    (installed,) = [p for p in store.iterdir() if not p.name.startswith(".")]
    kept = outside / "package"
    installed.rename(kept)
    link(installed, kept)
    before = snapshot(outside)
    invoke("models", "install", "--force", str(FIXTURE_MODELS / "translate-en_ru.argosmodel"))
    assert snapshot(outside) == before
    assert installed.is_dir() and not installed.is_symlink()


# --- The shared write helper, without a command --------------------------------------------


def test_the_write_helper_confines_a_link_to_the_scope_it_is_given(
    tmp_path: Path, outside: Path
) -> None:
    project = tmp_path / "project"
    inside = link(project / "inside.txt", project / "shared.txt")
    out = link(project / "out.txt", outside / "victim")
    with write_scope(project):
        assert write_bytes_atomic(inside, b"new\n")
        with pytest.raises(OutsideProjectError) as refused:
            write_bytes_atomic(out, b"new\n")
    assert (project / "shared.txt").read_bytes() == b"new\n"
    assert (outside / "victim").read_bytes() == VICTIM
    assert str(refused.value).startswith(f"{out}: ")
    assert "\n" not in str(refused.value)


# --- Article discovery ------------------------------------------------------------------------

PRIVATE = "Private memo to the editor\nThe source in Baku asked not to be named.\n"


def built_text(project: Path) -> str:
    """Every file the run wrote (PO files, templates, outputs), as one text."""
    return "".join(p.read_bytes().decode("utf-8", "replace")
                   for folder in ("locales", "build") for p in (project / folder).rglob("*")
                   if p.is_file())


def test_an_article_linked_out_of_the_folder_searched_is_skipped_with_a_line(
    linked_project: Path, outside: Path
) -> None:
    (outside / "private.txt").write_text(PRIVATE, encoding="utf-8")
    link(linked_project / "seeds/memo.txt", outside / "private.txt")
    result = invoke(*RUN)
    assert result.output.splitlines()[0] == f"1 article(s): {ARTICLE}"
    assert any(line.startswith("skipped seeds/memo.txt: ") and "outside" in line
               for line in result.output.splitlines()), result.output
    assert "Baku asked not to be named" not in built_text(linked_project)


def test_an_article_linked_out_of_the_folder_is_translated_when_named(
    linked_project: Path, outside: Path
) -> None:
    (outside / "private.txt").write_text(PRIVATE, encoding="utf-8")
    link(linked_project / "seeds/memo.txt", outside / "private.txt")
    result = invoke(*RUN, "seeds/memo.txt")
    assert result.output.splitlines()[0] == "1 article(s): memo"


@pytest.mark.parametrize("name, target, reason", [
    ("seeds/gone.txt", "nowhere.txt", "leads nowhere"),
    ("seeds/loop.txt", "loop.txt", "loop"),
    ("seeds/archive", "../../outside", "folder"),
    ("seeds/up.txt", "../glossary.yaml", "outside"),
])
def test_a_link_that_can_not_be_followed_is_skipped_with_a_line(
    linked_project: Path, outside: Path, name: str, target: str, reason: str
) -> None:
    (outside / "old-story.txt").write_text(PRIVATE, encoding="utf-8")
    link(linked_project / name, target)
    result = invoke(*RUN)
    assert result.output.splitlines()[0] == f"1 article(s): {ARTICLE}"
    lines = [line for line in result.output.splitlines() if line.startswith(f"skipped {name}: ")]
    assert len(lines) == 1 and reason in lines[0], result.output


def test_a_link_inside_the_folder_searched_is_an_article(linked_project: Path) -> None:
    link(linked_project / "seeds/again.txt", SEED.name)
    result = invoke(*RUN)
    assert result.output.splitlines()[0] == f"2 article(s): again, {ARTICLE}"
