"""Load-test the idea and portfolio pages on SQLite and PostgreSQL: ``make bench``.

    .venv/bin/python scripts/bench.py                      # both databases, 2 and 4 workers
    .venv/bin/python scripts/bench.py --databases postgresql --workers 4 --rounds 5
    .venv/bin/python scripts/bench.py --reseed             # load the demo data again

For each database (a SQLite file var/bench/bench.sqlite3; the PostgreSQL database
``samskab_bench``, created when missing) this

1. migrates, and loads ``seed_demo --scale 334`` (~100,000 ideas, ~500,000 supports,
   ~240,000 comments; ~6,700 innovation tasks and ~13,000 decisions) unless the database
   already holds that data set (a data set from before the portfolio demo, without
   tasks, is loaded again);
2. serves the application with gunicorn sync workers under production settings
   (a generated SECRET_KEY, DEBUG off, static files collected into var/bench/static)
   on a free local port;
3. measures, with wrk, /healthz (one ``SELECT 1``: the ceiling of the stack), the home
   page (the page layout with little else: what any rendered page costs at least), the
   ideas list, a deep list page (the keyset cursor after the 25,000th idea), the list
   most supported first, full-text searches for one and two words, and the idea with
   the most comments; then, as the demo user ``direktion`` (an employee: a session is
   made for the run in the database and wrk sends its cookie), its front page, the
   portfolio board by phase, the roadmap, the funnel and flow, the list of all tasks,
   the page of the active task with the most decisions and the decision log; as
   ``innovationschef`` the chief's front page; and as ``innovationsmedarbejder`` (unit staff) the team
   composer of an active task (in phase 2 where there is one), whose candidates are
   everyone in the organisation with one of the competencies the task needs;
4. looks inside one request of each page in-process: number of queries, time in SQL
   and in templates, the hottest functions (cProfile) and, on PostgreSQL, EXPLAIN
   ANALYZE of the slowest queries.

The machine is shared and noisy, so every figure is judged as a ratio to /healthz
measured in the same run: /healthz runs before the first page, between each two pages
and after the last, a page is divided by the two /healthz runs around it, and the
whole sequence is repeated (--rounds) to report medians. A run whose /healthz figures
spread widely is flagged as unreliable. The results go to the console and between the markers of
docs/performance.md (text outside the markers is kept); profiles and plans in full go
to var/bench/. Each gunicorn started here is stopped again, also on Ctrl-C.

The same file is the in-process helper (``--inner``) that the steps above run under
each database's settings.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "var" / "bench"
DOC = BASE_DIR / "docs" / "performance.md"
PYTHON = sys.executable
SQLITE_URL = f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/samskab_bench"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
SCALE = 334
# What the benchmark's issue asks of the data set.
MINIMUM = {"ideas": 100_000, "supports": 500_000, "comments": 200_000}
DEEP_POSITION = 25_000
ONE_WORD = "skole"
TWO_WORDS = "ældre hjemmehjælp"
# The portfolio pages are for employees: measured as these demo users, the executive board
# and (for the team composer, which only the unit and the task's owner use) unit staff.
EMPLOYEE = "direktion"
UNIT_STAFF = "innovationsmedarbejder"
# The cockpit's front page is built per person: measured for the chief and for direktion.
CHIEF = "innovationschef"
USERS = (EMPLOYEE, UNIT_STAFF, CHIEF)
# On PostgreSQL a page meets its target at this share of /healthz's requests per second.
TARGETS = {
    "list": 0.2,
    "deep": 0.2,
    "sorted": 0.2,
    "search1": 0.1,
    "search2": 0.1,
    "detail": 0.2,
    "front_chief": 0.1,
    "front_board": 0.1,
    "board": 0.1,
    "roadmap": 0.05,
    "task": 0.05,
    "funnel": 0.05,
    "api_ideas": 0.2,
    "api_tasks": 0.2,
}
COMMAND = f"scripts/bench.py {' '.join(sys.argv[1:])}" if sys.argv[1:] else "make bench"
# The options a report states, saved with the results.
OPTIONS = ("threads", "connections", "duration", "healthz_duration", "rounds", "warmup")
# When the middle 80 % of a run's /healthz figures spread wider than this share of their
# median, the machine was busy with something else and the run is flagged.
NOISY = 0.3
# One key for this run's production settings, never stored.
SECRET_KEY = secrets.token_urlsafe(50)
BEGIN = "<!-- bench:begin (written by scripts/bench.py; edit outside the markers) -->"
END = "<!-- bench:end -->"


@dataclass
class Page:
    key: str
    label: str
    path: str
    # Requested as this demo user, with a session made for the run; "": anonymously.
    user: str = ""


@dataclass
class Result:
    page: Page
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    bytes: int = 0
    ratio: float = 0.0


@dataclass
class Run:
    database: str
    workers: int
    results: list[Result] = field(default_factory=list)
    # /healthz, measured before the first page, between each two pages and after the last.
    healthz: list[Result] = field(default_factory=list)
    # Each round's figures of each page; ``results`` holds their medians.
    rounds: dict[str, list[Result]] = field(default_factory=dict)

    @property
    def baseline(self) -> float:
        return sum(r.rps for r in self.healthz) / len(self.healthz) if self.healthz else 0.0

    @property
    def drift(self) -> float:
        """How widely the /healthz runs spread: their middle 80 %, as a share of the median."""
        rates = [r.rps for r in self.healthz]
        if len(rates) < 5:
            return (max(rates) - min(rates)) / self.baseline if rates else 0.0
        deciles = statistics.quantiles(rates, n=10)
        return (deciles[-1] - deciles[0]) / statistics.median(rates)


def log(message: str) -> None:
    print(message, flush=True)


# --- talking to Django in a child process -------------------------------------------------


def django_env(url: str, *, production: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SAMSKAB_ENV"}}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="samskab.settings", PYTHONHASHSEED="0")
    if production:
        env.update(
            SAMSKAB_ENV="production",
            SECRET_KEY=SECRET_KEY,
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="0",
            STATIC_ROOT=str(BENCH_DIR / "static"),
            LOG_LEVEL="WARNING",
            # The cache (sessions, rate limits, cached figures) in Redis, as in production.
            REDIS_URL=REDIS_URL,
            # wrk is one client at full speed: the API's rate limit would answer it 429.
            SAMSKAB_API_RATE="100000000/m",
        )
    return env


def manage(url: str, *args: str, production: bool = False, quiet: bool = False) -> None:
    subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [PYTHON, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=django_env(url, production=production),
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def inner(url: str, task: str, *args: str, production: bool = False) -> dict:
    """Run one of this file's in-process tasks under ``url``'s settings; its JSON answer."""
    done = subprocess.run(  # noqa: S603 - this very script
        [PYTHON, __file__, "--inner", task, *args],
        cwd=BASE_DIR,
        env=django_env(url, production=production),
        check=False,
        capture_output=True,
        text=True,
    )
    if done.stderr.strip():
        sys.stderr.write(done.stderr)
    if done.returncode:
        raise RuntimeError(f"scripts/bench.py --inner {task} failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the databases ------------------------------------------------------------------------


def postgres_admin(url: str):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(admin, autocommit=True), name


def create_database(vendor: str, url: str, *, drop: bool) -> None:
    if vendor == "sqlite":
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        if drop:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{BENCH_DIR / 'bench.sqlite3'}{suffix}").unlink(missing_ok=True)
        return
    from psycopg import sql

    connection, name = postgres_admin(url)
    with connection:
        if drop:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            log(f"Creating the PostgreSQL database {name}")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare(vendor: str, url: str, *, reseed: bool) -> dict:
    """Migrate, and seed unless the data set is there already; the data set's counts."""
    create_database(vendor, url, drop=False)
    manage(url, "migrate", "--no-input", quiet=True)
    manage(url, "createcachetable", quiet=True)
    counts = inner(url, "counts")
    expected = counts["ideas_per_scale"] * SCALE
    why = ""
    if reseed:
        why = "--reseed"
    elif counts["ideas"] != expected:
        why = f"{counts['ideas']:,} ideas, not {expected:,}"
    elif not counts["tasks"]:
        # Loaded before the portfolio demo existed. Its data can't be added on its own
        # (seed_demo wants an empty database, and the rest of the demo builds on it).
        why = "no innovation tasks: loaded before the portfolio demo existed"
    elif not counts["memberships"]:
        why = "no teams: loaded before the teams demo existed"
    if why:
        log(f"Loading the demo data into {vendor} ({why}); this takes minutes")
        create_database(vendor, url, drop=True)
        manage(url, "migrate", "--no-input", quiet=True)
        manage(url, "createcachetable", quiet=True)
        manage(url, "seed_demo", "--scale", str(SCALE))
        counts = inner(url, "counts")
    if vendor == "postgresql":
        # What autovacuum would soon do after a bulk load: statistics and visibility map.
        # Also for a data set loaded by hand (seed_demo), which may never have been analysed.
        inner(url, "vacuum")
    short = {k: (counts[k], need) for k, need in MINIMUM.items() if counts[k] < need}
    counts["short"] = {k: f"{have:,} < {need:,}" for k, (have, need) in short.items()}
    for what, text in counts["short"].items():
        log(f"WARNING: the demo data has fewer {what} than the issue asks for: {text}")
    log(
        f"{vendor}: {counts['ideas']:,} ideas ({counts['listed']:,} listed to anonymous "
        f"visitors), {counts['supports']:,} supports, {counts['comments']:,} comments, "
        f"{counts['users']:,} users, {counts['tasks']:,} innovation tasks "
        f"({counts['active_tasks']} active), {counts['decisions']:,} decisions, "
        f"{counts['people']:,} people, {counts['memberships']:,} team memberships"
    )
    return counts


