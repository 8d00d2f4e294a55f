"""Writing files: the compare-and-swap that never overwrites a person's save, writes through
symlinks, and the temporary files of killed runs.

The saves below are made for real (rename, in-place write) at chosen moments, by wrapping
the real exchange call: they land exactly where a race would put them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import invoke

from translate.core import fsutil
from translate.core.fsutil import (
    read_snapshot,
    remove_temporary_files,
    replace_if_unchanged,
    write_bytes_atomic,
    write_scope,
)


def save_by_rename(path: Path, data: bytes) -> None:
    """Save ``data`` as Poedit does: a temporary file renamed over ``path``."""
    tmp = path.with_name(path.name + ".poedit")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def saves_around_exchanges(
    monkeypatch: pytest.MonkeyPatch, path: Path, before: dict[int, bytes]
) -> list[int]:
    """Make the n-th exchange (1-based) be preceded by a save of ``before[n]``; the calls."""
    real = fsutil._exchange
    calls: list[int] = []

    def exchange(source: Path, target: Path) -> bool:
        calls.append(len(calls) + 1)
        if len(calls) in before:
            save_by_rename(path, before[len(calls)])
        return real(source, target)

    monkeypatch.setattr(fsutil, "_exchange", exchange)
    return calls


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def po(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_bytes(b"as read\n")
    path.chmod(0o664)
    return path


def test_an_unchanged_file_is_replaced_and_keeps_its_mode(po: Path) -> None:
    read = read_snapshot(po)
    assert replace_if_unchanged(po, b"new\n", read)
    assert po.read_bytes() == b"new\n" and po.stat().st_mode & 0o777 == 0o664
    assert files_in(po.parent) == ["story.txt"]


@pytest.mark.parametrize("how", ["rename", "in place"])
def test_a_file_saved_since_it_was_read_is_left_as_saved(po: Path, how: str) -> None:
    read = read_snapshot(po)
    if how == "rename":
        save_by_rename(po, b"saved\n")
    else:
        po.write_bytes(b"saved\n")
        os.utime(po, ns=(0, read.version[3] + 1))  # even within one tick of the clock
    assert not replace_if_unchanged(po, b"new\n", read)
    assert po.read_bytes() == b"saved\n"
    assert files_in(po.parent) == ["story.txt"]


def test_a_save_in_the_instant_before_the_exchange_is_swapped_back(
    po: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = read_snapshot(po)
    calls = saves_around_exchanges(monkeypatch, po, {1: b"saved\n"})
    assert not replace_if_unchanged(po, b"new\n", read)
    assert calls == [1, 2]  # the exchange, and the one that undid it
    assert po.read_bytes() == b"saved\n"
    assert files_in(po.parent) == ["story.txt"]


def test_a_newer_save_during_the_swap_back_wins_as_it_would_without_the_run(
    po: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = read_snapshot(po)
    calls = saves_around_exchanges(monkeypatch, po, {1: b"saved\n", 2: b"saved again\n"})
    assert not replace_if_unchanged(po, b"new\n", read)
    assert calls == [1, 2, 3]
    assert po.read_bytes() == b"saved again\n"
    assert files_in(po.parent) == ["story.txt"]


def test_ctrl_c_right_after_the_exchange_puts_the_saved_file_back(
    po: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = read_snapshot(po)
    real = fsutil._exchange
    calls: list[int] = []

    def exchange_then_ctrl_c(source: Path, target: Path) -> bool:
        calls.append(1)
        if len(calls) == 1:
            save_by_rename(po, b"saved\n")
            real(source, target)
            raise KeyboardInterrupt
        return real(source, target)

    monkeypatch.setattr(fsutil, "_exchange", exchange_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        replace_if_unchanged(po, b"new\n", read)
    assert po.read_bytes() == b"saved\n"
    assert files_in(po.parent) == ["story.txt"]


def test_a_file_created_since_the_read_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    read = read_snapshot(path)
    assert read.data is None
    path.write_bytes(b"created\n")
    assert not replace_if_unchanged(path, b"new\n", read)
    assert path.read_bytes() == b"created\n"
    path.unlink()
    assert replace_if_unchanged(path, b"new\n", read)
    assert path.read_bytes() == b"new\n" and files_in(tmp_path) == ["story.txt"]


def test_a_symlink_is_written_through_never_replaced(tmp_path: Path) -> None:
    shared = tmp_path / "shared.txt"
    shared.write_bytes(b"as read\n")
    link = tmp_path / "story.txt"
    link.symlink_to(shared.name)
    with write_scope(tmp_path):  # the project: the link stays inside it (see test_links.py)
        assert replace_if_unchanged(link, b"new\n", read_snapshot(link))
        assert link.is_symlink() and shared.read_bytes() == b"new\n"
        assert write_bytes_atomic(link, b"newer\n")
    assert link.is_symlink() and shared.read_bytes() == b"newer\n"
    assert files_in(tmp_path) == ["shared.txt", "story.txt"]


# --- Temporary files of killed runs -----------------------------------------------------------

LEFT_BY_KILLED_RUNS = [
    "locales/ru/LC_MESSAGES/.story.po.translate-k2j3h4g5.tmp",
    "locales/ru/LC_MESSAGES/.story.po.k2j3h4g5.tmp",  # the name older releases used
    "locales/.translate-state/.all.json.translate-abc_12.tmp",
    "build/ru/.story.html.translate-xyz.tmp",
]
NOT_OURS = [
    "locales/ru/LC_MESSAGES/.notes.tmp",
    "locales/ru/LC_MESSAGES/story.po~",
    "locales/ru/LC_MESSAGES/.story.po.swp",
    "locales/ru/LC_MESSAGES/.story.po.translate-x.tmp.keep",
]


def make_files(root: Path, names: list[str]) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")


def test_temporary_files_of_killed_runs_are_removed_and_nothing_else(tmp_path: Path) -> None:
    make_files(tmp_path, LEFT_BY_KILLED_RUNS + NOT_OURS)
    locales, build = (remove_temporary_files(tmp_path / name) for name in ("locales", "build"))
    assert sorted(p.relative_to(tmp_path).as_posix() for p in locales.removed + build.removed) \
        == sorted(LEFT_BY_KILLED_RUNS)
    assert locales.recovered == build.recovered == []
    assert all((tmp_path / name).exists() for name in NOT_OURS)


KILLED_MID_SWAP = """
import os, signal, sys
from pathlib import Path
from translate.core import fsutil
po = Path(sys.argv[1])
read = fsutil.read_snapshot(po)
real = fsutil._exchange
def exchange_then_killed(source, target):
    tmp = po.with_name("saved.tmp")
    tmp.write_bytes(b"saved\\n")
    os.replace(tmp, po)  # a translator saves...
    real(source, target)  # ...the run swaps its file in...
    os.kill(os.getpid(), signal.SIGKILL)  # ...and is killed before it looks at the swap
