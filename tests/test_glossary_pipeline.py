"""Place names through ``translate run`` with the adversarial packages: what MT's glossary step
says reaches the PO entry and the run's report, and ``glossary check`` agrees."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from conftest import ADVERSARIAL_MODELS, invoke, make_project

from translate.po import catalog
from translate.publish.outputs import packages_of

ARTICLE = "Fighting near Stepanakert resumed\nResidents fled from Stepanakert to Baku.\n"


@pytest.fixture
def names_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with one article naming Stepanakert and the ``names`` packages installed
    (az: it writes the forbidden «Xankəndi» for «Stepanakert»)."""
    root = make_project(tmp_path, monkeypatch)
    (root / "seeds" / "armenia-recalls-ambassador.txt").unlink()
    (root / "seeds" / "stepanakert.txt").write_text(ARTICLE, encoding="utf-8")
    models = sorted(map(str, ADVERSARIAL_MODELS.glob("translate-en_*-names.argosmodel")))
    invoke("models", "install", *models)
    return root


def test_a_replaced_forbidden_variant_is_noted_on_the_entry_and_in_the_report(names_project):
    result = invoke("run", "--threads", "1", "--lang", "az")
    assert ("    2 machine drafts with a glossary note (their MT: and QA: lines; translate "
            "glossary check lists what is still wrong)") in result.output.splitlines()
    po = polib.pofile(str(names_project / "locales/az/LC_MESSAGES/stepanakert.po"))
    entry = po.find("Residents fled from Stepanakert to Baku.")
    assert entry.msgstr == "Residents fled from Stepanakertdən to Bakıya."
    assert catalog.get_notes(entry, "MT") == [
        "argos translate-en_az-names-1_0 1.0 (confidence 1.00) "
        f"(msgstr sha256 {catalog.msgstr_digest(entry.msgstr)}) — glossary: Stepanakert → "
        "Stepanakert: MT wrote "
        "'Xankəndidən', replaced by 'Stepanakertdən'; check the grammar"]
    assert not [note for note in catalog.get_notes(entry, "QA") if note.startswith("glossary")]
    assert invoke("glossary", "check", "--lang", "az").output.strip() == "0 glossary problem(s)"
    assert packages_of(po) == (("translate-en_az-names-1_0", "1.0"),)  # the bundle manifest's


def test_a_second_run_keeps_the_note(names_project):
    invoke("run", "--threads", "1", "--lang", "az", "--quiet")
    path = names_project / "locales/az/LC_MESSAGES/stepanakert.po"
    before = path.read_text(encoding="utf-8")
    invoke("run", "--threads", "1", "--lang", "az", "--quiet")
    assert path.read_text(encoding="utf-8") == before
    assert "MT wrote 'Xankəndi'" in before



@pytest.mark.parametrize(("lang", "msgstr", "wrote"), [
    # The Persian form goes to the model inline; the model, which mangles Latin names, copies it.
    ("fa", "Residents fled from استپاناکرت to باکو.", None),
    # The Turkish form goes in Latin letters, the model writes the forbidden «Hankendi» for it.
    ("tr", "Residents fled from Stepanakert'ten to Bakü'ye.", "Hankendi'ten"),
])
def test_place_names_of_the_new_languages_come_out_right_or_noted(
    names_project, lang, msgstr, wrote
):
    invoke("run", "--threads", "1", "--lang", lang, "--quiet")
    po = polib.pofile(str(names_project / f"locales/{lang}/LC_MESSAGES/stepanakert.po"))
    entry = po.find("Residents fled from Stepanakert to Baku.")
    assert entry.msgstr == msgstr
    (note,) = catalog.get_notes(entry, "MT")
    if wrote is None:
        assert "glossary" not in note
    else:
        replaced = "Stepanakert'ten"  # the ablative the model's suffix asked for
        assert note.endswith(f"glossary: Stepanakert → Stepanakert: MT wrote {wrote!r}, "
                             f"replaced by {replaced!r}; check the grammar")
    assert invoke("glossary", "check", "--lang", lang).output.strip() == "0 glossary problem(s)"
