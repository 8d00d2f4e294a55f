"""A newcomer's first hour, driven as a user drives it: `make run`, then the commands the README
and each command's own output name next. Each test pins the line that tells the user what
happened and what to do, where a newcomer stumbled before (a "command not found" after `make
run`, make's "Error 1 (ignored)" after a run that worked, a glossary missing without a word,
"no findings" on files nobody translated, a pseudo-translation counted as MT, a copying
package called ready).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from conftest import ROOT, invoke

import translate

VENV = ROOT / ".venv"


def make_run(project: Path, *variables: str) -> subprocess.CompletedProcess[str]:
    """``make run`` of this repository's Makefile in ``project`` (its ``seeds/``), with the
    repository's virtualenv taken as installed (``-o``: its lock stamp is not remade)."""
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(project / "packages")}
    return subprocess.run(
        ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), f"VENV={VENV}",
         "-o", f"{VENV}/.locked-run", *variables, "run"],
        cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False,
    )


@pytest.fixture
def seeded(project: Path) -> Path:
    """A copy of the repository's seeds/ and glossary.yaml, where ``make run`` runs."""
    if shutil.which("make") is None or not (VENV / "bin" / "translate").is_file():
        pytest.skip("needs make and the repository's .venv (make run)")
    return project


def test_make_run_without_packages_says_why_and_how_to_call_the_tool(seeded: Path) -> None:
    done = make_run(seeded, f"MODELS_INDEX={(seeded / 'no-index.json').as_uri()}")
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    assert "Error" not in output and "ignored" not in output
    lines = done.stdout.splitlines()
    assert ("make run: not every language package could be fetched (see above); the run goes "
            "on with the packages installed") in lines
    assert "1 article(s): armenia-recalls-ambassador" in lines
    bin_ = VENV / "bin"
    assert lines[-3:] == [
        f"Done. The translate command is in {bin_}/: call it as {bin_}/translate "
        f"(e.g. {bin_}/translate status),",
        f"or once per shell: source {bin_}/activate, then translate status, translate --help.",
        f"A project of your own: {bin_}/translate init my-news (README.md, \"Your own "
        "project\").",
    ]
    assert (seeded / "locales" / "ru" / "LC_MESSAGES" / "armenia-recalls-ambassador.po").is_file()


# --- a project without glossary.yaml ------------------------------------------------------

NO_GLOSSARY = ("warning: no glossary.yaml: place names are not enforced (put the publisher's "
               "glossary there, or start from the one translate init writes)")


@pytest.mark.parametrize("command", [
    ("run", "--engine", "pseudo", "--lang", "ru"),
    ("assemble", "--lang", "ru"),
    ("check",),
])
def test_a_missing_glossary_is_one_warning_line(project: Path, command: tuple[str, ...]) -> None:
    (project / "glossary.yaml").unlink()
    if command[0] != "run":
        invoke("run", "--engine", "none", "--lang", "ru")
    lines = invoke(*command).stdout.splitlines()
    assert lines.count(NO_GLOSSARY) == 1
    assert lines.index(NO_GLOSSARY) == (1 if command[0] != "check" else 0)


@pytest.mark.parametrize("command", [("run", "--engine", "none", "--lang", "ru"), ("check",)])
def test_a_project_with_its_glossary_gets_no_warning(project: Path,
                                                     command: tuple[str, ...]) -> None:
    invoke("run", "--engine", "none", "--lang", "ru")
    assert "warning:" not in invoke(*command).output


def test_the_run_summary_lists_the_missing_glossary_in_json(project: Path) -> None:
    (project / "glossary.yaml").unlink()
    summary = translate.run(translate.RunOptions(langs=("ru",), engine="none"))
    assert json.loads(summary.to_json())["notices"] == [NO_GLOSSARY.removeprefix("warning: ")]
    assert summary.ok


# --- check on files nobody translated yet --------------------------------------------------


def test_check_on_untranslated_files_says_how_many_entries_it_could_not_check(
    project: Path,
) -> None:
    invoke("run", "--engine", "none", "--lang", "ru,he")
    assert invoke("check").stdout.splitlines() == [
        "no findings in 2 file(s); 32 of 32 entries are untranslated and not checked "
        "(translate run drafts them by MT, translators fill them in a PO editor)"]


