"""What the command line prints never reprograms the terminal.

Text from files a stranger wrote (an article's headline, PO entries, file and folder names,
glossary terms, a package store's path) reaches the terminal with every control character
escaped: no ESC, BEL, CSI (7-bit or the one-byte C1 0x9B), carriage return, DEL or bidi
override comes out raw, on standard output or on standard error.
"""

from __future__ import annotations

import ast
import json
import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURE_MODELS, ROOT, invoke, unzip_packages

from translate.po.catalog import msgstr_digest

#: What a hostile file holds: an OSC that retitles the window (ESC ] ... BEL), a CSI that
#: clears the screen (7-bit), the one-byte C1 CSI, DEL, and a right-to-left override.
HOSTILE = "\x1b]0;PWNED\x07\x1b[2J\x9b31m\x7f\u202e"
#: Characters that must never reach the terminal raw (written out here, not taken from the
#: code under test): C0 controls but tab and newline, DEL, C1 controls, bidi embeddings,
#: overrides and isolates.
RAW = ({chr(c) for c in range(0x20)} - {"\t", "\n"}) | {chr(c) for c in range(0x7F, 0xA0)} | set(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

PO_HEADER = """msgid ""
msgstr ""
"Language: ru\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
"(n%100<10 || n%100>=20) ? 1 : 2);\\n"

"""


def quoted(text: str) -> str:
    """``text`` as a PO string, its control characters raw (as gettext reads them)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def po_text(msgid: str, msgstr: str) -> str:
    """A PO file of one machine draft, with a confidence, of ``msgid`` (its note records the
    digest of its msgstr: the tool's own draft, not a person's edit)."""
    return (PO_HEADER + "#. MT: argos translate-en_ru-1_9 1.9 (confidence 0.40) (msgstr sha256 "
            f"{msgstr_digest(msgstr)})\n"
            f"#: seeds/talks.txt:1\n#, fuzzy\nmsgid {quoted(msgid)}\nmsgstr {quoted(msgstr)}\n")


def approved_po_text(msgid: str, msgstr: str) -> str:
    """A PO file of one approved translation."""
    return PO_HEADER + f"#: seeds/talks.txt:2\nmsgid {quoted(msgid)}\nmsgstr {quoted(msgstr)}\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def hostile_headline(project: Path) -> list[str]:
    write(project / "seeds/talks.txt", f"Talks {HOSTILE} resume in Vienna\nThe talks resume.\n")
    return ["segment", "seeds/talks.txt"]


def hostile_headline_json(project: Path) -> list[str]:
    return [*hostile_headline(project), "--json"]


def hostile_draft(project: Path) -> list[str]:
    write(project / "locales/ru/LC_MESSAGES/talks.po",
          po_text(f"Talks {HOSTILE} resume", f"Переговоры {HOSTILE} возобновятся"))
    return ["status", "--lang", "ru"]


def hostile_draft_json(project: Path) -> list[str]:
    return [*hostile_draft(project), "--json"]


def hostile_po_file_name(project: Path) -> list[str]:
    write(project / f"locales/ru/LC_MESSAGES/talks{HOSTILE}.po",
          approved_po_text("Talks in Vienna", f"Переговоры {HOSTILE} в Вене"))
    return ["check", "--lang", "ru"]


def hostile_po_file_name_json(project: Path) -> list[str]:
    return [*hostile_po_file_name(project), "--json"]


def hostile_glossary_term(project: Path) -> list[str]:
    write(project / "glossary.yaml",
          "version: 1\nterms:\n  - en: Vienna\n    ru:\n"
          '      approved: "Вена\\e]0;PWNED\\a\\u202e"\n      inflect: none\n')
    write(project / "locales/ru/LC_MESSAGES/talks.po",
          approved_po_text("Talks resume in Vienna", "Переговоры возобновятся в Вене"))
    return ["glossary", "check", "--lang", "ru"]


def hostile_store_path(project: Path) -> list[str]:
    unzip_packages(FIXTURE_MODELS, project / f"store{HOSTILE}")
    return ["models", "list", "--models", f"store{HOSTILE}"]


def hostile_package_file_name(project: Path) -> list[str]:
    write(project / f"pkg{HOSTILE}.argosmodel", b"not a zip")
    return ["models", "install", f"pkg{HOSTILE}.argosmodel"]


def hostile_folder_of_an_unreadable_article(project: Path) -> list[str]:
    write(project / f"seeds/wire{HOSTILE}/story.txt", b"\xff\xfe not UTF-8 \x80\n")
    return ["run", "--engine", "pseudo", "--lang", "ru", "--quiet"]


def hostile_article_file_name(project: Path) -> list[str]:
    write(project / f"seeds/talks{HOSTILE}.txt", "Talks resume\nThe talks resume.\n")
    return ["run", "--engine", "pseudo", "--lang", "ru", "--quiet"]


def hostile_glossary_option(project: Path) -> list[str]:
    return ["check", "--glossary", f"missing{HOSTILE}.yaml"]


def hostile_file_argument(project: Path) -> list[str]:
    return ["check", f"missing{HOSTILE}.po"]


def hostile_unknown_command(project: Path) -> list[str]:
    return [f"stat{HOSTILE}"]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "segment: headline": hostile_headline,
    "segment --json: headline": hostile_headline_json,
    "status: machine draft": hostile_draft,
    "status --json: machine draft": hostile_draft_json,
    "check: PO file name and translation": hostile_po_file_name,
    "check --json: PO file name and translation": hostile_po_file_name_json,
    "glossary check: glossary term": hostile_glossary_term,
    "models list: store path": hostile_store_path,
    "models install: file name in the error": hostile_package_file_name,
    "run: folder of an unreadable article": hostile_folder_of_an_unreadable_article,
    "run: article file name in the error": hostile_article_file_name,
    "usage error: --glossary value": hostile_glossary_option,
    "check: file argument in the error": hostile_file_argument,
    "usage error: unknown command": hostile_unknown_command,
}


@pytest.mark.parametrize("case", CASES)
def test_no_control_character_reaches_the_terminal_raw(project: Path, case: str) -> None:
    result = invoke(*CASES[case](project), code=None)
    assert "Traceback" not in result.output
    for name, stream in (("stdout", result.stdout), ("stderr", result.stderr)):
        raw = sorted({f"U+{ord(c):04X}" for c in stream if c in RAW})
        assert not raw, f"{name} holds {raw}:\n{stream}"
    # The hostile text is shown, escaped (Click's own messages quote it with repr()).
    assert "\\u001b]0;PWNED\\u0007" in result.output or "\\x1b]0;PWNED\\x07" in result.output


@pytest.mark.parametrize("case", ["segment --json: headline", "status --json: machine draft",
                                  "check --json: PO file name and translation"])
def test_json_output_decodes_to_the_exact_text(project: Path, case: str) -> None:
    output = invoke(*CASES[case](project), code=None).stdout
    lines = output.splitlines() if case.startswith("segment") else [output]
    assert any("\x1b]0;PWNED\x07" in text for line in lines for text in strings(json.loads(line)))


def strings(data: object) -> list[str]:
    """Every string in decoded JSON ``data``."""
    if isinstance(data, str):
        return [data]
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [text for value in values for text in strings(value)]


def test_an_export_on_standard_output_is_exact_when_redirected(project: Path) -> None:
    hostile_glossary_term(project)
    output = invoke("glossary", "export", "--format", "csv", "--lang", "ru").stdout
    assert "Вена\x1b]0;PWNED\x07\u202e" in output


def test_an_export_on_a_terminal_is_escaped(project: Path) -> None:
    hostile_glossary_term(project)
    controller, terminal = pty.openpty()
    command = [sys.executable, "-m", "translate", "glossary", "export", "--format", "csv",
               "--lang", "ru"]
    with os.fdopen(controller, "rb", buffering=0) as screen:
        done = subprocess.run(command, stdout=terminal, stderr=subprocess.PIPE, check=False,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=60)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = screen.read(65536)
            except OSError:  # EIO: the terminal's other end is closed and drained
                break
            if not chunk:
                break
            shown += chunk
    assert done.returncode == 0, done.stderr
    text = shown.decode("utf-8")
    assert "Вена\\u001b]0;PWNED\\u0007\\u202e" in text
    assert not {c for c in text if c in RAW} - {"\r"}  # the terminal turns \n into \r\n


def test_the_command_line_prints_only_through_its_escaping_echo() -> None:
    """Every line the CLI prints goes through ``cli.common.echo`` (or a Click error, whose
    message ``TranslateGroup.main`` escapes): a new command can not forget to escape."""
    trees = [ast.parse(path.read_text(encoding="utf-8"))
             for path in sorted((ROOT / "translate" / "cli").glob("*.py"))]
    printing = {"echo", "secho", "print", "write", "show"}
    where: dict[str, set[str]] = {}
    for function in (node for tree in trees for node in ast.walk(tree)):
        if not isinstance(function, ast.FunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name in printing and not (name == "echo" and isinstance(node.func, ast.Name)):
                    where.setdefault(name, set()).add(function.name)
    assert where == {"echo": {"echo"}, "show": {"main"}}
