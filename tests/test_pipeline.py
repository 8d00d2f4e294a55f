"""End to end: install the fixture packages, run the pipeline on the seed article, pin outputs.

Everything runs for real: the CLI, the validated package install, Argos package discovery,
CTranslate2 and SentencePiece, the PO writer, GNU gettext's msgfmt on the result.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
from pathlib import Path

import polib
import pytest
from babel.messages.plurals import get_plural
from conftest import ROOT, SEED, check_golden, invoke

import translate
from translate.po.catalog import msgstr_digest

GOLDEN = Path(__file__).resolve().parent / "golden" / "pipeline"
LANGS = ("hy", "az", "he", "ru")
#: The languages --lang names beyond its default (each one profile in translate/lang/).
MORE_LANGS = ("fa", "tr")


@pytest.mark.parametrize("langs", [LANGS, MORE_LANGS], ids=["default", "fa,tr"])
def test_run_translates_seed_into_golden_po_and_text(
    ready_project: Path, langs: tuple[str, ...]
) -> None:
    options = () if langs == LANGS else ("--lang", ",".join(langs))
    result = invoke("run", "--threads", "1", "--quiet", *options)
    for lang in langs:
        assert f"{lang}: 16 by MT" in result.output
        po = ready_project / "locales" / lang / "LC_MESSAGES" / f"{SEED.stem}.po"
        check_golden(po, GOLDEN / f"{SEED.stem}.{lang}.po", lang=lang)
        text = ready_project / "build" / lang / f"{SEED.stem}.txt"
        check_golden(text, GOLDEN / f"{SEED.stem}.{lang}.txt")
        html = (ready_project / "build" / lang / f"{SEED.stem}.html").read_text("utf-8")
        direction = "rtl" if lang in ("he", "fa") else "ltr"
        assert f'<html lang="{lang}" dir="{direction}">' in html


def test_machine_drafts_carry_header_references_fuzzy_and_provenance(
    ready_project: Path,
) -> None:
    invoke("run", "--threads", "1", "--quiet", "--lang", "ru")
    po = polib.pofile(str(ready_project / "locales/ru/LC_MESSAGES" / f"{SEED.stem}.po"))
    assert po.metadata["Language"] == "ru"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"

    assert po.metadata["Plural-Forms"] == get_plural("ru").plural_forms
    headline = po[0]
    assert headline.occurrences == [(f"seeds/{SEED.name}", "1")]
    assert "fuzzy" in headline.flags
    # the copy model is sure of every token: confidence 1.00 (translate.po.confidence)
    # and the note records the digest of the msgstr the machine wrote (catalog.drafted_by)
    assert (f"MT: argos translate-en_ru-1_0 1.0 (confidence 1.00) (msgstr sha256 "
            f"{msgstr_digest(headline.msgstr)})") in headline.comment.splitlines()
    # The fixture model copies its input and the glossary puts place names in Russian.
    assert headline.msgstr.startswith("Армения recalls ambassador from Израиля")


@pytest.mark.gettext
def test_every_po_written_passes_msgfmt_check(ready_project: Path) -> None:
    invoke("run", "--threads", "1", "--quiet", "--lang", ",".join(LANGS + MORE_LANGS))
    written = sorted((ready_project / "locales").rglob("*.po"))
    assert len(written) == 6
    for po in written:
        lang = po.parent.parent.name
        metadata = polib.pofile(str(po)).metadata
        assert metadata["Language"] == lang
        assert metadata["Plural-Forms"] == get_plural(lang).plural_forms  # Babel's (CLDR)
        check = subprocess.run(
            ["msgfmt", "--check", "-o", os.devnull, str(po)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr


def test_run_makes_no_network_connection(
    ready_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access attempted during translate run")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    result = invoke("run", "--threads", "1", "--quiet")
    assert attempts == []
    assert "16 by MT" in result.output


def test_missing_packages_still_write_po_files_and_say_what_to_do(project: Path) -> None:
    result = invoke("run", "--quiet")
    assert "missing en→hy: the public Argos index has no en→hy package" in result.output
    assert "translate models install" in result.output
    for lang in LANGS:
        po = polib.pofile(str(project / "locales" / lang / "LC_MESSAGES" / f"{SEED.stem}.po"))
        assert len(po) == 16 and all(not e.msgstr for e in po)
        text = project / "build" / lang / f"{SEED.stem}.txt"
        # untranslated units fall back to the source, under a line saying it is a draft
        header = b"DRAFT, not for publication: 16 of 16 units are not approved (16 untranslated)."
        assert text.read_bytes() == header + b"\n\n" + SEED.read_bytes()


def test_strict_turns_a_missing_pair_into_exit_1(project: Path) -> None:
    result = invoke("run", "--quiet", "--strict", "--lang", "hy", code=1)
    assert "--strict: missing language pairs: hy" in result.output


@pytest.mark.gettext
def test_rerun_keeps_translator_edit_and_rewrites_nothing(ready_project: Path) -> None:
    invoke("run", "--threads", "1", "--quiet", "--lang", "ru")
    path = ready_project / "locales/ru/LC_MESSAGES" / f"{SEED.stem}.po"
    po = polib.pofile(str(path))
    po[0].msgstr = "Армения отзывает посла из Израиля"
    po[0].flags.remove("fuzzy")
    po.save(str(path))
    subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)  # as an editor writes it
    result = invoke("run", "--threads", "1", "--quiet", "--lang", "ru")
    assert "15 already done" not in result.output  # sanity: the counter counts entries
    assert "16 already done" in result.output
    after = polib.pofile(str(path))
    assert after[0].msgstr == "Армения отзывает посла из Израиля"
    assert "fuzzy" not in after[0].flags
    before = {p: p.stat().st_mtime_ns for p in ready_project.rglob("*") if p.is_file()}
    invoke("run", "--threads", "1", "--quiet", "--lang", "ru")
    after_run = {p: p.stat().st_mtime_ns for p in ready_project.rglob("*") if p.is_file()}
    changed = [str(p) for p in after_run if before.get(p) != after_run[p]]
    assert changed == [str(ready_project / "locales" / ".translate.lock")] or changed == []


def test_pseudo_engine_needs_no_package(project: Path) -> None:
    invoke("run", "--engine", "pseudo", "--quiet", "--lang", "he")
    po = polib.pofile(str(project / "locales/he/LC_MESSAGES" / f"{SEED.stem}.po"))
    assert all(e.msgstr for e in po)
    assert all(f"MT: pseudo (msgstr sha256 {msgstr_digest(e.msgstr)})" in e.comment.splitlines()
               for e in po)


@pytest.mark.parametrize(
    ("args", "setup", "message"),
    [
        (["run", "missing.txt"], None, "missing.txt: no such file or folder"),
        (["run", "seeds/bad.txt"], b"\xffHeadline\n", "seeds/bad.txt:1: not UTF-8"),
        (["run", "--lang", "xx"], None, "unknown target language 'xx'"),
        (["run", "seeds/bad id.txt"], b"Headline\nText.\n", "not a valid article id"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(
    project: Path, args: list[str], setup: bytes | None, message: str
) -> None:
    if setup is not None:
        (project / args[-1]).write_bytes(setup)
    result = invoke(*args, "--engine", "none", code=None)
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.broken_po
def test_bad_po_file_is_reported_left_untouched_and_others_go_on(project: Path) -> None:
    bad = project / "locales/ru/LC_MESSAGES" / f"{SEED.stem}.po"
    bad.parent.mkdir(parents=True)
    bad.write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    result = invoke("run", "--engine", "none", "--quiet", code=1)
    assert f"locales/ru/LC_MESSAGES/{SEED.stem}.po:2:" in result.output
    assert bad.read_text(encoding="utf-8") == 'msgid "x"\nmsgstr "y\n'
    assert (project / "locales/he/LC_MESSAGES" / f"{SEED.stem}.po").exists()


def test_python_dash_m_translate_works() -> None:
    result = subprocess.run(
        [os.sys.executable, "-m", "translate", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "Offline news localisation" in result.stdout


def test_unit_already_in_another_language_is_not_machine_translated(
    ready_project: Path,
) -> None:
    article = ROOT / "tests" / "data" / "articles" / "moscow-urges-calm.txt"
    shutil.copy(article, ready_project / "seeds" / article.name)
    result = invoke("run", "--threads", "1", "--quiet", "--lang", "he,ru")
    assert result.output.count("1 left untranslated: already in another language") == 2
    tweet = "Мы призываем стороны к немедленному прекращению огня."
    for lang in ("he", "ru"):
        folder = ready_project / "locales" / lang / "LC_MESSAGES"
        po = polib.pofile(str(folder / "moscow-urges-calm.po"))
        entry = po.find(tweet)
        assert entry is not None and entry.msgstr == "" and "lang: ru" in entry.comment
        text = (ready_project / "build" / lang / "moscow-urges-calm.txt").read_text("utf-8")
        assert tweet in text  # kept as it was, not run through an English model


def test_glossary_check_reports_a_forbidden_variant_written_by_a_translator(
    ready_project: Path,
) -> None:
    invoke("run", "--threads", "1", "--quiet", "--lang", "ru")
    clean = invoke("glossary", "check", "--lang", "ru")
    assert clean.output.strip().endswith("0 glossary problem(s)")
    path = ready_project / "locales/ru/LC_MESSAGES" / f"{SEED.stem}.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid.startswith("The fighting in Nagorno-Karabakh"))
    entry.msgstr = "Бои в Арцахе вспыхнули в воскресенье."  # the other side's name
    entry.flags.remove("fuzzy")  # approved by a translator
    po.save(str(path))
    result = invoke("glossary", "check", "--lang", "ru", code=3)
    lines = path.read_text(encoding="utf-8").splitlines()
    first = polib.pofile(str(path)).find(entry.msgid).linenum  # the entry's first comment
    line = next(n for n in range(first, len(lines)) if lines[n - 1].startswith("msgid "))
    where = f"locales/ru/LC_MESSAGES/{SEED.stem}.po:{line}: Nagorno-Karabakh → Нагорный Карабах"
    assert result.output.splitlines() == [
        f"{where}: missing from the translation (write Нагорный Карабах or a case form: "
        "Нагорного Карабаха, Нагорному Карабаху, Нагорным Карабахом, Нагорном Карабахе)",
        f"{where}: the publisher does not use 'Арцах' (Арцах)",
        "2 glossary problem(s)",
    ]


def test_a_po_file_saved_by_a_translator_during_the_run_is_never_overwritten(
    ready_project: Path,
) -> None:
    invoke("run", "--threads", "1", "--quiet", "--lang", "ru", "--engine", "none")
    path = ready_project / "locales/ru/LC_MESSAGES" / f"{SEED.stem}.po"

    class EditorSavesMidRun(translate.Progress):
        def start(self, lang: str, total: int) -> None:  # MT is about to start
            po = polib.pofile(str(path))
            po[0].msgstr = "Армения отзывает посла из Израиля"
            po.save(str(path))

    options = translate.RunOptions(langs=("ru",), threads=1)
    summary = translate.run(options, EditorSavesMidRun())
    assert summary.ok, summary.render()  # the save was merged before the file was written
    po = polib.pofile(str(path))
    assert (po[0].msgstr, po[0].fuzzy) == ("Армения отзывает посла из Израиля", False)
    assert all(entry.msgstr for entry in po)  # and the run's machine drafts are there too
    rerun = invoke("run", "--threads", "1", "--quiet", "--lang", "ru")
    assert "ru: 0 by MT" in rerun.output
    assert polib.pofile(str(path))[0].msgstr == "Армения отзывает посла из Израиля"


# --- Issue 13 ---------------------------------------------------------------------------------


def write_compendium(path: Path, lang: str, msgid: str, msgstr: str) -> Path:
    compendium = polib.POFile()
    compendium.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
    compendium.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    compendium.save(str(path))
    return path


def test_a_compendium_of_another_language_is_refused_before_anything_is_written(
    project: Path,
) -> None:
    headline = translate.read_article(SEED).units[0].text
    write_compendium(project / "ru.po", "ru", headline, "Армения отзывает посла")
    result = invoke("run", "--engine", "pseudo", "--quiet", "--lang", "hy", "--tm", "ru.po",
                    code=1)
    assert result.output.splitlines() == [
        "Error: ru.po: a compendium in Russian (Language: ru), not in a language of this run "
        "(hy); a --tm file serves the language of its Language header"
    ]
    assert not (project / "locales").exists() and not (project / "build").exists()


def test_a_compendium_is_used_for_its_own_language_only(project: Path) -> None:
    headline = translate.read_article(SEED).units[0].text
    write_compendium(project / "ru.po", "ru", headline, "Армения отзывает посла")
    result = invoke("run", "--engine", "pseudo", "--quiet", "--lang", "hy,ru", "--tm", "ru.po")
    assert "hy: 0 by MT, 16 pseudo-translated, 0 from memory" in result.output
    assert "ru: 0 by MT, 15 pseudo-translated, 1 from memory" in result.output
    for lang, expected in (("hy", "⟦hy⟧"), ("ru", "Армения отзывает посла")):
        po = polib.pofile(str(project / "locales" / lang / "LC_MESSAGES" / f"{SEED.stem}.po"))
        assert po.find(headline).msgstr.startswith(expected)


def test_glossary_check_reports_an_entry_left_in_english_that_names_a_place(
    ready_project: Path,
) -> None:
    invoke("run", "--threads", "1", "--quiet", "--lang", "ru")
    path = ready_project / "locales/ru/LC_MESSAGES" / f"{SEED.stem}.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid.startswith("The fighting in Nagorno-Karabakh"))
    entry.msgstr = entry.msgid  # approved, yet still in English
    entry.flags.remove("fuzzy")
    po.save(str(path))
    result = invoke("glossary", "check", "--lang", "ru", code=3)
    assert "Nagorno-Karabakh → Нагорный Карабах: missing from the translation" in result.output
    assert result.output.splitlines()[-1] == "1 glossary problem(s)"
    codes = [item["code"] for item in json.loads(invoke("check", "--json", "--lang", "ru").output)
             if item["msgid"] == entry.msgid]
    assert codes == ["identical", "glossary"]


def test_a_broken_package_is_reported_for_its_pair_and_the_others_go_on(
    ready_project: Path,
) -> None:
    (ready_project / "packages/translate-en_ru-1_0/model/model.bin").write_bytes(b"broken")
    result = invoke("run", "--threads", "1", "--quiet", "--lang", "ru,he", code=1)
    assert "he: 16 by MT" in result.output
    assert "ru: 0 by MT, 0 from memory, 0 already done, 16 untranslated" in result.output
    assert "    16 left untranslated: the en→ru package does not load" in result.output
    errors = [line for line in result.output.splitlines() if "error:" in line]
    assert len(errors) == 1 and "translate-en_ru-1_0: cannot load the Argos package" in errors[0]
    for lang in ("ru", "he"):
        assert (ready_project / "locales" / lang / "LC_MESSAGES" / f"{SEED.stem}.po").is_file()
        assert (ready_project / "build" / f"{lang}.zip").is_file()
