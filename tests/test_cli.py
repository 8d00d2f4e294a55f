"""The `translate` command line: help for every command, `segment --json`, bad inputs as one
line naming the file, `models doctor` on an empty store, and a `--help` that loads no model code.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from translate.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "armenia-recalls-ambassador.txt"


def all_commands(group: click.Group = cli, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The path of every command and group, the root included."""
    found = [path]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += all_commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def command_at(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


COMMANDS = all_commands()


def test_every_documented_command_is_there() -> None:
    names = {" ".join(path) for path in COMMANDS}
    assert {"run", "segment", "assemble", "status", "check", "glossary check",
            "glossary suggest", "models list", "models install", "models fetch",
            "models convert", "models doctor"} <= names  # fmt: skip


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "translate")
def test_help_works_and_documents_every_option(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: cli {' '.join(path)}".rstrip())
    command = command_at(path)
    assert command.help and command.help.split("\n")[0].strip()[:30] in result.output
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.opts[0] in result.output, param.opts[0]
            if param.help:
                assert " ".join(param.help.split())[:20] in " ".join(result.output.split())


def test_segment_json_prints_one_object_per_unit(tmp_path: Path) -> None:
    article = tmp_path / "short-news.txt"
    article.write_text(
        "Talks resume in Moscow\nOfficials on both sides promise a quick deal\n"
        "First sentence here. Second one follows.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["segment", str(article), "--json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["text"] for r in records] == [
        "Talks resume in Moscow", "Officials on both sides promise a quick deal",
        "First sentence here.", "Second one follows.",
    ]  # fmt: skip
    for record in records:
        assert {"article", "unit", "role", "paragraph", "text"} <= record.keys()
        assert record["article"] == "short-news"
        assert record["unit"].startswith("u")
    assert [r["role"] for r in records[:2]] == ["headline", "standfirst"]
    assert records[2]["paragraph"] == records[3]["paragraph"] != records[1]["paragraph"]


def test_segment_json_of_the_seed_has_one_line_per_unit() -> None:
    result = CliRunner().invoke(cli, ["segment", str(SEED), "--json"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == 16
    assert len({r["unit"] for r in records}) == 16


GLOSSARY_BAD_YAML = "version: 1\nterms:\n  - en: Armenia\n    ru: [Армения\n"
GLOSSARY_BAD_LANG = "version: 1\nterms:\n  - en: Armenia\n    xx: foo\n"


@pytest.mark.parametrize(
    ("args", "files", "message"),
    [
        (["segment", "missing.txt"], {}, "missing.txt: no such file"),
        (["segment", "bad.txt"], {"bad.txt": b"Headline\n\xffText.\n"}, "bad.txt:2: not UTF-8"),
        (["segment", "bin.txt"], {"bin.txt": b"\x7fELF\x02\x01\x00\x00\x00"},
         "bin.txt: binary file"),
        (["segment", "empty.txt"], {"empty.txt": b""}, "empty.txt: empty article"),
        (["run", "--engine", "none", "missing.txt"], {}, "missing.txt: no such file or folder"),
        # An unreadable article in a run is reported in its summary, and the others go on:
        # test_batch.py::test_unreadable_articles_are_reported_and_the_rest_translated
        (["run", "--engine", "none", "--lang", "xx"], {}, "unknown target language 'xx'"),
        (["status", "--lang", "ru,xx"], {}, "unknown target language 'xx'"),
        (["run", "--engine", "none", "a", "b"],
         {"a/dup.txt": b"Headline one\nText one.\n", "b/dup.txt": b"Headline two\nText two.\n"},
         "b/dup.txt: article id 'dup' is also used by a/dup.txt"),
        (["run", "--engine", "none", "--glossary", "g.yaml", "seeds/ok.txt"],
         {"g.yaml": GLOSSARY_BAD_YAML.encode(), "seeds/ok.txt": b"Headline\nText here.\n"},
         "g.yaml:5: invalid YAML"),
        (["run", "--engine", "none", "--glossary", "g.yaml", "seeds/ok.txt"],
         {"g.yaml": GLOSSARY_BAD_LANG.encode(), "seeds/ok.txt": b"Headline\nText here.\n"},
         "g.yaml:4: term 'Armenia': unknown language 'xx'"),
        (["glossary", "check", "--glossary", "g.yaml"], {"g.yaml": GLOSSARY_BAD_LANG.encode()},
         "g.yaml:4: term 'Armenia': unknown language 'xx'"),
        (["check", "nothing-here"], {}, "nothing-here: no such file or folder"),
        (["run", "--engine", "none", "--out", "afile/build", "seeds/ok.txt"],
         {"afile": b"", "seeds/ok.txt": b"Headline\nText here.\n"}, "afile/build"),
        (["run", "--engine", "none", "--locales", "afile/locales", "seeds/ok.txt"],
         {"afile": b"", "seeds/ok.txt": b"Headline\nText here.\n"}, "afile/locales"),
    ],
    ids=lambda value: None if not isinstance(value, list) else " ".join(value[:2]),
)
def test_bad_input_is_one_line_naming_the_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    files: dict[str, bytes],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (1, 2), result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and message in errors[0]


def test_models_doctor_on_an_empty_store_says_what_to_do_for_armenian(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["models", "doctor", "--lang", "hy,ru"], env={"ARGOS_PACKAGES_DIR": str(tmp_path)}
    )
    assert result.exit_code == 1
    hy = result.output.split("en→hy:")[1].split("en→ru:")[0]
    assert "MISSING" in hy
    assert "Helsinki-NLP/opus-mt-en-hy" in hy
    assert "translate models convert --from en --to hy" in hy
    assert "translate models install" in hy
    assert "translate models fetch --lang ru" in result.output.split("en→ru:")[1]
    assert "0 of 2 language pairs ready" in result.output


HEAVY = ("ctranslate2", "argostranslate", "sentencepiece", "langdetect", "pymorphy3",
         "markdown_it", "html5lib", "babel")
PROBE = """
import sys
from translate.cli import cli
try:
    cli(sys.argv[1:], prog_name="translate")
except SystemExit as exit:
    assert exit.code == 0, exit.code
print(sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r}))
"""


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["models", "doctor", "--help"]])
def test_help_imports_no_model_code(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=set(HEAVY)), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_assemble_takes_source_lang_like_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "de.txt").write_text(
        "Russland ruft zur Waffenruhe auf\nDas Außenministerium in Moskau hat am Donnerstag "
        "beide Seiten aufgefordert, die Kämpfe sofort einzustellen und zu verhandeln.\n",
        encoding="utf-8",
    )
    args = ["--lang", "ru", "--source-lang", "de"]
    ran = CliRunner().invoke(cli, ["run", "--engine", "pseudo", "--quiet", *args])
    assert ran.exit_code == 0, ran.output
    assembled = CliRunner().invoke(cli, ["assemble", *args])
    assert assembled.exit_code == 0, assembled.output
    assert assembled.output.startswith("1 article(s): de")
    index = (tmp_path / "build/review/index.html").read_text(encoding="utf-8")
    assert "Russland ruft zur Waffenruhe auf" in index


