"""Verdict accuracy: the verdict each annotated claim gets against a reference file.

Starts a throwaway ``redis-server`` on a free loopback port, loads the reference file with
``python -m service refs load`` and checks every annotated article with
``python -m service check FILE --published-at DATE --json``. Expected claims are matched to
produced ones as ``shared/tools/score_claims.py`` does (the span overlaps the anchor, the kinds
agree with count ~ quantity, the value is the same). Prints a confusion matrix (rows: expected
verdict; columns: produced verdict, ``missing`` when the extractor did not find the claim),
the accuracy, the number of false ``supported`` verdicts (the worst error a fact-checker can
make) and every wrong verdict with the produced claim's explanation and evidence.

It is a measurement, not a test: it exits 0 whatever the figures, 1 only when it cannot run.

usage (from anywhere):
    python bench/verdict_accuracy.py                        # tests/data/verdicts
    python bench/verdict_accuracy.py --refs FILE DIR [DIR...]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO / "tests" / "data" / "verdicts"
DEFAULT_REFS = DEFAULT_DIR / "references.jsonl"
VERDICTS = ("supported", "contradicted", "conflicting", "unverifiable")
TIMEOUT = 120


class CannotRun(Exception):
    """The benchmark could not be run at all (no redis-server, references did not load...)."""


# --- matching, as shared/tools/score_claims.py does ------------------------------------------


def same_value(kind: str, got, want) -> bool:
    """Dates compare as strings; numbers within a relative 1e-6."""
    if kind == "date":
        return str(got) == str(want)
    try:
        return abs(float(got) - float(want)) <= 1e-6 * max(1.0, abs(float(want)))
    except (TypeError, ValueError):
        return False


def kinds_agree(got: str | None, want: str) -> bool:
    """The same kind, or count and quantity, which are interchangeable."""
    return got == want or {got, want} <= {"count", "quantity"}


def overlaps(claim: dict, expected: dict) -> bool:
    """The produced claim's span overlaps the expected claim's anchor."""
    end = expected["at"] + len(expected["anchor"])
    return claim["start"] < end and claim["end"] > expected["at"]


def match(claims: list[dict], expected: dict) -> dict | None:
    """The first produced claim that overlaps the anchor with an agreeing kind and value."""
    for claim in claims:
        if overlaps(claim, expected) and kinds_agree(claim.get("kind"), expected["kind"]):
            if "value" not in expected or same_value(
                expected["kind"], claim.get("value"), expected["value"]
            ):
                return claim
    return None


# --- annotated articles ----------------------------------------------------------------------


def annotations(directories: list[Path]):
    """(article path, annotation) for every annotation JSON with an article and claims."""
    for directory in directories:
        for path in sorted(directory.glob("*.json")):
            try:
                ann = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(ann, dict) and "article" in ann and "claims" in ann:
                yield directory / ann["article"], ann


# --- a throwaway Redis -----------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ping(port: int) -> bool:
    """True when a Redis server answers PING on the port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def start_redis(workdir: str) -> tuple[subprocess.Popen, int]:
    """Start redis-server without persistence on a free loopback port and wait for it."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise CannotRun("redis-server is not on PATH")
    port = free_port()
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    args += ["--appendonly", "no", "--dir", workdir, "--daemonize", "no"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if ping(port):
            return process, port
        if process.poll() is not None:
            raise CannotRun(f"redis-server exited with {process.returncode}")
        time.sleep(0.05)
    stop_redis(process)
    raise CannotRun("redis-server did not answer within 10 s")


def stop_redis(process: subprocess.Popen) -> None:
    """Stop the server started by start_redis."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- the service's CLI -----------------------------------------------------------------------


def service(args: list[str], env: dict) -> subprocess.CompletedProcess:
    """Run `python -m service ARGS` from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "service", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def load_references(refs: Path, env: dict) -> dict:
    """Import the reference file; CannotRun with the CLI's reasons when it is rejected."""
    done = service(["refs", "load", str(refs)], env)
    if done.returncode != 0:
        raise CannotRun(f"`refs load {refs}` exited {done.returncode}:\n{done.stderr.strip()}")
    try:
        return json.loads(done.stdout)
    except ValueError:
        return {}


def check(article: Path, published_at: str | None, env: dict) -> list[dict]:
    """The checked claims of one article; RuntimeError when the CLI fails."""
    args = ["check", str(article), "--json"]
    if published_at:
        args += ["--published-at", published_at]
    done = service(args, env)
    if done.returncode != 0:
        raise RuntimeError(f"exited {done.returncode}: {done.stderr.strip()[-300:]}")
    out = json.loads(done.stdout)
    return out["claims"] if isinstance(out, dict) else out


# --- scoring ---------------------------------------------------------------------------------


def evidence_line(claim: dict) -> str:
    """The facts a produced claim was judged against: subject, metric, value, source."""
    parts = []
    for fact in claim.get("evidence") or []:
        value = f"{fact.get('qualifier') or ''} {fact.get('value')}".strip()
        unit = f" {fact['unit']}" if fact.get("unit") and fact.get("metric") != "date" else ""
        url = (fact.get("source") or {}).get("url", "")
        parts.append(f"{fact.get('subject')} / {fact.get('metric')} = {value}{unit} ({url})")
    return "; ".join(parts) or "none"