fsutil._exchange = exchange_then_killed
fsutil.replace_if_unchanged(po, b"new\\n", read)
"""


def test_a_save_a_killed_run_had_swapped_out_is_kept_never_deleted(po: Path) -> None:
    killed = subprocess.run([sys.executable, "-c", KILLED_MID_SWAP, str(po)])
    assert killed.returncode == -signal.SIGKILL
    [left] = [p for p in po.parent.iterdir() if p.name.endswith(".tmp")]
    assert left.read_bytes() == b"saved\n" and po.read_bytes() == b"new\n"
    cleanup = remove_temporary_files(po.parent)
    [kept] = cleanup.recovered
    assert cleanup.removed == [] and kept.name.startswith("story.txt.recovered-")
    assert kept.read_bytes() == b"saved\n"
    assert files_in(po.parent) == ["story.txt", kept.name]


def test_a_run_removes_them_and_a_shard_run_leaves_them(project: Path) -> None:
    # Before, .tmp files of killed runs stayed forever beside the PO files.
    make_files(project, LEFT_BY_KILLED_RUNS + NOT_OURS)
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet", "--shard", "1/1")
    assert all((project / name).exists() for name in LEFT_BY_KILLED_RUNS)
    invoke("run", "--engine", "pseudo", "--lang", "ru", "--quiet")
    assert not any((project / name).exists() for name in LEFT_BY_KILLED_RUNS)
    assert all((project / name).exists() for name in NOT_OURS)