def interrupting(*_args: object, **_kwargs: object) -> None:
    """Stands for any library call that a Ctrl-C interrupts."""
    raise KeyboardInterrupt


def interrupted_import(*_args: object, **_kwargs: object) -> None:
    """What CTranslate2's C extension raises when Ctrl-C lands while it initialises: a real
    interrupt can not be timed into those few milliseconds in a unit test (the Ctrl-C stress
    test of test_batch.py meets it now and then)."""
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt as err:
        raise ImportError("initialization failed") from err


@pytest.mark.parametrize("raiser", [interrupting, interrupted_import])
@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["status"], "translate.po.status.collect_status"),
        (["models", "doctor"], "translate.models.doctor.doctor"),
        (["segment", str(SEED)], "translate.formats.reader.read_article"),
    ],
)
def test_ctrl_c_in_any_command_exits_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, args: list[str], target: str, raiser: object
) -> None:
    monkeypatch.setattr(target, raiser)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 130
    assert result.stderr.strip().endswith("interrupted")
    assert not isinstance(result.exception, Exception)  # SystemExit(130), nothing else


def test_click_usage_errors_and_clean_exits_keep_their_codes() -> None:
    assert CliRunner().invoke(cli, ["--version"]).exit_code == 0
    assert CliRunner().invoke(cli, ["run", "--no-such-option"]).exit_code == 2
    assert CliRunner().invoke(cli, ["status", "--lang", "xx"]).exit_code == 2


