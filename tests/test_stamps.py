"""Tests of translate.core.stamps: when a file's stat may stand for its bytes, and when it
must be read again.

Every case is a real file on disk, changed the way editors and tools change files (in
place, by rename, with the modification time put back). A clock reading is a value
(``Clock``): the tests take it where the case needs it (after the file was written, in the
same tick, earlier than a previous reading) instead of waiting for the real clock.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from translate.core import stamps
from translate.core.stamps import Checker, Clock, look, read_sha256, stat_text, stats_digest

SECOND = 1_000_000_000


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clock_after(path: Path, seconds: float = 10) -> Clock:
    """A clock reading taken ``seconds`` after ``path`` last changed, on its device."""
    stat = os.stat(path)
    moment = max(stat.st_mtime_ns, stat.st_ctime_ns) + int(seconds * SECOND)
    return Clock(stat.st_dev, moment, moment)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files read and hashed (stamps.read_sha256 is wrapped, not replaced)."""
    seen: list[str] = []

    def counting(path: str | Path) -> tuple[str | None, os.stat_result | None]:
        seen.append(str(path))
        return read_sha256(path)

    monkeypatch.setattr(stamps, "read_sha256", counting)
    return seen


def stamped(path: Path, data: bytes) -> tuple[str, str]:
    """Write ``data`` and stamp it as a later run would: (sha256, stat) settled."""
    path.write_bytes(data)
    digest, stat = Checker(reading=clock_after(path)).read(path)
    assert digest == sha(data) and stat is not None  # settled: changed well before the clock
    return digest, stat


def test_a_settled_stamp_spares_reading_the_file(tmp_path: Path, reads: list[str]) -> None:
    path = tmp_path / "story.txt"
    digest, stat = stamped(path, b"Headline\nText.\n")
    reads.clear()
    checker = Checker(reading=clock_after(path, 60))
    assert checker.sha256(path, digest, stat) == (digest, stat)
    assert reads == [] and checker.hashed == 0
    assert checker.sha256(tmp_path / "gone.txt", digest, stat) == (None, None)


@pytest.mark.parametrize("offset", [0, 1, SECOND],
                         ids=["in the tick of the reading", "just after it", "a second after"])
def test_a_file_changed_at_or_after_the_clock_reading_is_not_settled(
    tmp_path: Path, offset: int
) -> None:
    # The racy-git case: a stat taken in the tick of the last write can't tell a second
    # write in that tick (an edit in the same second, on a one-second file system).
    path = tmp_path / "story.txt"
    path.write_bytes(b"Headline\n")
    stat = os.stat(path)
    at_write = Clock(stat.st_dev, max(stat.st_mtime_ns, stat.st_ctime_ns) - offset, 0)
    assert not at_write.settled(stat)
    digest, stamp = Checker(reading=at_write).read(path)
    assert digest == sha(path.read_bytes()) and stamp is None  # hashed again next time


def test_on_another_device_a_file_must_be_older_by_the_margin(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"text")
    stat = os.stat(path)
    changed = max(stat.st_mtime_ns, stat.st_ctime_ns)
    elsewhere = stat.st_dev + 1
    margin = changed + stamps.MARGIN_NS
    assert not Clock(elsewhere, margin, margin).settled(stat)
    late = changed + stamps.MARGIN_NS + 1
    assert Clock(elsewhere, late, late).settled(stat)


def edit_in_place(path: Path, data: bytes) -> None:
    with open(path, "r+b") as handle:
        handle.write(data)


def keep_mtime(edit: Callable[[Path, bytes], None]) -> Callable[[Path, bytes], None]:
    """``edit``, then the file's modification time put back (``touch -r``, ``cp -p``)."""

    def edited(path: Path, data: bytes) -> None:
        before = os.stat(path)
        edit(path, data)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    return edited


def replace_by_rename(path: Path, data: bytes) -> None:
    """Write a new file beside it and rename it over (most editors, ``rsync``)."""
    new = path.with_name(path.name + ".new")
    new.write_bytes(data)
    os.replace(new, path)


