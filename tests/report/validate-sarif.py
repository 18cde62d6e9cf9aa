#!/usr/bin/env python3
"""validate-sarif.py - check SARIF logs written by ddilint.

usage: validate-sarif.py [--schema SCHEMA] LOG.sarif...

Two layers:
 1. the OASIS SARIF 2.1.0 schema (errata01, JSON Schema draft-04), with
    jsonschema.Draft4Validator; the schema copy sits next to this script;
 2. what GitHub code scanning additionally needs or rejects (docs.github.com
    "SARIF support for code scanning", and /work/shared/reference/
    sarif-and-ecosystem.md section 1): rule metadata, one location per
    result with a %SRCROOT%-relative URI, message sentences, related location
    ids behind message links, fingerprints, invocation notifications, limits.
Exit status 0 when every log passes; each problem is printed as FILE: PATH: MESSAGE.
"""
import argparse
import json
import os
import re
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = {"none", "note", "warning", "error"}
PRECISIONS = {"very-high", "high", "medium", "low"}
PROBLEM_SEVERITIES = {"error", "warning", "recommendation"}
LINK = re.compile(r"(?<!\\)\[((?:[^\]\\]|\\.)*)\]\(([^)]*)\)")
URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$")


class Checker:
    def __init__(self, name):
        self.name = name
        self.problems = []

    def fail(self, where, msg):
        self.problems.append(f"{self.name}: {where}: {msg}")

    def text(self, where, obj, max_len=None, sentence=False):
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            self.fail(where, "needs a non-empty text")
            return None
        t = obj["text"]
        if max_len is not None and len(t) > max_len:
            self.fail(where, f"longer than {max_len} characters")
        if sentence and not t.rstrip().endswith((".", "!", "?")):
            self.fail(where, f"does not end with a period: {t!r}")
        return t

    def rule(self, where, r, seen):
        rid = r.get("id")
        if not rid:
            self.fail(where, "rule without id")
        elif rid in seen:
            self.fail(where, f"duplicate rule id {rid!r}")
        seen.add(rid)
        if r.get("name") is not None and r.get("name") == rid:
            self.fail(where, "name equals id (SARIF1001)")
        self.text(where + ".shortDescription", r.get("shortDescription"), 1024)
        self.text(where + ".fullDescription", r.get("fullDescription"), 1024)
        self.text(where + ".help", r.get("help"))
        if not r.get("helpUri"):
            self.fail(where, "no helpUri")
        level = (r.get("defaultConfiguration") or {}).get("level")
        if level not in LEVELS:
            self.fail(where, f"defaultConfiguration.level {level!r}")
        props = r.get("properties") or {}
        tags = props.get("tags", [])
        if not isinstance(tags, list) or len(tags) > 20 or not all(isinstance(t, str) and t for t in tags):
            self.fail(where, "tags must be at most 20 non-empty strings")
        if props.get("precision") not in PRECISIONS:
            self.fail(where, f"precision {props.get('precision')!r}")
        if props.get("problem.severity") not in PROBLEM_SEVERITIES:
            self.fail(where, f"problem.severity {props.get('problem.severity')!r}")
        if "security-severity" in props:
            try:
                v = float(props["security-severity"])
                if not 0.0 < v <= 10.0:
                    raise ValueError
            except (TypeError, ValueError):
                self.fail(where, "security-severity must be a number string in (0, 10]")

    def artifact(self, where, art, bases):
        if not isinstance(art, dict) or not isinstance(art.get("uri"), str) or not art["uri"]:
            self.fail(where, "artifactLocation needs a uri")
            return
        uri = art["uri"]
        if not URI_CHARS.match(uri):
            self.fail(where, f"uri not percent-encoded: {uri!r}")
        base = art.get("uriBaseId")
        if base is not None:
            if base not in bases:
                self.fail(where, f"uriBaseId {base!r} not in originalUriBaseIds")
            if uri.startswith("/") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri):
                self.fail(where, f"uri with a uriBaseId must be relative: {uri!r}")
        elif not uri.startswith("file:///"):
            self.fail(where, f"uri without uriBaseId must be an absolute file URI: {uri!r}")

    def region(self, where, reg, required=True):
        if reg is None:
            if required:
                self.fail(where, "no region")
            return
        if not isinstance(reg.get("startLine"), int) or reg["startLine"] < 1:
            self.fail(where, "region.startLine must be >= 1")
        sc, ec = reg.get("startColumn"), reg.get("endColumn")
        if ec is not None and (sc is None or ec < sc):
            self.fail(where, "endColumn before startColumn")

    def location(self, where, loc, bases, region_required=True):
        phys = (loc or {}).get("physicalLocation")
        if not isinstance(phys, dict):
            self.fail(where, "no physicalLocation")
            return
        self.artifact(where + ".artifactLocation", phys.get("artifactLocation"), bases)
        self.region(where + ".region", phys.get("region"), region_required)

    def result(self, where, res, rules, bases):
        rid = res.get("ruleId")
        idx = res.get("ruleIndex")
        if not rid:
            self.fail(where, "no ruleId")
        if idx is None or not 0 <= idx < len(rules) or rules[idx].get("id") != rid:
            self.fail(where, f"ruleIndex {idx!r} does not point at rule {rid!r}")
        if res.get("level") not in LEVELS:
            self.fail(where, f"level {res.get('level')!r}")
        msg = self.text(where + ".message", res.get("message"), sentence=True)
        locs = res.get("locations")
        if not isinstance(locs, list) or len(locs) != 1:
            self.fail(where, "needs exactly one location (GitHub uses only the first)")
        else:
            self.location(where + ".locations[0]", locs[0], bases)
        ids = set()
        for i, rel in enumerate(res.get("relatedLocations", [])):
            w = f"{where}.relatedLocations[{i}]"
            if not isinstance(rel.get("id"), int):
                self.fail(w, "no id (GH1007)")
            elif rel["id"] in ids:
                self.fail(w, f"duplicate id {rel['id']}")
            ids.add(rel.get("id"))
            self.text(w + ".message", rel.get("message"))
            self.location(w, rel, bases, region_required=False)
        for target in (LINK.findall(msg) if msg else []):
            t = target[1]
            if t.isdigit() and int(t) not in ids:
                self.fail(where, f"message links to missing related location {t}")
        for i, flow in enumerate(res.get("codeFlows", [])):
            for j, thread in enumerate(flow.get("threadFlows", [])):
                steps = thread.get("locations", [])
                if not steps or len(steps) > 10000:
                    self.fail(f"{where}.codeFlows[{i}].threadFlows[{j}]", "needs 1..10000 locations")
                for k, step in enumerate(steps):
                    self.location(f"{where}.codeFlows[{i}].threadFlows[{j}].locations[{k}].location",
                                  step.get("location"), bases, region_required=False)
        for i, fix in enumerate(res.get("fixes", [])):
            self.text(f"{where}.fixes[{i}].description", fix.get("description"))
            for j, change in enumerate(fix.get("artifactChanges", [])):
                w = f"{where}.fixes[{i}].artifactChanges[{j}]"
                self.artifact(w + ".artifactLocation", change.get("artifactLocation"), bases)
                for k, rep in enumerate(change.get("replacements", [])):
                    self.region(f"{w}.replacements[{k}].deletedRegion", rep.get("deletedRegion"))
        fps = res.get("partialFingerprints") or {}
        h = fps.get("primaryLocationLineHash")
        if h is not None and not re.match(r"^[0-9a-f]{1,16}:[1-9][0-9]*$", h):
            self.fail(where, f"primaryLocationLineHash {h!r}")
        v1 = fps.get("ddilint/v1")
        if v1 is None or not re.match(r"^[0-9a-f]{16}:[1-9][0-9]*$", v1):
            self.fail(where, f"ddilint/v1 fingerprint {v1!r}")

    def log(self, doc):
        schema_uri = doc.get("$schema", "")
        if "rtm" in schema_uri:
            self.fail("$schema", "pre-release schema URI (SARIF1011)")
        runs = doc.get("runs", [])
        if len(runs) != 1:
            self.fail("runs", f"ddilint writes exactly one run, found {len(runs)}")
        for r_i, run in enumerate(runs):
            where = f"runs[{r_i}]"
            driver = run.get("tool", {}).get("driver", {})
            if not driver.get("name"):
                self.fail(where + ".tool.driver", "no name")
            rules = driver.get("rules", [])
            seen = set()
            for i, rule in enumerate(rules):
                self.rule(f"{where}.tool.driver.rules[{i}]", rule, seen)
            bases = run.get("originalUriBaseIds", {})
            for name, base in bases.items():
                uri = (base or {}).get("uri", "")
                if not uri.startswith("file:///") or not uri.endswith("/"):
                    self.fail(f"{where}.originalUriBaseIds.{name}", f"must be a file:/// URI ending in '/': {uri!r}")
            if run.get("columnKind") != "utf16CodeUnits":
                self.fail(where, "columnKind must be utf16CodeUnits")
            results = run.get("results")
            if not isinstance(results, list):
                self.fail(where, "no results array")
                results = []
            if len(results) > 25000:
                self.fail(where, "more than 25000 results")
            for i, res in enumerate(results):
                self.result(f"{where}.results[{i}]", res, rules, bases)
            invs = run.get("invocations", [])
            if len(invs) != 1:
                self.fail(where, "needs exactly one invocation")
            for i, inv in enumerate(invs):
                w = f"{where}.invocations[{i}]"
                if not isinstance(inv.get("executionSuccessful"), bool):
                    self.fail(w, "executionSuccessful must be set")
                notes = inv.get("toolExecutionNotifications", [])
                failed = False
                for j, n in enumerate(notes):
                    wn = f"{w}.toolExecutionNotifications[{j}]"
                    if n.get("level") not in ("error", "warning", "note"):
                        self.fail(wn, f"level {n.get('level')!r}")
                    failed = failed or n.get("level") == "error"
                    self.text(wn + ".message", n.get("message"), sentence=True)
                    if not (n.get("descriptor") or {}).get("id"):
                        self.fail(wn, "no descriptor id")
                    for k, loc in enumerate(n.get("locations", [])):
                        self.location(f"{wn}.locations[{k}]", loc, bases, region_required=False)
                if failed and inv.get("executionSuccessful") is not False:
                    self.fail(w, "a file failed but executionSuccessful is not false")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schema", default=os.path.join(HERE, "sarif-2.1.0.json"))
    ap.add_argument("logs", nargs="+")
    args = ap.parse_args()
    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    problems = []
    for path in args.logs:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            problems.append(f"{path}: cannot read: {e}")
            continue
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            problems.append(f"{path}: schema: {where}: {e.message}")
        c = Checker(path)
        c.log(doc)
        problems.extend(c.problems)
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"validate-sarif: {len(args.logs)} log(s) valid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