# --- Issue 13: usage errors come before anything is written ---------------------------------


def project_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--source-lang", "xx"], "Invalid value for '--source-lang': unknown language"),
        (["run", "--source-lang", "ru", "--lang", "ru,he"],
         "--source-lang ru: the articles are already in Russian; leave ru out of --lang"),
        (["assemble", "--source-lang", "zz-qq"],
         "Invalid value for '--source-lang': unknown language"),
        (["segment", "seeds/a.txt", "--source-lang", "xx"],
         "Invalid value for '--source-lang': unknown language"),
    ],
)
def test_an_unknown_or_unusable_source_language_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds/a.txt").write_text("Headline here\nSome text.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, [*args, "--engine", "pseudo"] if args[0] == "run" else args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert project_files(tmp_path) == ["seeds/a.txt"]


def test_machine_translation_runs_from_english_or_the_run_refuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, installed_packages: Path
) -> None:
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    monkeypatch.chdir(root)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(installed_packages))  # en→xx packages only
    (root / "seeds" / "de.txt").write_text(
        "Russland ruft zur Waffenruhe auf\nDas Außenministerium in Moskau hat am Donnerstag "
        "beide Seiten aufgefordert, die Kämpfe sofort einzustellen und zu verhandeln.\n",
        encoding="utf-8",
    )
    args = ["run", "--quiet", "--lang", "ru", "--source-lang", "de"]
    refused = CliRunner().invoke(cli, args)  # an en→ru package must not translate German
    assert refused.exit_code == 2, refused.output
    assert refused.output.splitlines()[-1] == (
        "Error: --source-lang de: the Argos engine translates from English only; use --engine "
        "none (PO files for translators) or --engine pseudo with articles in German"
    )
    assert project_files(root) == ["seeds/de.txt"]
    for_translators = CliRunner().invoke(cli, [*args, "--engine", "none"])
    assert for_translators.exit_code == 0, for_translators.output
    assert "ru: 0 by MT, 0 from memory, 0 already done, 2 untranslated" in for_translators.output
    assert (root / "locales/ru/LC_MESSAGES/de.po").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--glossary", "missing.yaml"], "'missing.yaml' does not exist"),
        (["check", "--glossary", "missing.yaml"], "'missing.yaml' does not exist"),
        (["run", "--shard", "3/2"], "--shard '3/2': K must be between 1 and N"),
        (["run", "--shard", "two"], "--shard 'two': expected K/N"),
    ],
)
def test_a_missing_glossary_or_a_bad_shard_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds/a.txt").write_text("Headline here\nSome text.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert project_files(tmp_path) == ["seeds/a.txt"]


def test_the_default_glossary_may_be_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds/a.txt").write_text("Headline here\nSome text.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--engine", "none", "--lang", "ru"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_segment_refuses_a_file_that_is_not_a_regular_file(device: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "translate", "segment", device],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"Error: {device}: not a regular file, not an article"


def test_segment_refuses_a_file_too_large_for_an_article(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    result = CliRunner().invoke(cli, ["segment", str(big)])
    assert result.exit_code == 1
    assert f"{big}: 17.0 MiB, too large for an article (at most 16 MiB)" in result.output


def test_glossary_check_without_a_glossary_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "locales").mkdir()
    result = CliRunner().invoke(cli, ["glossary", "check"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: glossary.yaml: no such file; glossary check needs a glossary (--glossary FILE)\n"
    )