def rsync_t(path: Path, data: bytes) -> None:
    """``rsync -t``: a temporary file given the old modification time, renamed over."""
    before = os.stat(path)
    new = path.with_name(f".{path.name}.XXXXXX")
    new.write_bytes(data)
    os.utime(new, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(new, path)


def copy_preserving(path: Path, data: bytes) -> None:
    """``cp -p`` of another file with the same size and modification time over it."""
    other = path.with_name("other")
    other.write_bytes(data)
    before = os.stat(path)
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    shutil.copy2(other, path)


EDITS = {
    "in place, same size": edit_in_place,
    "in place, same size, mtime kept (touch -r)": keep_mtime(edit_in_place),
    "replaced by a file of the same size": replace_by_rename,
    "replaced, same size, mtime kept": keep_mtime(replace_by_rename),
    "rsync -t": rsync_t,
    "cp -p": copy_preserving,
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_an_edit_that_keeps_size_and_mtime_is_still_seen(
    tmp_path: Path, edit: str, reads: list[str]
) -> None:
    path = tmp_path / "story.txt"
    digest, stat = stamped(path, b"msgstr \"one\"\n")
    EDITS[edit](path, b"msgstr \"two\"\n")
    assert os.stat(path).st_size == len(b"msgstr \"one\"\n")
    reads.clear()
    now, _stamp = Checker(reading=clock_after(path)).sha256(path, digest, stat)
    assert now == sha(b"msgstr \"two\"\n")
    assert reads == [str(path)]  # the stat did not match: the file was read


def test_a_clock_behind_an_earlier_reading_trusts_no_stamp(
    tmp_path: Path, reads: list[str]
) -> None:
    # Only a clock set back onto the very tick of a recorded write can make a changed file
    # show the recorded stat. The stamp below is such a coincidence: the stat of the file
    # as it is, with the sha256 of what it held before. A clock that is ahead of it
    # trusts the stamp (the documented limit); one behind an earlier reading reads the file.
    path = tmp_path / "story.txt"
    path.write_bytes(b"new text")
    coincidence = (sha(b"old text"), stat_text(os.stat(path)))
    earlier = clock_after(path, 3600)
    assert Checker(reading=earlier).sha256(path, *coincidence)[0] == sha(b"old text")
    behind = clock_after(path, 60)
    assert behind.behind((earlier.fs_ns, earlier.wall_ns))
    assert not earlier.behind((behind.fs_ns, behind.wall_ns))
    checker = Checker(reading=behind, trust=not behind.behind((earlier.fs_ns, earlier.wall_ns)))
    assert checker.sha256(path, *coincidence)[0] == sha(b"new text")
    assert reads[-1] == str(path)


def test_files_vouched_by_one_digest_are_read_only_when_it_no_longer_holds(
    tmp_path: Path, reads: list[str]
) -> None:
    paths = [tmp_path / name for name in ("a.pot", "a.txt", "a.html")]
    for path in paths:
        path.write_bytes(path.name.encode())
    shas = tuple(sha(path.name.encode()) for path in paths)
    names = [str(path) for path in paths]
    checker = Checker(reading=clock_after(paths[-1]))
    same, digest = checker.same_files(names, shas, None)
    assert same and digest == stats_digest([look(path) for path in paths])  # type: ignore[misc]
    reads.clear()
    assert checker.same_files(names, shas, digest) == (True, digest) and reads == []
    paths[1].write_bytes(b"a.tx!")  # another command rewrote an output
    assert checker.same_files(names, shas, digest) == (False, None)
    paths[1].unlink()
    assert checker.same_files(names, shas, digest) == (False, None)
    assert checker.same_files(names, (*shas[:2], None), None) == (False, None)


def test_a_clock_reading_is_the_file_systems_and_never_goes_back(tmp_path: Path) -> None:
    first = Clock.read(tmp_path / "state" / "all.clock")
    path = tmp_path / "written-after.txt"
    path.write_bytes(b"text")
    second = Clock.read(tmp_path / "state" / "all.clock")
    assert first.device == os.stat(path).st_dev
    assert first.fs_ns <= os.stat(path).st_ctime_ns <= second.fs_ns
    assert not second.behind((first.fs_ns, first.wall_ns))


def test_a_file_system_clock_behind_the_recorded_reading_turns_trust_off(tmp_path: Path) -> None:
    # The wall clock may be right while the file system's (an NFS server's) went back: the
    # first reading of it, taken before the first file is read, says so.
    path = tmp_path / "story.txt"
    path.write_bytes(b"text")
    later = os.stat(path).st_ctime_ns + 3600 * SECOND
    checker = Checker(tmp_path / "state" / "all.clock", recorded=(later, 0))
    assert checker.trust and checker.reading is None  # nothing read, no clock read yet
    assert checker.read(path)[0] == sha(b"text")
    assert checker.reading is not None and not checker.trust
    on_time = Checker(tmp_path / "state" / "all.clock", recorded=(0, 0))
    on_time.read(path)
    assert on_time.trust
