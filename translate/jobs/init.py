"""``translate init``: a new project, ready for ``translate run``, made from the starter files.

The starter files are package data (``translate/jobs/starter/``): a ``glossary.yaml`` with the
publisher's policy and a few of its place names (the entries of this project's own glossary),
an ``articles/`` folder with one example article, a ``.gitignore`` for what runs build and a
``README.md`` of the commands. ``init_project`` copies each into a folder, new or existing, and
never overwrites anything: a file already there is left as it is and listed as skipped. Each
file is created atomically, renamed in only where nothing is (``fsutil.create_file``).
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from translate.core.fsutil import create_file, write_scope
from translate.core.report import json_text
from translate.errors import InputError

#: The files of a new project, as the project names them, and where the package keeps each
#: (setuptools leaves a name starting with a dot out of package data).
STARTER_FILES = {
    "glossary.yaml": "glossary.yaml",
    "articles/example.txt": "articles/example.txt",
    ".gitignore": "gitignore",
    "README.md": "README.md",
}


@dataclass
class InitReport:
    """What ``init_project`` did: the ``folder``, the files it ``created`` and those it
    ``skipped`` because something was there already (names relative to the folder)."""

    folder: Path
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Always True: a file already there is kept, which is no failure."""
        return True

    def render(self) -> str:
        """What was written and skipped, then the commands to run next."""
        lines = [f"created {self.shown(name)}" for name in self.created]
        lines += [f"skipped {self.shown(name)}: it exists (left as it is)"
                  for name in self.skipped]
        here = os.path.abspath(self.folder) == os.path.abspath(os.curdir)
        lines += [
            "next:",
            *([] if here else [f"  cd {shlex.quote(self.folder.as_posix())}"]),
            "  translate run --engine pseudo   try the whole chain now (marked ⟦…⟧, no "
            "translations)",
            "  translate models doctor         which language packages are installed, how to "
            "get the others",
            "  translate run                   translate the articles of articles/ (replace "
            "example.txt with yours)",
            "  translate status                how far each article is; README.md has the rest",
        ]
        return "\n".join(lines)

    def shown(self, name: str) -> str:
        """A file of the project as the user named its folder (``my-news/glossary.yaml``)."""
        return (self.folder / name).as_posix()

    def to_json(self) -> str:
        """The folder and the files created and skipped."""
        return json_text({"ok": self.ok, "folder": str(self.folder), "created": self.created,
                          "skipped": self.skipped})


def starter_bytes(name: str) -> bytes:
    """The content of the starter file the project names ``name`` (a key of STARTER_FILES)."""
    packaged = resources.files("translate.jobs").joinpath("starter")
    return packaged.joinpath(*STARTER_FILES[name].split("/")).read_bytes()


def init_project(folder: Path = Path(".")) -> InitReport:
    """Make ``folder`` (created if needed, or one that exists) a project: the starter files
    of STARTER_FILES, each one that is not there yet. Nothing is ever overwritten.

    InputError when ``folder`` is a file; OSError (naming the file) when one can not be
    written.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: not a folder; translate init makes a project in a folder")
    for name in STARTER_FILES:  # before anything is written
        parent = (folder / name).parent
        if not parent.is_dir() and os.path.lexists(parent):
            raise InputError(f"{parent}: not a folder; the starter article goes there")
    report = InitReport(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with write_scope(folder):
        for name in STARTER_FILES:
            created = create_file(folder / name, starter_bytes(name))
            (report.created if created else report.skipped).append(name)
    return report
