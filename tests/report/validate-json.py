#!/usr/bin/env python3
"""validate-json.py - check ddilint --format json output against its schema.

usage: validate-json.py [--schema SCHEMA] REPORT.json...

The schema is docs/json-format.schema.json (JSON Schema draft-07); the
format itself is described in docs/json-format.md. Besides the schema, the
summary must agree with the findings and files it summarises. Exit status 0
when every report passes; problems are printed as FILE: PATH: MESSAGE.
"""
import argparse
import json
import os
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.join(HERE, "..", "..", "docs", "json-format.schema.json")


def consistency(doc):
    problems = []
    s = doc.get("summary", {})
    findings = doc.get("findings", [])
    files = doc.get("files", [])
    counts = {
        "findings": len(findings),
        "errors": sum(f.get("severity") == "error" for f in findings),
        "warnings": sum(f.get("severity") == "warning" for f in findings),
        "notes": sum(f.get("severity") == "note" for f in findings),
        "files": len(files),
        "filesAnalysed": sum(f.get("status") == "analysed" for f in files),
        "filesPartial": sum(f.get("status") == "partial" for f in files),
        "filesFailed": sum(f.get("status") == "failed" for f in files),
    }
    for key, want in counts.items():
        if s.get(key) != want:
            problems.append(f"summary/{key}: {s.get(key)!r}, but the report has {want}")
    rule_ids = {r.get("id") for r in doc.get("rules", [])}
    for i, f in enumerate(findings):
        if rule_ids and f.get("ruleId") not in rule_ids:
            problems.append(f"findings/{i}: rule {f.get('ruleId')!r} is not in rules")
        if f.get("notes") and f.get("path"):
            problems.append(f"findings/{i}: has both notes and a path")
    keys = [(f["location"]["file"] or "", f["location"]["line"], f["location"]["column"], f["ruleId"])
            for f in findings if isinstance(f.get("location"), dict)]
    if keys != sorted(keys):
        problems.append("findings: not sorted by file, line, column, rule")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schema", default=DEFAULT_SCHEMA)
    ap.add_argument("reports", nargs="+")
    args = ap.parse_args()
    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    problems = []
    for path in args.reports:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            problems.append(f"{path}: cannot read: {e}")
            continue
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            problems.append(f"{path}: schema: {where}: {e.message}")
        problems.extend(f"{path}: {p}" for p in consistency(doc))
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"validate-json: {len(args.reports)} report(s) valid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