def run(refs: Path, directories: list[Path]) -> None:
    """Check every annotated article and print the figures."""
    workdir = tempfile.mkdtemp(prefix="verdict-bench-")
    process, port = start_redis(workdir)
    try:
        env = {**os.environ, "REDIS_URL": f"redis://127.0.0.1:{port}/0"}
        report = load_references(refs, env)
        print(f"references: {refs} ({report.get('imported', '?')} facts)")
        confusion: dict[str, Counter] = {}
        wrong: list[str] = []
        errors: list[str] = []
        articles = 0
        for article, ann in annotations(directories):
            expected = [e for e in ann["claims"] if "verdict" in e]
            if not expected:
                continue
            articles += 1
            name = f"{article.parent.name}/{article.name}"
            try:
                claims = check(article, ann.get("published_at"), env)
            except (RuntimeError, ValueError, KeyError, subprocess.TimeoutExpired) as exc:
                errors.append(f"{name}: check failed: {exc}")
                claims = None
            for e in expected:
                found = match(claims, e) if claims is not None else None
                got = "error" if claims is None else (found or {}).get("verdict", "missing")
                confusion.setdefault(e["verdict"], Counter())[got] += 1
                if got != e["verdict"] and claims is not None:
                    wrong.append(describe_wrong(name, e, got, found, claims))
        print_figures(confusion, articles)
        for line in errors:
            print(f"ERROR {line}")
        print(f"\nwrong verdicts ({len(wrong)}):")
        for line in wrong:
            print(line)
    finally:
        stop_redis(process)
        shutil.rmtree(workdir, ignore_errors=True)


def describe_wrong(name: str, e: dict, got: str, found: dict | None, claims: list[dict]) -> str:
    """One wrong verdict: where, what was expected and what came back, and why."""
    flag = f"  FALSE {got.upper()}" if got in ("supported", "contradicted") else ""
    head = f"- {name} {e['anchor']!r} ({e['kind']} {e.get('value')}): "
    head += f"expected {e['verdict']}, got {got}{flag}"
    if found is None:
        near = [c for c in claims if overlaps(c, e)]
        if not near:
            return f"{head}\n    not extracted"
        seen = "; ".join(f"{c.get('text')!r} {c.get('kind')} {c.get('value')}" for c in near)
        return f"{head}\n    overlapping claims with another kind or value: {seen}"
    return (
        f"{head}\n    claim: {found.get('text')!r} category={found.get('category')}"
        f"\n    explanation: {found.get('explanation')}"
        f"\n    evidence: {evidence_line(found)}"
    )


def print_figures(confusion: dict[str, Counter], articles: int) -> None:
    """The confusion matrix, accuracy and false-supported count."""
    rows = [v for v in VERDICTS if v in confusion] + sorted(set(confusion) - set(VERDICTS))
    produced = set().union(*confusion.values()) if confusion else set()
    extra = sorted(produced - set(VERDICTS) - {"missing", "error"})
    columns = [*VERDICTS, *extra, "missing"] + (["error"] if "error" in produced else [])
    corner = "expected \\ got"
    width = max([len(corner), *map(len, rows)]) + 2
    cells = [max(len(c), 5) + 2 for c in columns]
    header = "".join(f"{c:>{w}}" for c, w in zip(columns, cells, strict=True))
    print(f"\n{corner:<{width}}{header}{'total':>8}")
    for row in rows:
        counts = confusion[row]
        line = "".join(f"{counts.get(c, 0):>{w}}" for c, w in zip(columns, cells, strict=True))
        print(f"{row:<{width}}{line}{sum(counts.values()):>8}")
    total = sum(sum(c.values()) for c in confusion.values())
    right = sum(confusion[v].get(v, 0) for v in rows)
    false_supported = sum(c.get("supported", 0) for v, c in confusion.items() if v != "supported")
    false_contradicted = sum(
        c.get("contradicted", 0) for v, c in confusion.items() if v != "contradicted"
    )
    missing = sum(c.get("missing", 0) for c in confusion.values())
    accuracy = right / total if total else 0.0
    print(f"\narticles {articles}, claims {total}")
    print(f"accuracy {right}/{total} = {accuracy:.3f}")
    found = total - missing
    if found:
        print(f"accuracy on extracted claims {right}/{found} = {right / found:.3f}")
    print(f"missing (not extracted) {missing}")
    print(f"FALSE SUPPORTED {false_supported}" + ("  <-- must be 0" if false_supported else ""))
    flag = "  <-- must be 0" if false_contradicted else ""
    print(f"FALSE CONTRADICTED {false_contradicted}{flag}")


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run; 1 only when the benchmark cannot run."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--refs",
        nargs="+",
        metavar=("FILE", "DIR"),
        help="reference file, then the directories of annotated articles",
    )
    args = parser.parse_args(argv)
    if args.refs:
        refs, *dirs = (Path(p).resolve() for p in args.refs)
        directories = dirs or [refs.parent]
    else:
        refs, directories = DEFAULT_REFS, [DEFAULT_DIR]
    missing = [str(p) for p in [refs, *directories] if not p.exists()]
    if missing:
        print(f"could not run: not found: {', '.join(missing)}", file=sys.stderr)
        return 1
    try:
        run(refs, directories)
    except CannotRun as exc:
        print(f"could not run: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
