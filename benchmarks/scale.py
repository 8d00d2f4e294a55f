"""The scale rows of ``make bench``: ``translate run`` on an archive, side by side with a
baseline commit.

For each size (default 1,000 and 10,000 generated articles, ``generate_articles.py``), four
languages, ``--engine pseudo`` (no model: what is measured is the pipeline's own cost), in a
fresh project each time, for the code of this checkout ("ours", copied when the benchmark
starts) and for a baseline commit (``--baseline REV``, extracted with ``git archive``: nothing
in the repository changes; or ``--baseline DIR``, a tree holding ``translate/``), interleaved
(ours, baseline, baseline, ours, ...) so that machine load hits both alike:

* the first run: wall time and peak memory (``ru_maxrss`` of the child process);
* a no-op rerun (nothing changed): wall time and peak memory, ``--noop-repeats`` times;
* a rerun after one article changed (a paragraph appended): wall time and peak memory;
* for scale, that article alone in a new project: what one article costs.

Medians over ``--repeats`` projects per side, and the ratio ours / baseline, are printed as a
table (the BENCHMARKS.md "Scale" rows) with the machine's load before and after. With
``--check-shard K/N`` the share of one shard is then run on its own, and its PO files are
compared with those of the whole run (they must be identical).

Usage: ``python benchmarks/scale.py [--sizes 1000,10000] [--baseline REV|DIR] [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate_articles import generate_articles  # noqa: E402
from run import MB, Row, guarded_environment, render_table, run_child  # noqa: E402

LANGS = "hy,az,he,ru"
CHANGED = "A new paragraph arrived late on Friday, officials said.\n"


@dataclass
class Side:
    """One tree under test: its name and the folder to put first on PYTHONPATH."""

    name: str
    tree: Path
    first: list[tuple[float, int]] = field(default_factory=list)  # (seconds, peak bytes)
    noop: list[tuple[float, int]] = field(default_factory=list)
    changed: list[tuple[float, int]] = field(default_factory=list)
    alone: list[tuple[float, int]] = field(default_factory=list)  # one article, a new project


def baseline_tree(spec: str, work: Path) -> Path:
    """``--baseline``: a folder as it is, or a commit extracted with ``git archive``."""
    if Path(spec, "translate").is_dir():
        return Path(spec).resolve()
    tree = work / "baseline"
    tree.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", spec], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def snapshot(work: Path) -> Path:
    """A copy of this checkout's ``translate/`` as it is now: what "ours" runs, however long
    the benchmark takes and whatever is edited meanwhile."""
    tree = work / "ours"
    if tree.exists():
        shutil.rmtree(tree)
    shutil.copytree(ROOT / "translate", tree / "translate",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return tree


def translate_run(side: Side, project: Path, articles: Path, env: dict[str, str],
                  *extra: str) -> tuple[float, int]:
    """One ``translate run`` of ``side`` in ``project``: (wall seconds, peak RSS bytes)."""
    child_env = dict(env, PYTHONPATH=os.pathsep.join([str(side.tree), env["PYTHONPATH"]]))
    result = run_child(
        [sys.executable, "-m", "translate", "run", str(articles), "--engine", "pseudo",
         "--lang", LANGS, "--quiet", *extra],
        child_env, cwd=project,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{side.name}: translate run failed ({result.returncode}): "
                           f"{result.stderr[-1500:]}")
    return result.wall, result.maxrss_bytes


def measure_project(side: Side, articles: Path, work: Path, env: dict[str, str],
                    noop_repeats: int) -> Path:
    """First run, no-op reruns and a one-article change, in a fresh project."""
    project = work / f"project-{side.name}"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    side.first.append(translate_run(side, project, articles, env))
    for _ in range(noop_repeats):
        side.noop.append(translate_run(side, project, articles, env))
    victim = sorted(articles.glob("*.txt"))[len(list(articles.glob("*.txt"))) // 2]
    original = victim.read_bytes()
    try:
        victim.write_bytes(original + CHANGED.encode())
        side.changed.append(translate_run(side, project, articles, env))
    finally:
        victim.write_bytes(original)
    translate_run(side, project, articles, env)  # the article back as it was
    single = work / f"alone-{side.name}"
    for folder in (single / "article", single / "project"):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    shutil.copy(victim, single / "article" / victim.name)
    side.alone.append(translate_run(side, single / "project", single / "article", env))
    return project


def median_row(label: str, ours: list[tuple[float, int]], base: list[tuple[float, int]],
               what: int, target: str = "", limit: float | None = None) -> Row:
    """A row of medians (``what``: 0 seconds, 1 peak memory) and the ratio ours / baseline."""
    mine = statistics.median(value[what] for value in ours)
    theirs = statistics.median(value[what] for value in base) if base else None

    def shown(value: float) -> str:
        return f"{value:.2f} s" if what == 0 else f"{value / MB:.0f} MB"

    passed = None if limit is None else mine <= limit
    spread = ", ".join(shown(value[what]) for value in ours)
    return Row(label, shown(mine), shown(theirs) if theirs is not None else "-",
               mine / theirs if theirs else None, target or "-", passed,
               f"ours: {spread}; n={len(ours)}")


def compare_shard(side: Side, articles: Path, whole: Path, shard: str, work: Path,
                  env: dict[str, str]) -> str:
    """Run one shard alone and compare its PO files with the whole run's."""
    project = work / f"shard-{side.name}"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    translate_run(side, project, articles, env, "--shard", shard)
    files = sorted((project / "locales").rglob("*.po"))
    same = sum((whole / path.relative_to(project)).read_bytes() == path.read_bytes()
               for path in files)
    return f"shard {shard} of {len(list(articles.glob('*.txt')))} articles: " \
           f"{same} of {len(files)} PO files identical to the whole run's"