# --- gunicorn and wrk -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer of its own: a page that sends to the login page isn't 200."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def fetch(url: str, timeout: float = 30, *, cookie: str = "") -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310 - http://127.0.0.1
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextmanager
def gunicorn(url: str, workers: int, env: dict[str, str], log_file: Path):
    port = free_port()
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "samskab.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--error-logfile",
        str(log_file),
    ]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped (exit {process.returncode}); see {log_file}")
            try:
                if fetch(base + "/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"/healthz did not answer within 60 s; see {log_file}")
            time.sleep(0.3)
        log(f"gunicorn (pid {process.pid}, {workers} sync workers) serves {base}")
        yield base
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # the master stops its workers
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log(f"gunicorn (pid {process.pid}) stopped")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, *, threads: int, connections: int, duration: int, cookie: str = "") -> dict:
    out = subprocess.run(  # noqa: S603 - wrk with our own arguments
        [
            shutil.which("wrk") or "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "--latency",
            *(["-H", f"Cookie: {cookie}"] if cookie else []),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", out, re.MULTILINE))
    if "50" not in percentiles:
        # No request finished in the time: the page is far slower than any target.
        raise RuntimeError(f"{url}: no request finished in {duration} s\n{out}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": _ms(percentiles["50"]),
        "p99_ms": _ms(percentiles["99"]),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    log("wrk is missing; installing it with apt-get")
    apt = [shutil.which("apt-get") or "/usr/bin/apt-get"]
    if os.geteuid() != 0:
        apt.insert(0, shutil.which("sudo") or "/usr/bin/sudo")
    if subprocess.run([*apt, "install", "-y", "wrk"], check=False).returncode:  # noqa: S603
        subprocess.run([*apt, "update"], check=True)  # noqa: S603
        subprocess.run([*apt, "install", "-y", "wrk"], check=True)  # noqa: S603


def measure(run: Run, base: str, pages: list[Page], args, cookies: dict[str, str]) -> None:
    options = {"threads": args.threads, "connections": args.connections}

    def get(page: Page) -> bytes:
        """The page as wrk gets it; anything but 200 (a redirect to log in, say) stops the run."""
        status, body = fetch(base + page.path, cookie=cookies.get(page.user, ""))
        if status != 200:
            raise RuntimeError(f"{page.label}: {page.path} answered {status}")
        return body

    for page in pages:
        get(page)
        if args.warmup:
            wrk(
                base + page.path,
                duration=args.warmup,
                cookie=cookies.get(page.user, ""),
                **options,
            )
    # /healthz before the first page, between each two and after the last, and all of it
    # `rounds` times. A page's ratio in a round is its rate over the mean of the two
    # /healthz runs just around it, seconds apart, so a burst of other work on the
    # machine hits both sides of the ratio; the median over the rounds is reported.
    healthz, *others = pages

    def run_one(page: Page, duration: int) -> Result:
        figures = wrk(
            base + page.path,
            duration=duration,
            cookie=cookies.get(page.user, ""),
            **options,
        )
        # wrk counts a redirect as a success: the page must still answer 200 afterwards.
        result = Result(page=page, bytes=len(get(page)), **figures)
        log(
            f"  {page.label:<54} {result.rps:9.1f} req/s  p50 {result.p50_ms:8.2f} ms"
            f"  p99 {result.p99_ms:8.2f} ms"
            + (f"  {result.errors} errors" if result.errors else "")
        )
        return result

    rounds: dict[str, list[Result]] = {page.key: [] for page in others}
    run.healthz.append(run_one(healthz, args.healthz_duration))
    for number in range(args.rounds):
        if args.rounds > 1:
            log(f"  round {number + 1} of {args.rounds}")
        for page in others:
            result = run_one(page, args.duration)
            run.healthz.append(run_one(healthz, args.healthz_duration))
            result.ratio = result.rps / ((run.healthz[-2].rps + run.healthz[-1].rps) / 2)
            rounds[page.key].append(result)
    for page in others:
        results = rounds[page.key]
        run.rounds[page.key] = results
        run.results.append(
            Result(
                page=page,
                rps=statistics.median(r.rps for r in results),
                p50_ms=statistics.median(r.p50_ms for r in results),
                p99_ms=statistics.median(r.p99_ms for r in results),
                requests=sum(r.requests for r in results),
                errors=sum(r.errors for r in results),
                bytes=results[-1].bytes,
                ratio=statistics.median(r.ratio for r in results),
            )
        )


# --- reporting ----------------------------------------------------------------------------


def _healthz_label(run: Run) -> str:
    rates = [r.rps for r in run.healthz]
    return f"/healthz (mean of {len(rates)} runs, {min(rates):,.0f}–{max(rates):,.0f})"


def table(run: Run, *, targets: bool) -> list[str]:
    head = "| page | req/s | p50 ms | p99 ms | ratio to /healthz |"
    rule = "|---|---:|---:|---:|---:|"
    if targets:
        head += " target |"
        rule += "---|"
    p50 = statistics.median(r.p50_ms for r in run.healthz)
    p99 = statistics.median(r.p99_ms for r in run.healthz)
    lines = [
        head,
        rule,
        f"| {_healthz_label(run)} | {run.baseline:,.1f} | {p50:.2f} | {p99:.2f} | 1 |"
        + (" — |" if targets else ""),
    ]
    for r in run.results:
        label = r.page.label + (f" ({r.errors} errors)" if r.errors else "")
        line = f"| {label} | {r.rps:,.1f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | {r.ratio:.3f} |"
        if targets:
            goal = TARGETS.get(r.page.key)
            line += f" ≥ {goal} {'met' if r.ratio >= goal else '**missed**'} |" if goal else " — |"
        lines.append(line)
    return lines


def print_table(run: Run) -> None:
    log(
        f"\n{run.database}, {run.workers} sync workers: {_healthz_label(run)[1:]} req/s,"
        f" mean {run.baseline:,.0f}"
    )
    log(f"{'page':<56}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'ratio':>8}  target")
    for r in run.results:
        goal = TARGETS.get(r.page.key) if run.database == "postgresql" else None
        verdict = f"≥{goal} {'met' if r.ratio >= goal else 'MISSED'}" if goal else ""
        log(
            f"{r.page.label:<56}{r.rps:>10.1f}{r.p50_ms:>10.2f}{r.p99_ms:>10.2f}{r.ratio:>8.3f}  {verdict}"
        )
    if run.drift > NOISY:
        log(
            f"WARNING: the middle 80 % of the /healthz runs spread over {run.drift:.0%}; the"
            " machine was busy: repeat the run before trusting these ratios"
        )


def machine() -> dict[str, str]:
    cpu = ""
    with suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    wrk_version = subprocess.run(  # noqa: S603
        [shutil.which("wrk") or "wrk", "--version"], capture_output=True, text=True, check=False
    ).stdout.split(" Copyright")[0]
    gunicorn_version = subprocess.run(  # noqa: S603
        [str(Path(PYTHON).parent / "gunicorn"), "--version"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "os": platform.platform(),
        "python": platform.python_version(),
        "gunicorn": gunicorn_version,
        "wrk": wrk_version.strip(),
    }


def markdown(args, host: dict, info: dict, runs: list[Run], analyses: dict, measured: dict) -> str:
    when = "; ".join(
        f"{vendor} {datetime.fromisoformat(at).astimezone():%Y-%m-%d %H:%M %Z} with `{command}`"
        for vendor, (at, command) in measured.items()
    )
    out = [BEGIN, "", f"Measured: {when}."]
    out += [
        "",
        "### Machine and software",
        "",
        f"- {host['nproc']} CPUs ({host['cpu'] or 'unknown model'}), {host['os']}",
        f"- Python {host['python']}, Django {info.get('django', '?')}, {host['gunicorn']}",
    ]
    if "postgresql" in info:
        out.append(f"- PostgreSQL {info['postgresql']} over TCP on 127.0.0.1")
    if "sqlite" in info:
        out.append(f"- SQLite {info['sqlite']} (WAL, `synchronous=NORMAL`)")
    out += [
        f"- {host['wrk']}: `wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency`"
        f" per page and round, {args.rounds} rounds, `-d{args.healthz_duration}s` for /healthz"
        f" between the pages, after a {args.warmup} s warm-up per page; production settings"
        " (DEBUG off), gunicorn sync workers",
        "",
        "### Data set",
        "",
        "| database | ideas | listed to anonymous visitors | supports | comments | users "
        "| innovation tasks (active) | decisions | people | team memberships |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for vendor, counts in info["counts"].items():
        tasks = (
            f"{counts['tasks']:,} ({counts['active_tasks']}) | {counts['decisions']:,}"
            f" | {counts['people']:,} | {counts['memberships']:,}"
            if "memberships" in counts
            else "– | – | – | –"
        )
        out.append(
            f"| {vendor} | {counts['ideas']:,} | {counts['listed']:,} | {counts['supports']:,} "
            f"| {counts['comments']:,} | {counts['users']:,} | {tasks} |"
        )
        for what, text in counts.get("short", {}).items():
            out.append(f"\n**Fewer {what} than the issue asks for: {text}.**\n")
    out += ["", "### Pages", ""]
    for vendor, targets in info["targets"].items():
        out.append(
            f"- {vendor}: deep page = the cursor after the {DEEP_POSITION:,}th idea in newest"
            f" order; search for “{ONE_WORD}” ({targets['search1_matches']:,} matches) and"
            f" “{TWO_WORDS}” ({targets['search2_matches']:,}); idea page"
            f" /ideer/{targets['detail_id']}/ with {targets['detail_comments']} comments."
            + (
                f" Portfolio pages as the demo user `{EMPLOYEE}` (a session made for the run,"
                f" sent by wrk as a `Cookie` header): the task page /opgaver/{targets['task_id']}/"
                f" (“{targets['task_title']}”, phase {targets['task_phase']}), the active task"
                f" with the most decisions ({targets['task_decisions']} on its page)."
                if "task_id" in targets
                else ""
            )
            + (
                f" Team composer as `{UNIT_STAFF}`: {targets['compose_path']}"
                f" (“{targets['compose_task']}”, {targets['compose_needs']} competency needs,"
                f" {targets['compose_candidates']:,} people with a needed competency)."
                if "compose_path" in targets
                else ""
            )
        )
    out += ["", "### Requests per second", ""]
    for run in runs:
        out += [
            f"**{run.database}, {run.workers} sync workers** (medians of {args.rounds} rounds;"
            " in each round a page is divided by the /healthz runs just before and after it)",
            "",
            *table(run, targets=run.database == "postgresql"),
            "",
        ]
        if run.drift > NOISY:
            out += [
                f"*The middle 80 % of the /healthz runs spread over {run.drift:.0%} of their"
                " median: the machine was busy with something else during this run, and its"
                " ratios are less certain than usual.*",
                "",
            ]
    if analyses:
        out += [
            "### One request of each page, in-process",
            "",
            "Median of 20 requests through Django's test client under the same settings, "
            "after a warm-up. SQL is the time in the database driver; templates excludes SQL "
            "run while rendering; the rest is middleware, view code and the client.",
            "",
        ]
        for vendor, analysis in analyses.items():
            out += [
                f"**{vendor}**",
                "",
                "| page | queries | total ms | SQL ms | templates ms | rest ms | template work (cProfile, cumulative) | hottest functions (cProfile, own time) |",
                "|---|---:|---:|---:|---:|---:|---|---|",
            ]
            for a in analysis["pages"].values():
                hot = "; ".join(f"`{h['function']}` {h['share']:.0%}" for h in a["hot"][:3])
                notable = "; ".join(
                    f"{what} {share:.0%}"
                    for what, share in sorted(a["notable"].items(), key=lambda i: -i[1])
                    if share >= 0.03
                )
                out.append(
                    f"| {a['label']} | {a['queries']} | {a['total_ms']:.1f} | {a['sql_ms']:.1f} "
                    f"| {a['template_ms']:.1f} | {a['rest_ms']:.1f} | {notable} | {hot} |"
                )
            out.append("")
            plans = [
                (a["label"], plan)
                for a in analysis["pages"].values()
                for plan in a.get("plans", [])
            ]
            if plans:
                out += ["<details><summary>EXPLAIN ANALYZE of the slowest queries</summary>", ""]
                for label, plan in plans:
                    out += [
                        f"{label}, {plan['ms']:.1f} ms in the driver:",
                        "",
                        "```",
                        plan["sql"][:600] + (" …" if len(plan["sql"]) > 600 else ""),
                        "",
                        *plan["plan"],
                        "```",
                        "",
                    ]
                out += ["</details>", ""]
    out += [
        "### To reproduce",
        "",
        "```sh",
        "make bench                                   # both databases, 2 and 4 workers",
        "make bench BENCH_ARGS='--databases postgresql --workers 4 --rounds 5'",
        "make bench BENCH_ARGS=--reseed               # load the demo data again",
        "```",
        "",
        "PostgreSQL must answer at `postgres://postgres@127.0.0.1:5432` (`--postgres URL`"
        " for another); wrk is installed with apt-get when missing. Loading the data set"
        " takes a few minutes per database, once; later runs reuse it. Full profiles and"
        " plans are in `var/bench/`.",
        "",
        END,
    ]
    return "\n".join(out)


def write_doc(text: str) -> None:
    if DOC.exists():
        current = DOC.read_text()
        if BEGIN in current and END in current:
            before = current.split(BEGIN)[0]
            after = current.split(END, 1)[1]
            DOC.write_text(before + text + after)
            return
    DOC.write_text(
        "# Performance of the idea and portfolio pages\n\n"
        "Measured by `make bench` (scripts/bench.py); the part between the markers is "
        "rewritten by each run.\n\n" + text + "\n"
    )


# --- the run ------------------------------------------------------------------------------


def bench(args) -> None:
    ensure_wrk()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    host = machine()
    urls = {"sqlite": SQLITE_URL, "postgresql": args.postgres}
    info: dict = {"counts": {}, "targets": {}}
    runs: list[Run] = []
    analyses: dict = {}
    for vendor in args.databases:
        url = urls[vendor]
        counts = prepare(vendor, url, reseed=args.reseed)
        info["counts"][vendor] = counts
        env = django_env(url, production=True)
        if vendor == args.databases[0]:
            inner(url, "collectstatic", production=True)
        targets = inner(url, "targets", production=True)
        info["targets"][vendor] = targets
        info["django"] = targets["django"]
        info[vendor] = targets["database_version"]
        pages = [
            Page("healthz", "/healthz", "/healthz"),
            Page("home", "home page (the layout alone)", "/"),
            Page("list", "ideas list, first page", "/ideer/"),
            Page("deep", f"ideas list, after idea {DEEP_POSITION:,}", targets["deep_path"]),
            Page("sorted", "ideas list, most supported", "/ideer/?sorter=mest-stoettede"),
            Page("search1", f"search “{ONE_WORD}”", targets["search1_path"]),
            Page("search2", f"search “{TWO_WORDS}”", targets["search2_path"]),
            Page(
                "detail",
                f"idea page, {targets['detail_comments']} comments",
                targets["detail_path"],
            ),
            Page("front_chief", "front page of the innovation chief", "/", user=CHIEF),
            Page("front_board", "front page of direktion", "/", user=EMPLOYEE),
            Page("board", "portfolio board by phase", targets["board_path"], user=EMPLOYEE),
            Page("roadmap", "roadmap of the portfolio", targets["roadmap_path"], user=EMPLOYEE),
            Page(
                "funnel",
                "funnel and flow of the last 12 months",
                targets["funnel_path"],
                user=EMPLOYEE,
            ),
            Page(
                "tasks",
                f"portfolio list of all {counts['tasks']:,} tasks",
                targets["tasks_path"],
                user=EMPLOYEE,
            ),
            Page(
                "task",
                f"task page, {targets['task_decisions']} decisions",
                targets["task_path"],
                user=EMPLOYEE,
            ),
            Page(
                "decisions",
                f"decision log, first page of {counts['decisions']:,}",
                targets["decisions_path"],
                user=EMPLOYEE,
            ),
            Page("api_ideas", "API: ideas, first page of 25", "/api/v1/ideas"),
            Page("api_tasks", "API: tasks, first page of 25", "/api/v1/tasks", user=EMPLOYEE),
            Page(
                "compose",
                f"team composer, {targets['compose_candidates']:,} people with a needed competency",
                targets["compose_path"],
                user=UNIT_STAFF,
            ),
        ]
        if args.pages:
            pages = [page for page in pages if page.key == "healthz" or page.key in args.pages]
        sessions = {user: inner(url, "session", user, production=True) for user in USERS}
        cookies = {user: session["cookie"] for user, session in sessions.items()}
        try:
            for workers in args.workers:
                run = Run(database=vendor, workers=workers)
                log(f"\n== {vendor}, {workers} sync workers ==")
                with gunicorn(
                    url, workers, env, BENCH_DIR / f"gunicorn-{vendor}-{workers}.log"
                ) as base:
                    measure(run, base, pages, args, cookies)
                runs.append(run)
                print_table(run)
            if not args.skip_analysis:
                log(f"\nLooking inside one request of each page on {vendor}")
                analyses[vendor] = inner(
                    url,
                    "analyse",
                    json.dumps([p.__dict__ for p in pages[1:]]),
                    json.dumps(cookies),
                    production=True,
                )
                for a in analyses[vendor]["pages"].values():
                    log(
                        f"  {a['label']:<54} {a['queries']:>2} queries"
                        f"  total {a['total_ms']:7.1f} ms  SQL {a['sql_ms']:7.1f}"
                        f"  templates {a['template_ms']:6.1f}  rest {a['rest_ms']:6.1f}"
                    )
                    log(
                        "      "
                        + ", ".join(f"{w} {v:.0%}" for w, v in a["notable"].items() if v >= 0.02)
                    )
        finally:
            for session in sessions.values():
                inner(url, "end_session", session["key"], production=True)
    now = datetime.now(UTC)
    raw = BENCH_DIR / f"results-{now:%Y%m%dT%H%M%S}.json"
    raw.write_text(
        json.dumps(
            {
                "command": COMMAND,
                "measured_at": now.isoformat(),
                "options": {name: getattr(args, name) for name in OPTIONS},
                "host": host,
                "info": info,
                "runs": [
                    {
                        "database": run.database,
                        "workers": run.workers,
                        "results": [{**r.__dict__, "page": r.page.__dict__} for r in run.results],
                        "healthz": [{**r.__dict__, "page": r.page.__dict__} for r in run.healthz],
                        "rounds": {
                            key: [{**r.__dict__, "page": r.page.__dict__} for r in results]
                            for key, results in run.rounds.items()
                        },
                    }
                    for run in runs
                ],
                "analyses": analyses,
            },
            indent=1,
        )
    )
    log(f"\nRaw results in {raw.relative_to(BASE_DIR)}")
    if not args.no_doc and not args.pages:
        report([raw])


def _result(data: dict) -> Result:
    return Result(**{**data, "page": Page(**data["page"])})


def report(files: list[Path]) -> None:
    """Write docs/performance.md from saved results; for each database the last file wins.

    So a database measured again on a quieter moment replaces only its own figures.
    """
    loaded = [json.loads(Path(f).read_text()) for f in files]
    host, options = loaded[-1]["host"], loaded[-1]["options"]
    info: dict = {"counts": {}, "targets": {}}
    runs: dict[str, list[Run]] = {}
    analyses: dict = {}
    measured: dict[str, tuple[str, str]] = {}
    for data in loaded:
        for vendor in data["info"]["counts"]:
            info["counts"][vendor] = data["info"]["counts"][vendor]
            info["targets"][vendor] = data["info"]["targets"][vendor]
            info[vendor] = data["info"][vendor]
            info["django"] = data["info"]["django"]
            runs[vendor] = [
                Run(
                    database=vendor,
                    workers=run["workers"],
                    results=[_result(r) for r in run["results"]],
                    healthz=[_result(r) for r in run["healthz"]],
                )
                for run in data["runs"]
                if run["database"] == vendor
            ]
            if vendor in data["analyses"]:
                analyses[vendor] = data["analyses"][vendor]
            measured[vendor] = (data["measured_at"], data["command"])
    text = markdown(
        SimpleNamespace(**options),
        host,
        info,
        [run for vendor_runs in runs.values() for run in vendor_runs],
        analyses,
        measured,
    )
    write_doc(text)
    log(f"Wrote {DOC.relative_to(BASE_DIR)}")


# --- in-process tasks (run with --inner under one database's settings) -------------------


def _setup_django():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings")
    import django

    django.setup()


def task_counts() -> dict:
    from django.contrib.auth.models import AnonymousUser

    from samskab.accounts.models import User
    from samskab.governance.models import Decision
    from samskab.ideas import demo, queries
    from samskab.ideas.models import Comment, Idea, Support
    from samskab.organisation.models import Person
    from samskab.portfolio.models import InnovationTask
    from samskab.teams.models import TeamMembership

    return {
        "ideas_per_scale": demo.IDEAS_PER_SCALE,
        "ideas": Idea.objects.count(),
        "listed": queries.published_ideas(AnonymousUser()).count(),
        "supports": Support.objects.count(),
        "comments": Comment.objects.count(),
        "users": User.objects.count(),
        "tasks": InnovationTask.objects.count(),
        "active_tasks": InnovationTask.objects.filter(status=InnovationTask.Status.ACTIVE).count(),
        "decisions": Decision.objects.count(),
        "people": Person.objects.count(),
        "memberships": TeamMembership.objects.count(),
    }


def task_collectstatic() -> dict:
    """collectstatic into var/bench/static with the production (hashed, compressed) storage."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, clear=True, verbosity=0)
    return {}


def task_session(username: str) -> dict:
    """A session of a demo user, as logging in makes it; the Cookie header.

    Made under the run's production settings (its SECRET_KEY signs the session's auth
    hash), in the session store gunicorn's workers read (Redis, and the database). The CSRF
    cookie is what a browser sends back after its first page, so the pages don't make
    a new one for every request.
    """
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    from samskab.accounts.models import User

    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    return {
        "key": session.session_key,
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
        f"{settings.CSRF_COOKIE_NAME}={csrf}",
    }


def task_end_session(key: str) -> dict:
    from importlib import import_module

    from django.conf import settings

    import_module(settings.SESSION_ENGINE).SessionStore(session_key=key).delete()
    return {}


def task_vacuum() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    return {}


def task_targets() -> dict:
    import django
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.db.models import Case, Count, Q, When
    from django.urls import reverse

    from samskab.core.pagination import keyset_page
    from samskab.governance.models import Decision
    from samskab.ideas import queries
    from samskab.ideas.search import search_ideas
    from samskab.organisation.models import Person, PersonCompetency
    from samskab.portfolio.models import InnovationTask
    from samskab.teams.models import CompetencyNeed

    anonymous = AnonymousUser()
    ideas = queries.filtered_ideas(anonymous)
    # The app's own keyset pagination: one page of DEEP_POSITION ideas ends at the cursor
    # a visitor reaches after following "Next page" DEEP_POSITION / 25 times.
    deep = keyset_page(ideas, order=queries.SORTS["nyeste"], cursor=None, size=DEEP_POSITION)
    detail = queries.published_ideas(anonymous).order_by("-comment_count", "-id").first()
    list_url = reverse("ideas:idea-list")
    # The active task with the most decisions; its page also lists its proposal's.
    task = (
        InnovationTask.objects.filter(status=InnovationTask.Status.ACTIVE)
        .annotate(decision_count=Count("decisions"))
        .order_by("-decision_count", "pk")
        .first()
    )
    task_decisions = (
        Decision.objects.filter(
            Q(task=task) | Q(proposal_id=task.proposal_id, proposal__isnull=False)
        )
        .distinct()
        .count()
    )
    # The composer for the active task with the most competency needs, phase 2 (where the
    # team is put together) first; its candidates are everyone with a needed competency.
    composed = (
        InnovationTask.objects.filter(status=InnovationTask.Status.ACTIVE)
        .annotate(need_count=Count("competency_needs"))
        .order_by(Case(When(phase=2, then=0), default=1), "-need_count", "pk")
        .first()
    )
    candidates = (
        PersonCompetency.objects.filter(
            competency__in=CompetencyNeed.objects.filter(task=composed).values("competency")
        )
        .exclude(person__kind=Person.Kind.POLITICIAN)
        .values("person")
        .distinct()
        .count()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version"
        )
        version = cursor.fetchone()[0]
    return {
        "django": django.get_version(),
        "database_version": version,
        "deep_path": f"{list_url}?{urllib.parse.urlencode({'efter': deep.next_cursor})}",
        "search1_path": f"{list_url}?{urllib.parse.urlencode({'q': ONE_WORD})}",
        "search2_path": f"{list_url}?{urllib.parse.urlencode({'q': TWO_WORDS})}",
        "search1_matches": len(search_ideas(ideas, ONE_WORD, limit=10**9)),
        "search2_matches": len(search_ideas(ideas, TWO_WORDS, limit=10**9)),
        "detail_id": detail.pk,
        "detail_comments": detail.comment_count,
        "detail_path": reverse("ideas:idea-detail", args=[detail.pk]),
        "board_path": reverse("portfolio:board"),
        "roadmap_path": reverse("portfolio:roadmap"),
        "funnel_path": reverse("dashboards:funnel"),
        "tasks_path": f"{reverse('portfolio:board')}?visning=liste",
        "task_id": task.pk,
        "task_title": task.title,
        "task_phase": task.phase,
        "task_decisions": task_decisions,
        "task_path": reverse("portfolio:task-detail", args=[task.pk]),
        "decisions_path": reverse("governance:decision-list"),
        "compose_path": reverse("teams:team-compose", args=[composed.pk]),
        "compose_task": composed.title,
        "compose_needs": composed.need_count,
        "compose_candidates": candidates,
    }


def task_analyse(pages_json: str, cookies_json: str = "{}") -> dict:
    import cProfile
    import pstats

    from django.db import connection
    from django.template.backends.django import Template
    from django.test import Client

    # Each user's pages with the session and CSRF cookies wrk sends.
    clients = {}
    for user, cookie in {"": "", **json.loads(cookies_json)}.items():
        clients[user] = Client(HTTP_HOST="127.0.0.1")
        clients[user].cookies.load(cookie)
    state = {"rendering": 0, "sql": 0.0, "sql_in_render": 0.0, "render": 0.0, "log": []}

    def timed_sql(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            state["sql"] += spent
            if state["rendering"]:
                state["sql_in_render"] += spent
            state["log"].append((spent, sql, params))

    original_render = Template.render

    def timed_render(self, *args, **kwargs):
        # Forms render their own templates inside the page's: time the outermost only.
        started = time.perf_counter()
        state["rendering"] += 1
        try:
            return original_render(self, *args, **kwargs)
        finally:
            state["rendering"] -= 1
            if not state["rendering"]:
                state["render"] += time.perf_counter() - started

    Template.render = timed_render
    notable = _notable_functions()
    results = {}
    with connection.execute_wrapper(timed_sql):
        for page in json.loads(pages_json):
            client = clients[page.get("user", "")]
            for _ in range(3):
                status = client.get(page["path"]).status_code
                if status != 200:
                    raise RuntimeError(f"{page['path']} answered {status}")
            samples = []
            for _ in range(20):
                state.update(sql=0.0, sql_in_render=0.0, render=0.0, log=[])
                started = time.perf_counter()
                client.get(page["path"])
                total = time.perf_counter() - started
                samples.append(
                    {
                        "total": total,
                        "sql": state["sql"],
                        "template": state["render"] - state["sql_in_render"],
                        "rest": total - state["render"] - state["sql"] + state["sql_in_render"],
                        "queries": len(state["log"]),
                        "log": state["log"],
                    }
                )
            samples.sort(key=lambda s: s["total"])
            median = samples[len(samples) // 2]
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(5):
                client.get(page["path"])
            profile.disable()
            stats = pstats.Stats(profile)
            profile_total = sum(row[2] for row in stats.stats.values())
            hot = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:12]
            name = re.sub(r"\W+", "-", page["key"])
            with open(BENCH_DIR / f"profile-{connection.vendor}-{name}.txt", "w") as out:
                pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(60)
                pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(40)
            result = {
                "notable": {
                    what: stats.stats[key][3] / profile_total
                    for what, key in notable.items()
                    if key in stats.stats
                },
                "label": page["label"],
                "queries": median["queries"],
                "total_ms": statistics.median(s["total"] for s in samples) * 1000,
                "sql_ms": statistics.median(s["sql"] for s in samples) * 1000,
                "template_ms": statistics.median(s["template"] for s in samples) * 1000,
                "rest_ms": statistics.median(s["rest"] for s in samples) * 1000,
                "hot": [
                    {
                        "function": _function_name(key),
                        "share": row[2] / profile_total,
                    }
                    for key, row in hot
                ],
            }
            if connection.vendor == "postgresql" and page["key"] != "detail":
                result["plans"] = _plans(connection, median["log"])
            results[page["key"]] = result
    Template.render = original_render
    return {"pages": results}


def _notable_functions() -> dict[str, tuple[str, int, str]]:
    """Template work whose cumulative share of a request is worth knowing, as pstats keys."""
    import inspect

    from django.forms.boundfield import BoundField
    from django.template import context, defaultfilters, defaulttags, loader_tags
    from django.templatetags import i18n

    functions = {
        "date filter": defaultfilters.date,
        "urlize": defaultfilters.urlize,
        "linebreaksbr": defaultfilters.linebreaksbr,
        "{% url %}": defaulttags.URLNode.render,
        "{% blocktranslate %}": i18n.BlockTranslateNode.render,
        "{% include %}": loader_tags.IncludeNode.render,
        "form fields": BoundField.as_field_group,
        "context processors": context.RequestContext.bind_template,
    }
    keys = {}
    for what, function in functions.items():
        code = inspect.unwrap(function).__code__
        keys[what] = (code.co_filename, code.co_firstlineno, code.co_name)
    return keys


def _function_name(key) -> str:
    filename, _line, function = key
    if filename == "~":  # a built-in: "<method 'fetchmany' of 'sqlite3.Cursor' objects>"
        name = re.sub(r" at 0x[0-9a-f]+", "", function.strip("<>"))
        return re.sub(r"^(built-in )?(method|function) ", "", name)
    path = Path(filename)
    module = path.stem if path.stem != "__init__" else path.parent.name
    return f"{module}.{function}"


def _plans(connection, log_entries, how_many: int = 2) -> list[dict]:
    plans = []
    for spent, sql, params in sorted(log_entries, key=lambda e: e[0], reverse=True)[:how_many]:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
        plans.append(
            {"ms": spent * 1000, "sql": connection.ops.compose_sql(sql, params), "plan": plan}
        )
    return plans


def run_inner(task: str, args: list[str]) -> None:
    _setup_django()
    tasks = {
        "counts": task_counts,
        "vacuum": task_vacuum,
        "collectstatic": task_collectstatic,
        "targets": task_targets,
        "session": task_session,
        "end_session": task_end_session,
        "analyse": task_analyse,
    }
    print(json.dumps(tasks[task](*args)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--databases",
        default="sqlite,postgresql",
        type=lambda s: [d.strip() for d in s.split(",") if d.strip()],
        help="sqlite, postgresql or both (comma-separated)",
    )
    parser.add_argument(
        "--workers",
        default="2,4",
        type=lambda s: [int(w) for w in s.split(",")],
        help="gunicorn worker counts to measure, e.g. 2,4",
    )
    parser.add_argument("--postgres", default=POSTGRES_URL, help="URL of the bench database")
    parser.add_argument("--duration", type=int, default=5, help="seconds per page and round")
    parser.add_argument(
        "--healthz-duration", type=int, default=3, help="seconds per /healthz run between pages"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="times each page is measured (the median counts)"
    )
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--pages",
        type=lambda s: {p.strip() for p in s.split(",") if p.strip()},
        help="measure only these pages (keys, e.g. board,task; /healthz always), no doc written",
    )
    parser.add_argument("--reseed", action="store_true", help="load the demo data again")
    parser.add_argument("--skip-analysis", action="store_true", help="only the load test")
    parser.add_argument("--no-doc", action="store_true", help="don't write docs/performance.md")
    parser.add_argument(
        "--report",
        nargs="+",
        type=Path,
        metavar="RESULTS",
        help="measure nothing: write docs/performance.md from saved var/bench/results-*.json"
        " files (for each database the last file that has it)",
    )
    parser.add_argument("--inner", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        run_inner(args.inner[0], args.inner[1:])
        return
    if args.report:
        report(args.report)
        return
    # make or a supervisor stops us with SIGTERM: unwind, so gunicorn is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    unknown = set(args.databases) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown database: {', '.join(sorted(unknown))}")
    bench(args)


if __name__ == "__main__":
    main()
