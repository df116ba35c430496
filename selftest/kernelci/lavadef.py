#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Check and run LAVA YAML files the way LAVA reads them (selftest/kernelci).

  lavadef.py check-testdef FILE      a Lava-Test Test Definition 1.0
  lavadef.py check-job FILE          a job definition (qemu examples)
  lavadef.py run FILE ROOT [K=V]...  run the definition's steps as LAVA does:
                                     params as shell variables (K=V overrides,
                                     as a job's parameters do), then the steps,
                                     in one `set -e` script, from ROOT
  lavadef.py monitor JOB CONSOLE     apply the job's monitor patterns to a
                                     console log: "<test_case_id> <result>" lines
Facts (FACTS-kernelci §2): format exactly "Lava-Test Test Definition 1.0",
name required, names match ^[-_a-zA-Z0-9.]+$, run.steps a list of shell
lines, install/parse deprecated, monitors need name/start/end/pattern with a
result group mapped through fixupdict.  Exit 0 valid, 1 invalid (each
violation on stderr), 2 usage.
"""
import re
import subprocess
import sys

import yaml

NAME = re.compile(r"^[-_a-zA-Z0-9.]+$")
META_OPTIONAL = {"description", "maintainer", "os", "scope", "devices", "environment"}
LAVA_RESULTS = {"pass", "fail", "skip", "unknown"}


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def check_testdef(path):
    errs = []
    d = load(path)
    if not isinstance(d, dict):
        return [f"{path}: not a mapping"]
    extra = set(d) - {"metadata", "params", "parameters", "run"}
    if extra:
        errs.append(f"keys not allowed (install/parse are deprecated): {sorted(extra)}")
    m = d.get("metadata")
    if not isinstance(m, dict):
        errs.append("no metadata mapping")
        m = {}
    if m.get("format") != "Lava-Test Test Definition 1.0":
        errs.append(f"metadata.format is {m.get('format')!r}, not 'Lava-Test Test Definition 1.0'")
    if not isinstance(m.get("name"), str) or not NAME.match(m.get("name", "")):
        errs.append(f"metadata.name {m.get('name')!r} does not match {NAME.pattern}")
    bad = set(m) - {"format", "name"} - META_OPTIONAL
    if bad:
        errs.append(f"unknown metadata keys {sorted(bad)}")
    params = d.get("params", d.get("parameters", {})) or {}
    if not isinstance(params, dict):
        errs.append("params is not a mapping")
        params = {}
    for k, v in params.items():
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", str(k)):
            errs.append(f"param {k!r} is not a shell variable name")
        if not isinstance(v, (str, int, float, bool)):
            errs.append(f"param {k} has a non-scalar default")
    run = d.get("run")
    steps = run.get("steps") if isinstance(run, dict) else None
    if not isinstance(steps, list) or not steps or not all(isinstance(s, str) for s in steps):
        errs.append("run.steps is not a non-empty list of shell lines")
    return errs


def check_job(path):
    errs = []
    d = load(path)
    for k in ("device_type", "job_name", "timeouts", "actions"):
        if k not in d:
            errs.append(f"no {k}")
    tests = [a["test"] for a in d.get("actions", []) if isinstance(a, dict) and "test" in a]
    if not tests:
        errs.append("no test action")
    for t in tests:
        if "timeout" not in t:
            errs.append("a test action without a timeout")
        for df in t.get("definitions", []):
            for k in ("repository", "from", "path", "name"):
                if k not in df:
                    errs.append(f"a definition without {k}")
            if not NAME.match(str(df.get("name", ""))):
                errs.append(f"definition name {df.get('name')!r} does not match {NAME.pattern}")
        for mo in t.get("monitors", []):
            for k in ("name", "start", "end", "pattern"):
                if k not in mo:
                    errs.append(f"a monitor without {k}")
            if not NAME.match(str(mo.get("name", ""))):
                errs.append(f"monitor name {mo.get('name')!r} does not match {NAME.pattern}")
            try:
                rx = re.compile(mo.get("pattern", ""))
                if "result" not in rx.groupindex or "test_case_id" not in rx.groupindex:
                    errs.append("monitor pattern lacks the result or test_case_id group")
            except re.error as e:
                errs.append(f"monitor pattern does not compile: {e}")
            fix = mo.get("fixupdict", {})
            if not set(fix.values()) <= LAVA_RESULTS:
                errs.append(f"fixupdict maps to {sorted(set(fix.values()) - LAVA_RESULTS)}")
    return errs


def run(path, root, overrides):
    d = load(path)
    params = dict(d.get("params", d.get("parameters", {})) or {})
    for kv in overrides:
        k, _, v = kv.partition("=")
        params[k] = v
    lines = ["set -e"]
    for k, v in params.items():
        lines.append(f"{k}='{str(v)}'")
    lines += d["run"]["steps"]
    return subprocess.call(["sh", "-c", "\n".join(lines) + "\n"], cwd=root)


def monitor(job, console):
    d = load(job)
    text = open(console, encoding="utf-8", errors="replace").read()
    n = 0
    for a in d["actions"]:
        for mo in a.get("test", {}).get("monitors", []):
            s = text.find(mo["start"])
            e = text.find(mo["end"], s + 1)
            if s < 0 or e < 0:
                print(f"monitor {mo['name']}: start or end not found", file=sys.stderr)
                return 1
            fix = mo.get("fixupdict", {})
            for m in re.finditer(mo["pattern"], text[s:e]):
                # LAVA lower-cases the id and turns \W+ into _ (monitor.py).
                cid = re.sub(r"\W+", "_", m.group("test_case_id").lower())
                print(cid, fix.get(m.group("result"), m.group("result")))
                n += 1
    return 0 if n else 1


def main(argv):
    if len(argv) >= 3 and argv[1] in ("check-testdef", "check-job"):
        errs = (check_testdef if argv[1] == "check-testdef" else check_job)(argv[2])
        for e in errs:
            print(f"{argv[2]}: {e}", file=sys.stderr)
        return 1 if errs else 0
    if len(argv) >= 4 and argv[1] == "run":
        return run(argv[2], argv[3], argv[4:])
    if len(argv) == 4 and argv[1] == "monitor":
        return monitor(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