def test_check_counts_the_untranslated_entries_beside_the_findings(project: Path) -> None:
    invoke("run", "--engine", "pseudo", "--lang", "ru")
    po = project / "locales" / "ru" / "LC_MESSAGES" / "armenia-recalls-ambassador.po"
    catalog = polib.pofile(str(po))
    for entry in catalog[:3]:
        entry.msgstr = ""
        entry.flags.remove("fuzzy")
    catalog.save()
    last = invoke("check").stdout.splitlines()[-1]
    assert last == ("13 error(s), 0 warning(s) in 1 file(s); 3 of 16 entries are untranslated "
                    "and not checked (translate run drafts them by MT, translators fill them "
                    "in a PO editor)")


def test_check_of_a_translated_file_has_no_untranslated_note(project: Path) -> None:
    invoke("run", "--engine", "pseudo", "--lang", "ru")
    assert invoke("check").stdout.splitlines()[-1] == "16 error(s), 0 warning(s) in 1 file(s)"


def test_glossary_check_on_untranslated_files_says_what_it_could_not_check(
    project: Path,
) -> None:
    invoke("run", "--engine", "none", "--lang", "ru")
    assert invoke("glossary", "check").stdout.splitlines() == [
        "0 glossary problem(s); 16 of 16 entries are untranslated and not checked "
        "(translate run drafts them by MT, translators fill them in a PO editor)"]


# --- what a run counts -------------------------------------------------------------------


def test_a_pseudo_run_counts_pseudo_translations_apart_from_mt(project: Path) -> None:
    lines = invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet").stdout.splitlines()
    assert lines[1:3] == [
        "ru: 0 by MT, 16 pseudo-translated, 0 from memory, 0 already done, 0 untranslated "
        "[pseudo]",
        "    16 pseudo-translated: marked ⟦…⟧, not translations (a run with a language package "
        "replaces them)",
    ]
    summary = translate.run(translate.RunOptions(langs=("he",), engine="pseudo"))
    he = json.loads(summary.to_json())["languages"]["he"]
    assert (he["machine"], he["pseudo"]) == (0, 16)


def test_a_run_with_a_package_replaces_the_pseudo_translations(ready_project: Path) -> None:
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet")
    store = ready_project / "packages"
    shutil.move(store, ready_project / "away")  # no package yet: the drafts are kept, and said so
    kept = invoke("run", "--lang", "ru", "--quiet").stdout.splitlines()
    assert kept[1:3] == [
        "ru: 0 by MT, 0 from memory, 16 already done, 0 untranslated",
        "    16 pseudo-translations kept, not translations: no Argos package for en→ru"]
    shutil.move(ready_project / "away", store)
    again = invoke("run", "--lang", "ru", "--quiet").stdout
    assert "ru: 16 by MT, 0 from memory, 0 already done, 0 untranslated [argos " in again
    po = ready_project / "locales" / "ru" / "LC_MESSAGES" / "armenia-recalls-ambassador.po"
    assert "⟦" not in po.read_text(encoding="utf-8")
    assert "ru: 0 by MT, 0 from memory, 16 already done" in invoke("run", "--lang", "ru").stdout


def test_a_run_never_replaces_a_translators_edit_of_a_pseudo_translation(
    ready_project: Path,
) -> None:
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet")
    po_path = ready_project / "locales" / "ru" / "LC_MESSAGES" / "armenia-recalls-ambassador.po"
    po = polib.pofile(str(po_path))
    po[0].msgstr = "Армения отзывает посла"  # edited, left fuzzy: a person's work
    po.save()
    assert "ru: 15 by MT, 0 from memory, 1 already done" in invoke(
        "run", "--lang", "ru", "--quiet").stdout
    assert polib.pofile(str(po_path))[0].msgstr == "Армения отзывает посла"


# --- models doctor on packages that copy English ---------------------------------------------


def test_doctor_calls_the_copy_packages_untranslating_with_the_next_step(
    ready_project: Path,
) -> None:
    result = invoke("models", "doctor", "--lang", "ru,hy", code=1)
    store = ready_project / "packages"
    lines = result.stdout.splitlines()
    assert lines[2].startswith("en→ru: DOES NOT TRANSLATE  translate-en_ru-1_0 1.0, ")
    assert lines[4].startswith("  test: 'The minister arrived in Moscow on Tuesday.' → "
                               "'The minister arrived in Москва on Tuesday.' (")
    assert lines[5:7] == [
        "  problem: its test sentence comes back in English (6 of 7 words unchanged)",
        f"  next step: delete {store / 'translate-en_ru-1_0'} (it cannot translate), then run "
        "translate models fetch --lang ru (needs the network), or install an en_ru "
        ".argosmodel file: translate models install FILE.argosmodel",
    ]
    assert lines[-1] == "0 of 2 language pairs ready (2 installed packages do not translate)."


