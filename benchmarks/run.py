"""The benchmark of issue 8: our MT stage and CLI against their baselines, side by side.

Measured in one run, on generated articles (``generate_articles.py``) or ``--articles DIR``,
for the tiny fixture model and a benchmark-size model (``build_bench_model.py``):

1. the MT stage (``ArgosTranslator.translate`` on the distinct texts the pipeline sends, and
   the whole ``translate run`` wall time) against raw ``ctranslate2.Translator.translate_batch``
   on the same texts, tokenized the same way, with the same beam/batch/threads;
2. ``argostranslate.translate.translate()`` called per paragraph, offline thanks to a
   never-splitting MiniSBD model in the package copy's ``minisbd/`` folder, against our MT stage;
3. a no-op rerun of ``translate run`` (N articles x 4 languages, nothing changed);
4. ``translate --help`` start-up (best of several);
5. peak memory (``ru_maxrss``) of a child process running the MT stage, against model size;
6. segmentation time against input size (linear, not quadratic).

Every measurement that loads a model runs in a child process (this script with ``--child``),
so that imports, memory and environment stay separate. Every process started here, this one
included, runs with a socket guard (a ``sitecustomize.py`` put first on ``PYTHONPATH``): any
attempt to open a network connection raises. ``OMP_WAIT_POLICY=PASSIVE`` is set for all of
them unless already set (see BENCHMARKS.md: spinning OpenMP threads make CTranslate2 tens of
times slower on a shared machine).

Usage: ``python benchmarks/run.py [--quick] [--articles N|DIR] [--model tiny|base|both]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

PYTHON = sys.executable
TRANSLATE = str(Path(sys.executable).with_name("translate"))
FIXTURE_MODELS = ROOT / "tests" / "fixtures" / "models"
GLOSSARY = ROOT / "glossary.yaml"
FIXTURE_LANGS = ("hy", "az", "he", "ru")
MT_LANG = "ru"
MB = 1024 * 1024

SOCKET_GUARD = '''\
"""Installed by benchmarks/run.py: no network for any benchmark process."""
import socket as _socket


def _refuse(*args, **kwargs):
    raise OSError("network access is disabled in the benchmark")


_connect = _socket.socket.connect
_connect_ex = _socket.socket.connect_ex


def _guarded_connect(self, address, *args):
    if self.family == getattr(_socket, "AF_UNIX", None):
        return _connect(self, address, *args)
    _refuse()


def _guarded_connect_ex(self, address, *args):
    if self.family == getattr(_socket, "AF_UNIX", None):
        return _connect_ex(self, address, *args)
    _refuse()


_socket.socket.connect = _guarded_connect
_socket.socket.connect_ex = _guarded_connect_ex
_socket.create_connection = _refuse
_socket.getaddrinfo = _refuse
'''

# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the results table."""

    measurement: str
    ours: str
    baseline: str
    ratio: float | None
    target: str
    passed: bool | None  # None: informational, or excluded
    note: str = ""

    @property
    def verdict(self) -> str:
        """PASS, FAIL or '-' (no target)."""
        return "-" if self.passed is None else ("PASS" if self.passed else "FAIL")


@dataclass
class Report:
    """All rows plus the context worth printing."""

    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, row: Row) -> None:
        """Add a row and print it at once (a long run shows progress)."""
        self.rows.append(row)
        print(f"  {row.measurement}: ours {row.ours}, baseline {row.baseline}, "
              f"ratio {format_ratio(row.ratio)}, target {row.target}: {row.verdict}"
              + (f" ({row.note})" if row.note else ""), flush=True)


def format_ratio(ratio: float | None) -> str:
    """'1.03x', or '-'."""
    return "-" if ratio is None else f"{ratio:.2f}x"


def render_table(rows: list[Row]) -> str:
    """The results as a Markdown table (also readable on a terminal)."""
    header = ("measurement", "ours", "baseline", "ratio", "target", "result")
    lines = [[r.measurement, r.ours, r.baseline, format_ratio(r.ratio), r.target, r.verdict]
             for r in rows]
    widths = [max(len(str(c)) for c in column) for column in zip(header, *lines, strict=True)]

    def line(cells) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, lines)])


# --------------------------------------------------------------------------------------------
# Environment: the socket guard, Argos folders, child processes
# --------------------------------------------------------------------------------------------


def install_socket_guard() -> None:
    """Refuse network connections in this process (AF_UNIX sockets still work)."""
    exec(compile(SOCKET_GUARD, "sitecustomize.py", "exec"), {})


