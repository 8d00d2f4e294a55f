"""A package tried in a child process, so that a model that crashes CTranslate2 is an error line.

``model_check`` refuses what it can see in a package's files; what it cannot (the values of
the weights, a fault of CTranslate2 itself) may still kill the process that loads the model
(SIGFPE, SIGSEGV), and with it a whole run. ``try_package`` therefore loads the package and
translates :data:`TEST_SENTENCE` in a child process (``python -m translate.models.probe PACKAGE``):
``models install`` and ``models doctor`` do it every time, a run once per package
(``tried_once``). The packages that passed are remembered in a cache,
``$XDG_CACHE_HOME/translate-news/tried-packages.json``, by the identity of their files (paths,
sizes, modification times and inodes, read without opening them) and of their bytes (so a
copy of a package tried before, or a package just installed, is not tried again), together
with the interpreter and the CTranslate2 they ran with.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from translate.core.fsutil import open_regular_file, read_regular_file, write_text_atomic
from translate.errors import ModelError
from translate.models.packages import PackageInfo

#: The sentence every package is tried on.
TEST_SENTENCE = "The minister arrived in Moscow on Tuesday."
#: Loading a package and translating one sentence takes seconds at most (a 300 MB model).
PROBE_SECONDS = 300
#: The cache of the packages that passed a trial, and how many identities it keeps.
CACHE_NAME = "tried-packages.json"
CACHE_FORMAT = 1
CACHE_ENTRIES = 1000


@dataclass(frozen=True)
class Trial:
    """A package that translated the test sentence: the translation and the seconds the
    child took to load the package and translate it."""

    sample: str
    seconds: float


def try_package(path: Path, *, timeout: float = PROBE_SECONDS) -> Trial:
    """Load the package at ``path`` and translate TEST_SENTENCE in a child process.

    ModelError (one line naming the package or its file) when the child reports an error, is
    killed by a signal (CTranslate2 crashed) or takes more than ``timeout`` seconds.
    KeyboardInterrupt when Ctrl-C ended the child (a terminal sends it to both processes).
    """
    command = [sys.executable, "-m", "translate.models.probe", str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired as err:
        raise ModelError(f"{path}: loading the package and translating one sentence took "
                         f"more than {timeout:g} s") from err
    if done.returncode == -signal.SIGINT:
        raise KeyboardInterrupt
    if done.returncode < 0:
        name = signal.Signals(-done.returncode).name
        raise ModelError(f"{path}: CTranslate2 crashed ({name}) loading the model or "
                         "translating with it")
    lines = done.stderr.strip().splitlines()
    if done.returncode != 0:  # the child's one line (or a traceback's last)
        reason = lines[-1] if lines else f"exit status {done.returncode}"
        raise ModelError(reason if str(path) in reason else f"{path}: {reason}")
    result = json.loads(done.stdout)
    return Trial(result["sample"], result["seconds"])


def runtime_identity() -> list[object]:
    """What identifies the interpreter and the CTranslate2 a trial ran with (an upgrade of
    either may change what a model does): their paths, versions and install times."""
    spec = importlib.util.find_spec("ctranslate2")
    folder = Path(spec.origin).parent if spec is not None and spec.origin else None
    found = folder.stat() if folder is not None else None
    return [sys.executable, sys.version, str(folder),
            found and (found.st_ino, found.st_mtime_ns)]


def _files(info: PackageInfo) -> list[Path]:
    """The files a package's model is read from."""
    return sorted({*(p for p in info.model_dir.iterdir() if p.is_file()), info.source_spm,
                   info.target_spm})


def quick_identity(info: PackageInfo) -> str:
    """The package's files as they are on disk (paths, sizes, modification times, inodes):
    the same until a file is changed, replaced or moved; computed without reading them."""
    stats = [(str(f.resolve()), s.st_size, s.st_mtime_ns, s.st_ino, s.st_dev)
             for f in _files(info) for s in [f.stat()]]
    return "stat:" + _digest([runtime_identity(), stats])


def content_identity(info: PackageInfo) -> str:
    """The bytes of the package's files (the same for every copy of the package)."""
    hashes = []
    for file in _files(info):
        digest = hashlib.sha256()
        with open_regular_file(file) as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        hashes.append((file.relative_to(info.path).as_posix(), digest.hexdigest()))
    return "sha256:" + _digest([runtime_identity(), hashes])


def _digest(data: object) -> str:
    return hashlib.sha256(json.dumps(data).encode("utf-8")).hexdigest()


def default_cache() -> Path:
    """``$XDG_CACHE_HOME/translate-news/tried-packages.json`` (``~/.cache`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "translate-news" / CACHE_NAME


def tried_once(cache: Path | None = None) -> Callable[[PackageInfo], None]:
    """A check for ``engine.load_translator``: ``try_package`` on a package not tried yet,
    remembered in ``cache`` (``default_cache()``) once it passed, by the identity of its files
    on disk and, when that is new (a copy, a package just installed), of their bytes."""
    cache = cache or default_cache()

    def check(info: PackageInfo) -> None:
        quick = quick_identity(info)
        known = read_cache(cache)
        if quick in known:
            return
        content = content_identity(info)
        if content not in known:
            try_package(info.path)
        remember(cache, info, [quick, content])

    return check


def remember(cache: Path, info: PackageInfo, keys: list[str]) -> None:
    """Remember that the package with these identities passed its trial (the oldest
    entries dropped beyond CACHE_ENTRIES). A cache that cannot be written is no error."""
    known = read_cache(cache)  # what another process remembered meanwhile
    for key in keys:
        known.pop(key, None)
        known[key] = info.name
    kept = dict(list(known.items())[-CACHE_ENTRIES:])
    with contextlib.suppress(OSError):
        write_text_atomic(cache, json.dumps({"format": CACHE_FORMAT, "packages": kept},
                                            indent=1) + "\n")


def read_cache(cache: Path) -> dict[str, str]:
    """The identities remembered as tried (none when the cache is absent or not valid)."""
    try:
        data = json.loads(read_regular_file(cache).decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return {}
    known = data.get("packages")
    if not isinstance(known, dict):
        return {}
    return {key: name for key, name in known.items() if isinstance(name, str)}


def main(argv: list[str]) -> int:
    """The child: try the package at ``argv[0]``; JSON on stdout, or one line on stderr."""
    from translate.models.engine import ArgosTranslator  # lazy: CTranslate2, in the child only
    from translate.models.packages import read_package

    try:
        info = read_package(Path(argv[0]))
        started = time.perf_counter()
        sample = ArgosTranslator(info, threads=1).translate([TEST_SENTENCE])[0]
    except (ModelError, OSError, RuntimeError, ValueError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        print(reason if isinstance(err, ModelError) else f"{argv[0]}: {reason}",
              file=sys.stderr)
        return 1
    print(json.dumps({"sample": sample, "seconds": time.perf_counter() - started}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
