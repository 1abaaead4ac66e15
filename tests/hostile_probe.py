"""A probe of hostile and odd input through the command line (issue 28): many inputs per class,
each judged by what the user gets: the exit code, one line on stderr and no traceback, no hang
(an alarm), nothing copied or left behind that should not be.

    python tests/hostile_probe.py [--quick] [--seed N]

Not a test module (pytest does not collect it): it runs for minutes and prints a table of
classes with held / not held counts, and the first few failures of each class.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import pickle
import random
import signal
import socket
import sys
import tempfile
import traceback
import zipfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conftest import TODAY  # noqa: E402
from imagegen import save, sheet  # noqa: E402
from packages import filing_on_disk  # noqa: E402

from icpdesk.cli import main  # noqa: E402
from icpdesk.engine import Validator  # noqa: E402
from icpdesk.fileio import load_filing, save_filing  # noqa: E402
from icpdesk.package.export import export_package  # noqa: E402
from icpdesk.workspace import META, Workspace  # noqa: E402

DAY = TODAY.isoformat()


class Hang(Exception):
    pass


def _alarm(*_: object) -> None:
    raise Hang()


def cli(args: list[str], seconds: int = 30) -> tuple[int, str, str]:
    """The command line in this process, under an alarm (a blocked open() is interrupted)."""
    out, err = io.StringIO(), io.StringIO()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    except Hang:
        return -1, out.getvalue(), "HANG"
    except BaseException:  # a traceback escaping main() is a failure of the probe's case
        return -2, out.getvalue(), traceback.format_exc()
    finally:
        signal.alarm(0)
    return code, out.getvalue(), err.getvalue()


def clean_exit(code: int, err: str, allowed: tuple[int, ...]) -> str | None:
    if code == -1:
        return "hang"
    if code == -2 or "Traceback" in err:
        return "traceback: " + err.strip().splitlines()[-1][:160]
    if code not in allowed:
        return f"exit {code} (wanted {allowed}): {err.strip()[:160]}"
    if code == 2 and len([x for x in err.splitlines() if x.strip()]) != 1:
        return f"not one line: {err[:200]!r}"
    return None


class Probe:
    def __init__(self, root: Path, rng: random.Random, quick: bool) -> None:
        self.root, self.rng, self.quick = root, rng, quick
        self.held: dict[str, int] = defaultdict(int)
        self.failed: dict[str, list[str]] = defaultdict(list)
        self.n = 0
        base = self.fresh()
        self.src = filing_on_disk(base)
        self.package = export_package(self.src, base / "p.zip", validator=Validator(today=TODAY)).path

    def fresh(self) -> Path:
        self.n += 1
        d = self.root / f"c{self.n}"
        d.mkdir()
        return d

    def judge(self, cls: str, what: str, problem: str | None) -> None:
        if problem is None:
            self.held[cls] += 1
        else:
            self.failed[cls].append(f"{what}: {problem}")

    # --- the classes -----------------------------------------------------------------------
    def special(self, path: Path, kind: str) -> None:
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "socket":
            s = socket.socket(socket.AF_UNIX)
            s.bind(str(path))
            s.close()
        elif kind == "folder":
            path.mkdir()
        elif kind == "loop":
            path.symlink_to(path)
        elif kind == "loop2":
            path.symlink_to(path.with_name("other"))
            path.with_name("other").symlink_to(path)
        elif kind == "dangling":
            path.symlink_to(path.with_name("nowhere"))
        else:  # a device, or a link to one
            path.symlink_to(kind)

    SPECIALS = ("fifo", "socket", "folder", "loop", "loop2", "dangling", "/dev/zero", "/dev/urandom",
                "/dev/null", "/dev/full")

    def special_filings(self) -> None:
        commands = [["validate"], ["plan"], ["export"], ["workspace", "add"]]
        for kind in self.SPECIALS:
            for suffix in (".icpdesk.yaml", ".icpdesk.json"):
                for command in commands:
                    d = self.fresh()
                    f = d / f"f{suffix}"
                    self.special(f, kind)
                    args = [*command, str(f)]
                    args += ["-o", str(d / "o.zip")] if command == ["export"] else []
                    args += ["--workspace", str(d / "ws")] if command[0] == "workspace" else []
                    code, _, err = cli(args)
                    problem = clean_exit(code, err, (2,))
                    if problem is None and (d / "o.zip").exists():
                        problem = "exported"
                    self.judge("special file as the filing", f"{kind} {suffix} {' '.join(command)}", problem)

    def special_packages(self) -> None:
        for kind in self.SPECIALS:
            for command in (["verify"], ["verify", "--images"], ["import"], ["review"]):
                d = self.fresh()
                p = d / "p.zip"
                self.special(p, kind)
                args = [*command, str(p)] + (["-o", str(d / "out")] if command == ["import"] else [])
                code, _, err = cli(args)
                problem = clean_exit(code, err, (2,)) or ("imported" if (d / "out").exists() else None)
                self.judge("special file as the package", f"{kind} {' '.join(command)}", problem)

    def special_in_workspace(self) -> None:
        for kind in self.SPECIALS:
            for where in (META, "review.json", "filing.icpdesk.yaml"):
                d = self.fresh()
                ws = Workspace(d / "ws").ensure()
                ids = [ws.add_file(self.src) for _ in range(2)]
                target = ws.folder(ids[0]) / where
                if target.exists():
                    target.unlink()
                self.special(target, kind)
                for command in ("list", "validate"):
                    code, out, err = cli(["workspace", command, "--json", "--workspace", str(ws.root)])
                    problem = clean_exit(code, err, (0, 1))
                    if problem is None:
                        listed = {r["id"] for r in json.loads(out)}
                        want = set(ids) if where != "filing.icpdesk.yaml" else {ids[1]}
                        problem = None if want <= listed else f"listed {listed}"
                    self.judge("special file inside the workspace", f"{kind} as {where}, {command}", problem)

    def special_caches(self) -> None:
        """In processes of their own: the rules are read from the cache once per process."""
        kinds = ("fifo", "folder", "/dev/zero", "/dev/urandom", "loop", "socket")
        args = ["validate", "--json", "--today", DAY, str(self.src)]
        for kind in kinds:
            for index in range(3):
                d = self.fresh()
                cache = d / "cache"
                first = _fresh_process(args, cache)
                targets = [cache / "rules" / "rulebook.snapshot", cache / "rules" / "parsed.json",
                           *sorted(cache.glob("??/*.json"))[:1]]
                t = targets[index]
                t.unlink()
                self.special(t, kind)
                code, out, err = _fresh_process(args, cache)
                problem = clean_exit(code, err, (0,)) or (None if out == first[1] else "another answer")
                self.judge("special file as a cache", f"{kind} as {t.name}", problem)

    def outside_scans(self) -> None:
        secret_dir = self.fresh()
        secret = secret_dir / "secret.jpg"
        save(sheet(1200, 900, seed=977), secret, "JPEG")  # bytes no scan of the filings has
        secret_bytes = secret.read_bytes()
        forms: list[Callable[[Path], str]] = [
            lambda d: str(secret),
            lambda d: os.path.relpath(secret, d),
            lambda d: "scans/../" + os.path.relpath(secret, d),
            lambda d: _link(d / "l.jpg", secret),
            lambda d: _link(d / "sub" / "l.jpg", secret, mkdir=True),
            lambda d: _link(d / "l2.jpg", _link(d / "l1.jpg", secret)),
            lambda d: "/etc/hostname",
            lambda d: "/etc/passwd",
            lambda d: "//" + str(secret).lstrip("/"),
            lambda d: str(secret).replace("/", "//"),
        ]
        for i, form in enumerate(forms):
            for index in range(3 if not self.quick else 1):
                d = self.fresh()
                src = filing_on_disk(d)
                f = load_filing(src)
                f.materials[index].path = form(d)
                if not os.path.isabs(f.materials[index].path) and "l" in f.materials[index].path:
                    f.materials[index].path = os.path.relpath(d / f.materials[index].path, d)
                save_filing(f, src)
                root = d / "ws"
                code, _, err = cli(["workspace", "add", "--workspace", str(root), str(src)])
                copied = any(p.is_file() and not p.is_symlink() and p.read_bytes() in (secret_bytes,
                             Path("/etc/passwd").read_bytes(), Path("/etc/hostname").read_bytes())
                             for p in root.rglob("*"))
                problem = clean_exit(code, err, (1,)) or ("copied without --allow-outside" if copied else None)
                if problem is None:
                    code, _, err = cli(["export", str(src), "-o", str(d / "o.zip")])
                    problem = clean_exit(code, err, (1,)) or ("exported" if (d / "o.zip").exists() else None)
                self.judge("scan outside the filing's folder", f"form {i} at materials[{index}]", problem)
                code, out, err = cli(["workspace", "add", "--allow-outside", "--workspace", str(root), str(src)])
                problem = clean_exit(code, err, (0,))
                if problem is None:
                    m = Workspace(root).load(out.split("\t")[0]).materials[index]
                    problem = None if m.path.startswith("scans/") else f"not copied: {m.path}"
                self.judge("scan outside, --allow-outside", f"form {i} at materials[{index}]", problem)

    def plan_bad_files(self) -> None:
        for bad in ("missing", "outside", "empty", "folder", "fifo", "/dev/zero", "loop", "blank", "dotdot"):
            for index in range(4 if not self.quick else 1):
                d = self.fresh()
                src = filing_on_disk(d)
                f = load_filing(src)
                m = f.materials[index]
                target = d / m.path
                target.unlink()
                if bad == "outside":
                    m.path = "/etc/hostname"
                elif bad == "dotdot":
                    m.path = "../" + self.src.parent.name + "/" + load_filing(self.src).materials[0].path
                elif bad == "blank":
                    m.path = " "
                elif bad == "empty":
                    target.write_bytes(b"")
                elif bad == "folder":
                    target.mkdir()
                elif bad != "missing":
                    self.special(target, "fifo" if bad == "fifo" else bad)
                save_filing(f, src)
                code, out, err = cli(["plan", "--json", "--today", DAY, str(src)])
                problem = clean_exit(code, err, (1,))
                if problem is None and json.loads(out)["ok"]:
                    problem = "plan ok"
                code, _, err = cli(["validate", "--today", DAY, str(src)])  # with its scans, as by default
                problem = problem or clean_exit(code, err, (1,))
                self.judge("plan and validate on a bad material file", f"{bad} materials[{index}]", problem)

    def nested(self) -> None:
        depths = (1000, 10_000, 100_000) if not self.quick else (100_000,)
        shapes = ("[", "{\"a\":", "[{\"a\":")
        for depth in depths:
            for shape in shapes:
                close = {"[": "]", "{\"a\":": "}", "[{\"a\":": "}]"}[shape]
                deep = shape * depth + "1" + close * depth
                for where in ("meta-whole", "meta-name", "meta-domains"):
                    d = self.fresh()
                    ws = Workspace(d / "ws").ensure()
                    ids = [ws.add_file(self.src) for _ in range(2)]
                    text = {"meta-whole": deep, "meta-name": '{"id": "x", "name": ' + deep + "}",
                            "meta-domains": '{"domains": ' + deep + "}"}[where]
                    (ws.folder(ids[0]) / META).write_text(text)
                    for command in ("list", "validate"):
                        code, out, err = cli(["workspace", command, "--json", "--workspace", str(ws.root)])
                        problem = clean_exit(code, err, (0, 1))
                        if problem is None and {r["id"] for r in json.loads(out)} != set(ids):
                            problem = "an entry was lost"
                        self.judge("deeply nested meta.json", f"{shape}×{depth} {where} {command}", problem)
                d = self.fresh()
                cache = d / "cache"
                os.environ["ICPDESK_CACHE"] = str(cache)
                try:
                    cli(["validate", "--json", "--today", DAY, str(self.src)])
                    for v in cache.glob("??/*.json"):
                        v.write_text('{"key": ' + deep + "}")
                    code, _, err = cli(["validate", "--json", "--today", DAY, str(self.src)])
                    self.judge("deeply nested verdict cache entry", f"{shape}×{depth}", clean_exit(code, err, (0,)))
                finally:
                    os.environ.pop("ICPDESK_CACHE", None)

    def damaged_members(self) -> None:
        data = self.package.read_bytes()
        with zipfile.ZipFile(self.package) as z:
            infos = [i for i in z.infolist() if i.filename.startswith("materials/")]
        for info in infos:
            name_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
            extra_len = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
            start = info.header_offset + 30 + name_len + extra_len
            for _ in range(10 if not self.quick else 2):
                d = self.fresh()
                bad = bytearray(data)
                at = start + self.rng.randrange(info.compress_size)
                bad[at] ^= 1 << self.rng.randrange(8)
                (d / "p.zip").write_bytes(bytes(bad))
                for lang in ("zh", "en"):
                    code, out, err = cli(["verify", "--lang", lang, str(d / "p.zip")])
                    problem = clean_exit(code, err, (1,))
                    if problem is None and (info.filename not in out or "Bad CRC" in out + err):
                        problem = f"member not named: {out[-200:]}"
                    self.judge("damaged package member", f"{info.filename} byte {at - start} {lang}", problem)

    def masking(self) -> None:
        from icpdesk.package.layout import mask_text

        ids = ["330102198806122201", "33010619900101123X", "110101199003078718", "330106851212456"]
        seps = [" ", "-", "\u3000", "\t", "\u00a0"]
        for _ in range(200 if not self.quick else 40):
            number = self.rng.choice(ids)
            out, i = "", 0
            while i < len(number):
                step = self.rng.choice((1, 2, 3, 4, 6, 8))
                out += number[i:i + step]
                i += step
                if i < len(number):
                    out += self.rng.choice(seps)
            text = self.rng.choice(("身份证", "ID ", "证件号：", "")) + out + self.rng.choice(("。", "，电话", " ", ""))
            masked = mask_text(text)
            digits = "".join(c for c in masked if c.isdigit() or c in "Xx")
            problem = f"{text!r} → {masked!r}" if number[4:-4] in digits else None
            self.judge("ID number in groups (--mask)", repr(out), problem)
        for _ in range(3):  # and through the command line, end to end
            d = self.fresh()
            src = filing_on_disk(d)
            f = load_filing(src)
            f.principal.remark = "身份证 3301 0219 8806 1222 01，330102-19880612-2201"
            save_filing(f, src)
            code, _, err = cli(["export", "--mask", str(src), "-o", str(d / "m.zip")])
            problem = clean_exit(code, err, (0,))
            if problem is None:
                with zipfile.ZipFile(d / "m.zip") as z:
                    blob = z.read("manifest.json").decode() + z.read("summary.html").decode()
                problem = "shown" if ("0219 8806" in blob or "19880612" in blob) else None
            self.judge("ID number in groups (--mask)", "export", problem)

    def invisible(self) -> None:
        chars = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u202a", "\u202b",
                 "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
        fields = {"websites[0].domains": lambda f, v: setattr(f.websites[0], "domains", [v]),
                  "principal.leader.email": lambda f, v: setattr(f.principal.leader, "email", v),
                  "principal.leader.cert_number": lambda f, v: setattr(f.principal.leader, "cert_number", v),
                  "principal.leader.phone1": lambda f, v: setattr(f.principal.leader, "phone1", v)}
        clean = load_filing(self.src)
        base_values = {"websites[0].domains": clean.websites[0].domains[0],
                       "principal.leader.email": clean.principal.leader.email,
                       "principal.leader.cert_number": clean.principal.leader.cert_number,
                       "principal.leader.phone1": clean.principal.leader.phone1}
        for ch in chars if not self.quick else chars[:4]:
            for path, setter in fields.items():
                d = self.fresh()
                src = filing_on_disk(d)
                f = load_filing(src)
                v = base_values[path]
                at = self.rng.randrange(len(v) + 1)
                setter(f, v[:at] + ch + v[at:])
                save_filing(f, src)
                code, out, err = cli(["validate", "--no-images", "--json", "--today", DAY, str(src)])
                problem = clean_exit(code, err, (1,))
                hits = {(x["rule"], x["path"]) for x in json.loads(out)["findings"]} if problem is None else set()
                if problem is None and ("input.invisible", path) not in hits:
                    problem = "not said"
                self.judge("invisible character in a domain, e-mail or number", f"U+{ord(ch):04X} {path}", problem)

    def snapshots(self) -> None:
        import hashlib

        from icpdesk import rules_snapshot
        from icpdesk.paths import rules_dir
        from icpdesk.rulebook import Rulebook
        from icpdesk.shipped import PLUGINS, default_rulebook

        real = default_rulebook()
        state = {k: v for k, v in real.__dict__.items() if k != "plugins"}
        variants: list[object] = [Rulebook.__new__(Rulebook)]
        for drop in sorted(state):
            rb = Rulebook.__new__(Rulebook)
            rb.__dict__.update({k: v for k, v in state.items() if k != drop})
            variants.append(rb)
        for swap in sorted(state):
            rb = Rulebook.__new__(Rulebook)
            rb.__dict__.update({**state, swap: None})
            variants.append(rb)
        for i, obj in enumerate(variants):
            d = self.fresh()
            cache = d / "cache"
            os.environ["ICPDESK_CACHE"] = str(cache)
            try:
                body = pickle.dumps(obj)
                where = rules_snapshot.snapshot_file()
                assert where is not None
                where.parent.mkdir(parents=True)
                where.write_bytes(rules_snapshot.MAGIC + rules_snapshot.key(rules_dir(), PLUGINS)
                                  + hashlib.sha256(body).digest() + body)
                code, _, err = _fresh_process(["validate", "--no-images", "--today", DAY, str(self.src)], cache)
                self.judge("crafted rules snapshot", f"variant {i}", clean_exit(code, err, (0,)))
            finally:
                os.environ.pop("ICPDESK_CACHE", None)

    def not_a_workspace(self) -> None:
        for i in range(30 if not self.quick else 6):
            d = self.fresh()
            target = self.rng.choice([d / "missing", d, d / "file.txt", self.src.parent])
            if target.name == "file.txt":
                target.write_text("x")
            for command in ("list", "validate"):
                code, _, err = cli(["workspace", command, "--workspace", str(target)])
                self.judge("mistyped --workspace", f"{i} {target.name} {command}", clean_exit(code, err, (2,)))

    def leftovers(self) -> None:
        """verify --images, review and import leave nothing in TMPDIR (in-process, so the
        sweep of killed ones is tested by tests/test_hostile_round3.py)."""
        tmp = Path(tempfile.gettempdir())
        before = {p.name for p in tmp.iterdir() if "icpdesk" in p.name}  # (and conftest's verdict cache)
        for i in range(10 if not self.quick else 2):
            d = self.fresh()
            for args in (["verify", "--images", str(self.package)], ["review", str(self.package)],
                         ["import", str(self.package), "-o", str(d / f"o{i}")]):
                code, _, err = cli(args)
                after = {p.name for p in tmp.iterdir() if "icpdesk" in p.name
                         and not p.name.startswith("icpdesk-test-")} - before
                left = [p for p in d.iterdir() if p.name.startswith(".")]
                problem = clean_exit(code, err, (0,)) or (f"left {after or left}" if after or left else None)
                self.judge("private folders after a run", f"{args[0]} {i}", problem)


def _link(path: Path, target: Path, mkdir: bool = False) -> str:
    if mkdir:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    return str(path)


def _fresh_process(args: list[str], cache: Path) -> tuple[int, str, str]:
    """A command in a process of its own (the rules are loaded once per process)."""
    import subprocess

    env = {**os.environ, "ICPDESK_CACHE": str(cache)}
    try:
        p = subprocess.run([sys.executable, "-m", "icpdesk", *args], capture_output=True, text=True,
                           timeout=60, env=env)
    except subprocess.TimeoutExpired:
        return -1, "", "HANG"
    return p.returncode, p.stdout, p.stderr


def run(quick: bool, seed: int, only: list[str]) -> int:
    os.environ["LANGUAGE"] = "zh_CN"
    with tempfile.TemporaryDirectory(prefix="h28-probe-") as tmp:
        probe = Probe(Path(tmp), random.Random(seed), quick)
        steps = (probe.special_filings, probe.special_packages, probe.special_in_workspace,
                     probe.special_caches, probe.outside_scans, probe.plan_bad_files, probe.nested,
                     probe.damaged_members, probe.masking, probe.invisible, probe.snapshots,
                     probe.not_a_workspace, probe.leftovers)
        for step in steps:
            if only and step.__name__ not in only:
                continue
            step()
            print(f"  {step.__name__} done", file=sys.stderr, flush=True)
    classes = sorted(set(probe.held) | set(probe.failed))
    total_held = sum(probe.held.values())
    total = total_held + sum(len(v) for v in probe.failed.values())
    print(f"{'class':<52} {'held':>6} {'not':>5}")
    for c in classes:
        print(f"{c:<52} {probe.held[c]:>6} {len(probe.failed[c]):>5}")
        for line in probe.failed[c][:3]:
            print(f"    ✗ {line}")
    print(f"{'total':<52} {total_held:>6} {total - total_held:>5}   ({total} inputs)")
    return 0 if total == total_held else 1


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--seed", type=int, default=28)
    ap.add_argument("--only", nargs="*", default=[], help="run only these classes (method names)")
    a = ap.parse_args()
    sys.exit(run(a.quick, a.seed, a.only))