def guarded_environment(work: Path) -> dict[str, str]:
    """The environment of every child process: socket guard, private Argos/XDG folders."""
    guard_dir = work / "guard"
    guard_dir.mkdir(parents=True, exist_ok=True)
    (guard_dir / "sitecustomize.py").write_text(SOCKET_GUARD, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(guard_dir), str(ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    # No real Argos store, settings or cache is read or written by anything started here.
    for variable, sub in (("XDG_DATA_HOME", "xdg/data"), ("XDG_CONFIG_HOME", "xdg/config"),
                          ("XDG_CACHE_HOME", "xdg/cache")):
        env[variable] = str(work / sub)
    env["ARGOS_PACKAGES_DIR"] = str(work / "xdg" / "empty-store")
    env["PYTHONWARNINGS"] = "ignore"
    return env


@dataclass
class ChildResult:
    """A finished child process: wall time, peak memory, exit status, output."""

    wall: float
    maxrss_bytes: int
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        """The last stdout line, parsed (the --child protocol)."""
        if self.returncode != 0:
            raise RuntimeError(f"child failed ({self.returncode}): {self.stderr[-2000:]}")
        return json.loads(self.stdout.strip().splitlines()[-1])


def run_child(args: list[str], env: dict[str, str], cwd: Path | None = None) -> ChildResult:
    """Run a command; measure its wall time and its own peak RSS (os.wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(args, env=env, cwd=cwd, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return ChildResult(wall, usage.ru_maxrss * 1024, process.returncode, stdout, stderr)


def run_self(child: str, spec: dict, env: dict[str, str], work: Path) -> ChildResult:
    """Run this script in ``--child`` mode with a JSON spec file."""
    spec_file = work / f"spec-{child}.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    return run_child([PYTHON, str(Path(__file__).resolve()), "--child", child,
                      "--spec", str(spec_file)], env)


def unzip_fixture(lang: str, store: Path) -> Path:
    """Unzip the fixture package en→``lang`` into ``store``; return its folder."""
    store.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(FIXTURE_MODELS / f"translate-en_{lang}.argosmodel") as archive:
        archive.extractall(store)
        top = archive.namelist()[0].split("/")[0]
    return store / top


def folder_size(path: Path) -> int:
    """Bytes of all files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --------------------------------------------------------------------------------------------
# Child processes
# --------------------------------------------------------------------------------------------


def pipeline_texts(articles: Path, lang: str) -> list[str]:
    """The distinct texts a fresh ``translate run`` sends to the engine for ``lang``.

    Mirrors ``pipeline.translate_language`` on an empty locales folder: every unit not in
    another language, de-duplicated in order, prepared by the glossary.
    """
    from translate.glossary.file import read_glossary
    from translate.glossary.model import Glossary
    from translate.jobs.sources import read_articles

    parsed, _skipped = read_articles([articles])
    glossary = read_glossary(GLOSSARY) if GLOSSARY.exists() else Glossary.empty()
    texts: dict[str, None] = {}
    for article in parsed:
        for unit in article.units:
            if unit.lang and unit.lang != lang:
                continue
            texts[unit.text] = None
    return [glossary.prepare(text, lang).text for text in texts]


def article_paragraphs(articles: Path) -> list[str]:
    """Each non-empty line of each article: what an Argos user passes to translate()."""
    from translate.jobs.sources import collect_article_paths

    return [line.strip() for path in collect_article_paths([articles])
            for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


def child_engine(spec: dict) -> dict:
    """(1) our engine call vs raw translate_batch, same texts, same options, best of N."""
    import ctranslate2
    import sentencepiece

    from translate.models.engine import load_translator

    texts = pipeline_texts(Path(spec["articles"]), spec["lang"])
    ours = load_translator("argos", "en", spec["lang"], package_dirs=[Path(spec["store"])],
                           beam_size=spec["beam"], batch_size=spec["batch"],
                           threads=spec["threads"])
    package = Path(spec["package"])
    raw = ctranslate2.Translator(str(package / "model"), device="cpu",
                                 intra_threads=spec["threads"], inter_threads=1)
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))

    def run_raw() -> list[str]:
        tokens = [sp.encode(text, out_type=str) for text in texts]
        results = raw.translate_batch(tokens, beam_size=spec["beam"],
                                      max_batch_size=spec["batch"], batch_type="examples")
        return [sp.decode(result.hypotheses[0]) for result in results]

    warm = texts[:4]
    ours.translate(warm)
    raw.translate_batch([sp.encode(t, out_type=str) for t in warm], beam_size=spec["beam"])
    ours_times, raw_times = [], []
    ours_out: list[str] = []
    raw_out: list[str] = []
    for _ in range(spec["repeats"]):  # interleaved, so load changes hit both alike
        start = time.perf_counter()
        ours_out = ours.translate(texts)
        ours_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        raw_out = run_raw()
        raw_times.append(time.perf_counter() - start)
    tokens = sum(len(sp.encode(text)) for text in texts)
    same = sum(a == b for a, b in zip(ours_out, raw_out, strict=True))
    return {"texts": len(texts), "tokens": tokens, "ours": min(ours_times),
            "raw": min(raw_times), "same_output": same}


def child_memory(spec: dict) -> dict:
    """(5) the MT stage alone: load the package, translate the texts; report ru_maxrss."""
    import resource

    from translate.models.engine import load_translator

    texts = pipeline_texts(Path(spec["articles"]), spec["lang"])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    ours = load_translator("argos", "en", spec["lang"], package_dirs=[Path(spec["store"])],
                           beam_size=spec["beam"], batch_size=spec["batch"],
                           threads=spec["threads"])
    ours.translate(texts)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"texts": len(texts), "before_model": before, "peak": peak}