def load() -> str:
    """The load averages now."""
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def measure_size(count: int, sides: list[Side], args: argparse.Namespace, work: Path,
                 env: dict[str, str]) -> tuple[list[Row], list[str]]:
    """Every measurement for ``count`` articles, the sides interleaved."""
    articles = work / f"articles-{count}"
    if not articles.is_dir():
        generate_articles(count, articles)
    notes = [f"{count} articles, start: {load()}"]
    for repeat in range(args.repeats):
        order = sides if repeat % 2 == 0 else sides[::-1]
        for side in order:
            started = time.perf_counter()
            print(f"[{count}] {side.name}, project {repeat + 1}/{args.repeats} ...", flush=True)
            measure_project(side, articles, work / str(count), env, args.noop_repeats)
            print(f"  {time.perf_counter() - started:.0f} s; first {side.first[-1][0]:.1f} s, "
                  f"{side.first[-1][1] / MB:.0f} MB; no-op {side.noop[-1][0]:.2f} s; "
                  f"{load()}", flush=True)
    if args.check_shard:
        notes.append(compare_shard(sides[0], articles, whole_project(sides[0], work, count),
                                   args.check_shard, work / str(count), env))
    notes.append(f"{count} articles, end: {load()}")
    ours, base = sides[0], sides[1] if len(sides) > 1 else None
    per = f"{count} articles x 4 languages"

    def of(side: Side | None, kind: str) -> list[tuple[float, int]]:
        return getattr(side, kind) if side is not None else []

    rows = [
        median_row(f"{per}: first run", ours.first, of(base, "first"), 0),
        median_row(f"{per}: first run, peak memory", ours.first, of(base, "first"), 1,
                   "<= 500 MB" if count >= 10_000 else "", 500 * MB if count >= 10_000 else None),
        median_row(f"{per}: no-op rerun", ours.noop, of(base, "noop"), 0,
                   "<= 2 s" if count >= 10_000 else "", 2.0 if count >= 10_000 else None),
        median_row(f"{per}: no-op rerun, peak memory", ours.noop, of(base, "noop"), 1),
        median_row(f"{per}: one article changed", ours.changed, of(base, "changed"), 0),
        median_row("that article alone, in a new project (for scale)", ours.alone,
                   of(base, "alone"), 0),
    ]
    for side in sides:
        side.first.clear()
        side.noop.clear()
        side.changed.clear()
        side.alone.clear()
    return rows, notes


def whole_project(side: Side, work: Path, count: int) -> Path:
    """The project of ``side``'s last whole run of ``count`` articles."""
    return work / str(count) / f"project-{side.name}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="article counts, comma-separated (default 1000,10000)")
    parser.add_argument("--baseline", default="",
                        help="a commit (git archive) or a folder holding translate/")
    parser.add_argument("--repeats", type=int, default=3, help="projects per side (median)")
    parser.add_argument("--noop-repeats", type=int, default=3,
                        help="no-op reruns per project (default 3)")
    parser.add_argument("--check-shard", default="", metavar="K/N",
                        help="also run shard K/N alone and compare its PO files")
    parser.add_argument("--work", type=Path, default=None,
                        help="where projects go (default: a temporary folder, removed)")
    parser.add_argument("--json", type=Path, default=None, help="also write the rows as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="translate-scale-") as tmp:
        work = (args.work or Path(tmp)).resolve()
        work.mkdir(parents=True, exist_ok=True)
        env = dict(guarded_environment(work), SOURCE_DATE_EPOCH="1601510400")  # same PO dates
        sides = [Side("ours", snapshot(work))]
        if args.baseline:
            sides.append(Side("baseline", baseline_tree(args.baseline, work)))
        rows: list[Row] = []
        notes = [f"{os.cpu_count()} CPUs; baseline {args.baseline or '-'}"]
        for count in (int(size) for size in args.sizes.split(",") if size):
            found, said = measure_size(count, sides, args, work, env)
            rows += found
            notes += said
    print()
    print(render_table(rows))
    for note in notes:
        print(f"note: {note}")
    if args.json:
        args.json.write_text(json.dumps({"rows": [row.__dict__ for row in rows],
                                         "notes": notes}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