# --- small items ------------------------------------------------------------------------------


@pytest.mark.parametrize(("translation", "message"), [
    ('Он сказал: "Мы уходим".', 'Russian quotes with «…», not "…"'),
    ("Он сказал: “Мы уходим”.", "Russian quotes with «…», not “…”"),
])
def test_the_quotes_warning_shows_the_marks_around_the_quotation(
    project: Path, translation: str, message: str,
) -> None:
    po = project / "locales" / "ru" / "LC_MESSAGES" / "said.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; '
                  'charset=UTF-8\\n"\n\n#: seeds/said.txt:2\nmsgid "He said: “We are '
                  f'leaving”."\nmsgstr "{translation.replace(chr(34), chr(92) + chr(34))}"\n',
                  encoding="utf-8")
    lines = invoke("check").stdout.splitlines()
    assert lines[1] == f"  {po.relative_to(project)}:7: punctuation: {message} (warning)"


def test_assemble_counts_the_units_by_state_not_as_work_already_done(ready_project: Path) -> None:
    invoke("run", "--lang", "ru", "--quiet")
    po_path = ready_project / "locales" / "ru" / "LC_MESSAGES" / "armenia-recalls-ambassador.po"
    po = polib.pofile(str(po_path))
    po[0].msgstr, po[0].flags = "Армения отзывает посла из Израиля", []  # a translator approves
    po[1].msgstr = ""  # and clears a draft
    po.save()
    lines = invoke("assemble", "--lang", "ru").stdout.splitlines()
    assert lines[1] == "ru: 16 units: 1 approved, 14 machine drafts, 0 need review, 1 untranslated"
    assert "already done" not in "\n".join(lines)


WRAPPED_STANDFIRST = (
    "Talks resume in Baku\n{gap}"
    "Foreign ministers meet for the first time since the spring,\n"
    "with a ceasefire on the agenda\n\n"
    "The foreign ministers of Armenia and Azerbaijan met in Baku on Monday.\n\n"
    "They agreed to meet again next month.\n"
)


@pytest.mark.parametrize("gap", ["\n", ""], ids=["own-paragraph", "under-the-headline"])
def test_a_hard_wrapped_standfirst_between_blank_lines_is_one_standfirst(
    tmp_path: Path, gap: str
) -> None:
    path = tmp_path / "talks.txt"
    path.write_text(WRAPPED_STANDFIRST.format(gap=gap), encoding="utf-8")
    first = 3 if gap else 2
    lines = invoke("segment", str(path)).stdout.splitlines()
    assert lines[1].split()[:2] == [str(first), "standfirst"]
    assert lines[1].endswith("  Foreign ministers meet for the first time since the spring,")
    assert lines[2] == "with a ceasefire on the agenda"  # the unit's own line break
    assert [line.split()[:2] for line in lines[3:]] == [
        [str(first + 3), "sentence"], [str(first + 5), "sentence"]]


def test_pseudo_drafts_are_known_by_the_provenance_the_pseudo_engine_notes() -> None:
    from translate.models.engine import PseudoTranslator
    from translate.po.catalog import PSEUDO_PROVENANCE

    assert PseudoTranslator("ru").provenance == PSEUDO_PROVENANCE


def test_check_does_not_count_a_unit_kept_in_its_own_language_as_untranslated(
    project: Path,
) -> None:
    (project / "seeds" / "quote.txt").write_text(
        "Talks resume in Baku\nThe minister said the talks would go on next week, and that the "
        "two sides had agreed to meet again in the spring.\nHe was quoted by the news agency as "
        "saying the following words to the press.\n"
        "Мы призываем стороны к миру и к переговорам без предварительных условий.\n",
        encoding="utf-8")
    invoke("run", "seeds/quote.txt", "--engine", "none", "--lang", "he")
    po = polib.pofile(str(project / "locales" / "he" / "LC_MESSAGES" / "quote.po"))
    assert [entry.msgid[:2] for entry in po if "lang: ru" in entry.comment] == ["Мы"]
    assert invoke("check").stdout.splitlines()[-1] == (
        "no findings in 1 file(s); 3 of 3 entries are untranslated and not checked (translate "
        "run drafts them by MT, translators fill them in a PO editor)")