def child_argos(spec: dict) -> dict:
    """(2) argostranslate.translate.translate() per paragraph, offline."""
    paragraphs = article_paragraphs(Path(spec["articles"]))
    from argostranslate import translate as argos

    start = time.perf_counter()
    argos.translate("Warm up.", "en", spec["lang"])  # loads the model and the splitter
    load = time.perf_counter() - start
    start = time.perf_counter()
    for paragraph in paragraphs:
        argos.translate(paragraph, "en", spec["lang"])
    return {"paragraphs": len(paragraphs), "time": time.perf_counter() - start, "load": load}


CHILDREN = {"engine": child_engine, "memory": child_memory, "argos": child_argos}


# --------------------------------------------------------------------------------------------
# The measurements
# --------------------------------------------------------------------------------------------


@dataclass
class Settings:
    """Options shared by all measurements."""

    work: Path
    env: dict[str, str]
    beam: int
    batch: int
    threads: int
    repeats: int
    profile: bool = False


def translate_run(settings: Settings, articles: Path, store: Path, langs: str,
                  locales: Path, out: Path, profile_as: str = "") -> ChildResult:
    """One ``translate run`` subprocess (argos engine, the given package store).

    With ``settings.profile`` and a ``profile_as`` name, the run is under cProfile and its
    top functions are printed (the timing is then not the one reported).
    """
    profiled = settings.profile and profile_as
    prefix = ([PYTHON, "-m", "cProfile", "-o", str(settings.work / f"{profile_as}.prof")]
              if profiled else [])
    result = run_child(
        [*prefix, TRANSLATE, "run", str(articles), "--lang", langs, "--locales", str(locales),
         "--out", str(out), "--glossary", str(GLOSSARY), "--engine", "argos",
         "--models", str(store), "--beam-size", str(settings.beam),
         "--batch-size", str(settings.batch), "--threads", str(settings.threads), "--quiet"],
        settings.env, cwd=settings.work,
    )
    if result.returncode != 0:
        raise RuntimeError(f"translate run failed ({result.returncode}): {result.stderr[-1500:]}")
    if profiled:
        print_profile(settings.work / f"{profile_as}.prof", profile_as)
    return result


def print_profile(path: Path, title: str, limit: int = 25) -> None:
    """The functions of translate/ (and ctranslate2) with the most cumulative time."""
    import io
    import pstats

    buffer = io.StringIO()
    stats = pstats.Stats(str(path), stream=buffer)
    stats.sort_stats("cumulative").print_stats(r"translate/|translate_batch", limit)
    print(f"--- cProfile of `translate run` ({title}), cumulative time ---")
    lines = buffer.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    print("\n".join(line.replace(str(ROOT) + "/", "") for line in lines[start:] if line.strip()))


def measure_model(report: Report, settings: Settings, label: str, package: Path,
                  articles: Path, argos_articles: Path) -> None:
    """Measurements (1), (2) and (5) for one model."""
    store = package.parent
    work = settings.work / label
    work.mkdir(parents=True, exist_ok=True)
    spec = {"articles": str(articles), "lang": MT_LANG, "store": str(store),
            "package": str(package), "beam": settings.beam, "batch": settings.batch,
            "threads": settings.threads, "repeats": settings.repeats}
    print(f"[{label}] engine call vs raw translate_batch ...", flush=True)
    engine = run_self("engine", spec, settings.env, work).json()
    ratio = engine["ours"] / engine["raw"]
    report.add(Row(f"{label}: MT stage, engine call ({engine['texts']} texts, "
                   f"{engine['tokens']} tokens)",
                   f"{engine['ours']:.2f} s", f"{engine['raw']:.2f} s translate_batch",
                   ratio, "<= 1.10x", ratio <= 1.10,
                   f"{engine['same_output']}/{engine['texts']} identical outputs"))

    print(f"[{label}] translate run (whole) ...", flush=True)
    run = translate_run(settings, articles, store, MT_LANG, work / "locales", work / "out")
    if settings.profile:
        translate_run(settings, articles, store, MT_LANG, work / "profile-locales",
                      work / "profile-out", profile_as=f"{label}: first run, 1 language")
    ratio = run.wall / engine["raw"]
    report.add(Row(f"{label}: `translate run` wall, 1 language (load, parse, PO, assemble)",
                   f"{run.wall:.2f} s", f"{engine['raw']:.2f} s translate_batch", ratio,
                   "<= 1.10x", ratio <= 1.10))

    print(f"[{label}] argostranslate per paragraph ...", flush=True)
    argos_store = work / "argos-store"
    if argos_store.exists():
        shutil.rmtree(argos_store)
    copy = shutil.copytree(package, argos_store / package.name)
    from minisbd_stub import write_never_split_model

    write_never_split_model(copy)
    argos_env = dict(settings.env, ARGOS_PACKAGES_DIR=str(argos_store),
                     ARGOS_BEAM_SIZE=str(settings.beam), ARGOS_INTRA_THREADS=str(settings.threads),
                     ARGOS_DEVICE_TYPE="cpu")
    same_articles = argos_articles == articles
    if same_articles:
        ours_time, ours_texts = engine["ours"], engine["texts"]
    else:
        small = run_self("engine", dict(spec, articles=str(argos_articles)), settings.env,
                         work).json()
        ours_time, ours_texts = small["ours"], small["texts"]
    # Same beam as ours (the strict comparison), then Argos's own defaults (beam 4), as its
    # users run it.
    for beam, what in ((str(settings.beam), f"beam {settings.beam} as ours"),
                       (None, "Argos defaults, beam 4")):
        env = dict(argos_env, ARGOS_BEAM_SIZE=beam) if beam else argos_env
        if not beam:
            env.pop("ARGOS_BEAM_SIZE", None)
        argos = run_self("argos", dict(spec, articles=str(argos_articles)), env, work).json()
        ratio = argos["time"] / ours_time
        report.add(Row(f"{label}: argostranslate.translate() per paragraph, {what} "
                       f"({argos['paragraphs']} paragraphs; ours {ours_texts} texts)",
                       f"{ours_time:.2f} s", f"{argos['time']:.2f} s argostranslate", ratio,
                       ">= 10x faster", ratio >= 10.0,
                       f"Argos model+splitter load {argos['load']:.2f} s not counted"))

    print(f"[{label}] peak memory of the MT stage ...", flush=True)
    memory = run_self("memory", spec, settings.env, work)
    peak = memory.json()["peak"]
    size = folder_size(package)
    report.add(Row(f"{label}: peak RSS of the MT stage (child process)",
                   f"{peak / MB:.0f} MB", f"model {size / MB:.0f} MB on disk + 300 MB",
                   peak / (size + 300 * MB), "<= 1.00x", peak <= size + 300 * MB,
                   f"`translate run` peak RSS {run.maxrss_bytes / MB:.0f} MB"))


def measure_noop(report: Report, settings: Settings, articles: Path, count: int) -> None:
    """(3) a second ``translate run`` with nothing changed, 4 languages, fixture packages."""
    store = settings.work / "noop-store"
    for lang in FIXTURE_LANGS:
        unzip_fixture(lang, store)
    locales, out = settings.work / "noop-locales", settings.work / "noop-out"
    langs = ",".join(FIXTURE_LANGS)
    print(f"[noop] first run, {count} articles x 4 languages ...", flush=True)
    first = translate_run(settings, articles, store, langs, locales, out)
    before = {p: p.stat().st_mtime_ns for p in list(locales.rglob("*")) + list(out.rglob("*"))
              if p.is_file()}
    print("[noop] second run ...", flush=True)
    second = translate_run(settings, articles, store, langs, locales, out)
    after = {p: p.stat().st_mtime_ns for p in list(locales.rglob("*")) + list(out.rglob("*"))
             if p.is_file()}
    touched = sum(1 for p, t in after.items() if before.get(p) != t)
    if settings.profile:  # a third run, also a no-op, under the profiler
        translate_run(settings, articles, store, langs, locales, out, profile_as="no-op rerun")
    report.add(Row(f"no-op rerun, {count} articles x 4 languages (tiny models)",
                   f"{second.wall:.2f} s", f"first run {first.wall:.2f} s", None, "<= 2 s",
                   second.wall <= 2.0, f"{touched} of {len(after)} files rewritten"))


def measure_help(report: Report, settings: Settings, times: int = 7) -> None:
    """(4) ``translate --help`` start-up, best of ``times``; ``python -c pass`` for scale."""
    helps = [run_child([TRANSLATE, "--help"], settings.env).wall for _ in range(times)]
    bare = [run_child([PYTHON, "-c", "pass"], settings.env).wall for _ in range(times)]
    report.add(Row(f"`translate --help` start-up (best of {times})", f"{min(helps):.3f} s",
                   f"{min(bare):.3f} s bare python", min(helps) / min(bare), "<= 0.25 s",
                   min(helps) <= 0.25, f"median {statistics.median(helps):.3f} s"))


def best_time(func, repeats: int = 3) -> float:
    """The best wall time of ``repeats`` calls of ``func()``."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return min(times)


def measure_segmentation(report: Report, work: Path) -> None:
    """(6) segmentation stays linear: a 10x larger input takes about 10x the time.

    These used to be wall-clock assertions in tests/test_segment.py (a busy machine made them
    fail); here they are ratios measured side by side in one process.
    """
    from translate.formats.reader import read_article
    from translate.text.sentences import split_clauses

    body = (ROOT / "seeds" / "armenia-recalls-ambassador.txt").read_text(encoding="utf-8")
    body = body.split("\n", 2)[2]
    times = {}
    for size in (500_000, 5_000_000):
        path = work / f"segment-{size}.txt"
        path.write_text("Headline of a very long article\n" + (body + "\n") * (size // len(body)),
                        encoding="utf-8")
        times[size] = best_time(lambda path=path: read_article(path), 1 if size > 10**6 else 3)
    ratio = times[5_000_000] / (10 * times[500_000])
    report.add(Row("segment a 5 MB article (vs 10 x 0.5 MB)", f"{times[5_000_000]:.2f} s",
                   f"{10 * times[500_000]:.2f} s", ratio, "<= 1.5x and <= 30 s",
                   ratio <= 1.5 and times[5_000_000] <= 30))
    clause = {n: best_time(lambda n=n: split_clauses("x" * n, lambda p: len(p) <= 500))
              for n in (2_000, 20_000)}
    ratio = clause[20_000] / (10 * clause[2_000])
    report.add(Row("split_clauses, 20,000 chars without spaces (vs 10 x 2,000)",
                   f"{clause[20_000] * 1000:.1f} ms", f"{10 * clause[2_000] * 1000:.1f} ms",
                   ratio, "<= 1.5x", ratio <= 1.5))
    line = " ".join(["the talks went on and on"] * 800)[:20_000].strip()
    long_path = work / "long-line.txt"
    long_path.write_text("Headline of the long article\n" + line + "\n" + "z" * 20_000,
                         encoding="utf-8")
    short_path = work / "short-line.txt"
    short_path.write_text("Headline of the long article\n" + line[:2_000] + "\n" + "z" * 2_000,
                          encoding="utf-8")
    long_time = best_time(lambda: read_article(long_path))
    short_time = best_time(lambda: read_article(short_path))
    ratio = long_time / (10 * short_time)
    report.add(Row("a 20,000-char line without punctuation (vs 10 x 2,000)",
                   f"{long_time * 1000:.1f} ms", f"{10 * short_time * 1000:.1f} ms", ratio,
                   "<= 1.5x", ratio <= 1.5))


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def machine_description() -> str:
    """nproc, CPU model, RAM, Python, ctranslate2 version."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    import ctranslate2

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{os.cpu_count()} CPUs ({cpu}), {ram} RAM, Python {platform.python_version()}, "
            f"ctranslate2 {ctranslate2.__version__}, load average at start {load:.1f}")


def prepare_articles(spec: str, folder: Path, default: int) -> tuple[Path, int]:
    """``--articles``: a count (generate that many) or a folder (use it as it is)."""
    from generate_articles import generate_articles

    if spec and not spec.isdigit():
        path = Path(spec)
        if not path.is_dir():
            raise SystemExit(f"--articles {spec}: not a folder")
        return path, len(list(path.rglob("*.txt")))
    count = int(spec) if spec else default
    generate_articles(count, folder)
    return folder, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes (smoke test): few articles, a small 'base' model")
    parser.add_argument("--articles", default="",
                        help="N generated articles, or a folder of articles (default: 200 for "
                             "the tiny model and the no-op rerun, fewer for the base model)")
    parser.add_argument("--base-articles", type=int, default=8,
                        help="generated articles for the benchmark-size model (default 8)")
    parser.add_argument("--argos-articles", type=int, default=40,
                        help="the first N articles are translated per paragraph by "
                             "argostranslate for the tiny model (default 40)")
    parser.add_argument("--base-argos-articles", type=int, default=3,
                        help="the same for the benchmark-size model (default 3)")
    parser.add_argument("--model", choices=("tiny", "base", "both"), default="both")
    parser.add_argument("--profile", action="store_true",
                        help="also run `translate run` (first run and no-op rerun) under cProfile "
                             "and print where the time goes")
    parser.add_argument("--beam-size", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=0, help="0: CTranslate2's default")
    parser.add_argument("--repeats", type=int, default=2, help="best of N for timings")
    parser.add_argument("--cache", type=Path, default=ROOT / "build" / "bench" / "models",
                        help="where the benchmark-size model is built once and kept")
    parser.add_argument("--json", type=Path, default=None, help="also write the rows as JSON")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--spec", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        spec = json.loads(args.spec.read_text(encoding="utf-8"))
        print(json.dumps(CHILDREN[args.child](spec)))
        return 0

    report = run_benchmark(args)
    print()
    print(render_table(report.rows))
    for note in report.notes:
        print(f"note: {note}")
    if args.json:
        args.json.write_text(json.dumps([row.__dict__ for row in report.rows], indent=2,
                                        ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def first_articles(articles: Path, count: int, folder: Path) -> Path:
    """A folder with copies of the first ``count`` articles (by path) of ``articles``."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(articles.rglob("*.txt"))[:count]:
        shutil.copy(path, folder / path.name)
    return folder


def run_benchmark(args: argparse.Namespace) -> Report:
    """Every measurement; returns the report (the caller prints it)."""
    from build_bench_model import BASE, QUICK, build_bench_package

    report = Report()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="translate-bench-") as tmp:
        work = Path(tmp)
        install_socket_guard()
        env = guarded_environment(work)
        settings = Settings(work, env, args.beam_size, args.batch_size, args.threads,
                            1 if args.quick else args.repeats, args.profile)
        report.notes.append(machine_description())
        default_count = 6 if args.quick else 200
        articles, count = prepare_articles(args.articles, work / "articles", default_count)
        base_count = 2 if args.quick else args.base_articles
        base_articles, _ = prepare_articles(str(base_count), work / "base-articles", 0)
        print(f"articles: {count} in {articles}; machine: {report.notes[0]}", flush=True)

        if args.model in ("tiny", "both"):
            tiny = unzip_fixture(MT_LANG, work / "tiny-store")
            subset = first_articles(articles, args.argos_articles, work / "argos-articles")
            measure_model(report, settings, "tiny", tiny, articles, subset)
        if args.model in ("base", "both"):
            dims = QUICK if args.quick else BASE
            print(f"[base] building/reusing the {dims.name} model in {args.cache} ...",
                  flush=True)
            package = build_bench_package(args.cache, dims, MT_LANG)
            store = work / "base-store"
            store.mkdir()
            linked = store / package.name
            linked.symlink_to(package, target_is_directory=True)
            subset = first_articles(base_articles, args.base_argos_articles,
                                    work / "base-argos-articles")
            measure_model(report, replace(settings, repeats=1), dims.name, linked,
                          base_articles, subset)
        measure_noop(report, settings, articles, count)
        measure_help(report, settings)
        measure_segmentation(report, work)
    report.notes.append(f"benchmark wall time {time.perf_counter() - started:.0f} s")
    return report


if __name__ == "__main__":
    sys.exit(main())
