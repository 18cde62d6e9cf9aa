#!/usr/bin/env python3
"""check-kb.py - schema and consistency checks for rules/ddi-kb.json.

Checks, each reported by name when it fails:
  schema       the file validates against rules/ddi-kb.schema.json (jsonschema)
  layout       header keys, then one DDI per line, then one role per line (docs/knowledge-base.md)
  sorted       DDIs and roles sorted by name (case-sensitive ASCII), no duplicates
  spellings    every name in name + names belongs to exactly one entry; no role shares one
  constants    every constant a condition uses is defined
  doc          every entry and role has an https docs URL
  replacements every use / storport_use names a DDI in the KB (or a StorPort* routine), and a
               storport_use is never itself storport_prohibited
  irql         min <= max, and a "when" bound is no looser than the envelope
  pairs        every release names acquiring DDIs ("of") that acquire its kind, every acquire that needs a
               release has one, and "nonnull"/"arg N" indices are plausible
  irql_change  an IRQL change names a level, a restore or a record/match; a role's registering DDI is in the KB
  curated      rules/kb-curated.json is valid JSON and every curated entry gives its source
  reproduce    tools/kb-import.py regenerates the committed file byte for byte (skipped, with a
               message, when the reference data directory is absent)
  contracts    every plain IRQL bound of ddi-contracts.md section a (<=X, =X, >=X) is the KB's, except
               the choices recorded in docs/knowledge-base.md (CONTRACT_CHOICES; skipped like reproduce)

Usage: check-kb.py [--kb FILE] [--schema FILE] [--reference-dir DIR]
Exit status 0 when every check passes, 1 otherwise, 2 when the check itself cannot run.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LEVELS = ["PASSIVE_LEVEL", "APC_LEVEL", "DISPATCH_LEVEL", "DIRQL", "HIGH_LEVEL"]


class Report:
    def __init__(self):
        self.failures = 0

    def fail(self, check, msg):
        self.failures += 1
        if self.failures <= 200:
            print("FAIL %s: %s" % (check, msg))

    def ok(self, check, msg=""):
        print("ok   %s%s" % (check, (": " + msg) if msg else ""))


def check_schema(rep, kb, schema_path):
    try:
        import jsonschema
    except ImportError:
        rep.fail("schema", "python3 jsonschema module not installed (Debian: python3-jsonschema)")
        return
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls.check_schema(schema)
    errors = sorted(validator_cls(schema).iter_errors(kb), key=lambda e: list(e.absolute_path))
    for e in errors[:50]:
        where = "/".join(str(p) for p in e.absolute_path)
        name = ""
        if len(e.absolute_path) >= 2 and e.absolute_path[0] in ("ddis", "roles"):
            item = kb[e.absolute_path[0]][e.absolute_path[1]]
            name = " (%s)" % item.get("name", "?") if isinstance(item, dict) else ""
        rep.fail("schema", "%s%s: %s" % (where or "<root>", name, e.message))
    if len(errors) > 50:
        rep.fail("schema", "... and %d more schema errors" % (len(errors) - 50))
    if not errors:
        # jsonschema.validate is the documented one-call form; run it too so a validator-selection
        # difference between jsonschema versions cannot hide an error.
        jsonschema.validate(kb, schema)
        rep.ok("schema")


def check_layout(rep, text, kb):
    """One DDI per line between '"ddis": [' and '],', one role per line after '"roles": ['."""
    lines = text.split("\n")
    n0 = rep.failures
    if not text.endswith("\n") or not lines or lines[0] != "{":
        rep.fail("layout", "file must start with '{' on its own line and end with a newline")
        return

    def block(opening, closing_ok):
        try:
            start = lines.index(opening)
        except ValueError:
            rep.fail("layout", "no line %r" % opening)
            return None, None
        end = start + 1
        while end < len(lines) and lines[end] not in closing_ok:
            end += 1
        if end == len(lines):
            rep.fail("layout", "%r is not closed" % opening)
            return None, None
        return start, end

    for key, opening, closing in (("ddis", '"ddis": [', ("],",)), ("roles", '"roles": [', ("]",))):
        start, end = block(opening, closing)
        if start is None:
            continue
        body = lines[start + 1:end]
        if len(body) != len(kb.get(key, [])):
            rep.fail("layout", "%s: %d lines for %d entries (entries must be one per line)" %
                     (key, len(body), len(kb.get(key, []))))
            continue
        for i, (line, entry) in enumerate(zip(body, kb[key])):
            last = i + 1 == len(body)
            raw = line if last else line[:-1]
            if (not last and not line.endswith(",")) or (last and line.endswith(",")):
                rep.fail("layout", "line %d: entries are separated by a trailing comma" % (start + 2 + i))
                continue
            try:
                if json.loads(raw) != entry:
                    raise ValueError
            except ValueError:
                rep.fail("layout", "line %d: not exactly one %s entry" % (start + 2 + i, key[:-1]))
    ddis_at = lines.index('"ddis": [') if '"ddis": [' in lines else -1
    if ddis_at >= 0:
        header = lines[1:ddis_at]
        if not header or header[0] != '"schema_version": 1,' or not header[1].startswith('"source": '):
            rep.fail("layout", "header must start with \"schema_version\" then \"source\"")
    if rep.failures == n0:
        rep.ok("layout", "%d DDI lines, %d role lines" % (len(kb["ddis"]), len(kb["roles"])))


def check_sorted(rep, kb):
    n0 = rep.failures
    for key in ("ddis", "roles"):
        names = [e.get("name", "") for e in kb[key]]
        for a, b in zip(names, names[1:]):
            if not a < b:
                rep.fail("sorted", "%s: %r %s %r" % (key, a, "duplicates" if a == b else "comes before", b))
    if rep.failures == n0:
        rep.ok("sorted")


def spellings(kb):
    owner = {}
    dup = []
    for e in kb["ddis"]:
        for n in [e["name"]] + list(e.get("names", [])):
            if n in owner:
                dup.append((n, owner[n], e["name"]))
            owner.setdefault(n, e["name"])
    return owner, dup


def check_spellings(rep, kb):
    owner, dup = spellings(kb)
    n0 = rep.failures
    for n, a, b in dup:
        rep.fail("spellings", "%s belongs to both %s and %s" % (n, a, b))
    for r in kb["roles"]:
        if r["name"] in owner:
            rep.fail("spellings", "role %s is also a spelling of DDI %s" % (r["name"], owner[r["name"]]))
    if rep.failures == n0:
        rep.ok("spellings", "%d names" % len(owner))


def conds(e):
    r = e.get("raises") or {}
    if "when" in r:
        yield "raises.when", r["when"]
    irql = e.get("irql")
    for i, w in enumerate(irql.get("when", []) if isinstance(irql, dict) else []):
        yield "irql.when[%d].if" % i, w["if"]
    for i, a in enumerate(e.get("acquires", [])):
        for k in ("fails_when", "acquired_when", "escapes_when"):
            if isinstance(a.get(k), dict) and isinstance(a[k].get("if"), dict):
                yield "acquires[%d].%s.if" % (i, k), a[k]["if"]
    c = e.get("irql_change") or {}
    if isinstance(c.get("if"), dict):
        yield "irql_change.if", c["if"]
    for i, w in enumerate(c.get("to_when", [])):
        yield "irql_change.to_when[%d].if" % i, w["if"]
    for i, g in enumerate(e.get("registered_by", [])):
        if isinstance(g.get("if"), dict):
            yield "registered_by[%d].if" % i, g["if"]


def check_constants(rep, kb):
    consts = kb["constants"]
    used = set()
    n0 = rep.failures
    for e in kb["ddis"] + kb["roles"]:
        for where, c in conds(e):
            v = c.get("value")
            if isinstance(v, str):
                used.add(v)
                if v not in consts:
                    rep.fail("constants", "%s %s uses undefined constant %s" % (e["name"], where, v))
            if c.get("op") in ("has_flag", "lacks_flag"):
                val = consts.get(v, v) if isinstance(v, str) else v
                if isinstance(val, int) and val == 0:
                    rep.fail("constants", "%s %s: a flag test with value 0 is always decided" % (e["name"], where))
    for k in sorted(set(consts) - used):
        print("note constants: %s is defined but no condition uses it" % k)
    if rep.failures == n0:
        rep.ok("constants", "%d defined, %d used" % (len(consts), len(used)))


def check_doc(rep, kb):
    n0 = rep.failures
    for key in ("ddis", "roles"):
        for e in kb[key]:
            doc = e.get("doc")
            if not isinstance(doc, str) or not doc.startswith("https://") or " " in doc:
                rep.fail("doc", "%s %s: doc %r is not an https URL" % (key[:-1], e.get("name"), doc))
    if rep.failures == n0:
        rep.ok("doc")


def check_replacements(rep, kb):
    owner, _ = spellings(kb)
    by_name = {e["name"]: e for e in kb["ddis"]}
    n0 = rep.failures
    for e in kb["ddis"]:
        obs = e.get("obsolete") or {}
        use = obs.get("use")
        if use is not None:
            if use not in owner:
                rep.fail("replacements", "%s: obsolete.use %s is not a DDI in the KB" % (e["name"], use))
            elif owner[use] == e["name"]:
                rep.fail("replacements", "%s: replaced by itself" % e["name"])
            elif "obsolete" in by_name[owner[use]]:
                rep.fail("replacements", "%s: replacement %s is itself obsolete" % (e["name"], use))
        if "storport_use" in obs and "storport_use" in e:
            rep.fail("replacements", "%s: storport_use both in obsolete and at the top level" % e["name"])
        for where, sp in (("obsolete.storport_use", obs.get("storport_use")), ("storport_use", e.get("storport_use"))):
            if sp is None:
                continue
            if sp not in owner and not sp.startswith("StorPort"):
                rep.fail("replacements", "%s: %s %s is neither in the KB nor a StorPort* routine" % (e["name"], where, sp))
            if sp in owner and by_name[owner[sp]].get("storport_prohibited"):
                rep.fail("replacements", "%s: %s %s is itself storport_prohibited" % (e["name"], where, sp))
        if "storport_use" in e and not e.get("storport_prohibited"):
            rep.fail("replacements", "%s: top-level storport_use on a DDI that is not storport_prohibited" % e["name"])
    if rep.failures == n0:
        rep.ok("replacements")


def check_irql(rep, kb):
    n0 = rep.failures
    for e in kb["ddis"]:
        irql = e.get("irql")
        if not isinstance(irql, dict):
            continue
        mx, mn = irql.get("max"), irql.get("min")
        if mx in LEVELS and mn in LEVELS and LEVELS.index(mn) > LEVELS.index(mx):
            rep.fail("irql", "%s: min %s above max %s" % (e["name"], mn, mx))
        for w in irql.get("when", []):
            wm = w.get("max")
            if wm in LEVELS and mx in LEVELS and LEVELS.index(wm) >= LEVELS.index(mx):
                rep.fail("irql", "%s: when-bound %s is not tighter than max %s" % (e["name"], wm, mx))
            if wm in LEVELS and mn in LEVELS and LEVELS.index(wm) < LEVELS.index(mn):
                rep.fail("irql", "%s: when-bound %s below min %s" % (e["name"], wm, mn))
    if rep.failures == n0:
        rep.ok("irql")


def check_irql_changes(rep, kb):
    """IRQL changes and role registrations (docs/knowledge-base.md, "IRQL changes", "Roles"): a role is
    registered through a DDI the KB has; a change names a level or a slot to restore from, and a
    saved IRQL goes somewhere."""
    owner, _ = spellings(kb)
    n0 = rep.failures
    n_changes = n_regs = 0
    for e in kb["ddis"]:
        c = e.get("irql_change")
        if not isinstance(c, dict):
            continue
        n_changes += 1
        if not any(k in c for k in ("to", "restore", "record", "match")):
            rep.fail("irql_change", "%s: neither a target level, a restore nor a record/match" % e["name"])
        if "to" in c and "restore" in c:
            rep.fail("irql_change", "%s: both \"to\" and \"restore\"" % e["name"])
    for r in kb["roles"]:
        for g in r.get("registered_by", []):
            n_regs += 1
            if "ddi" in g and g["ddi"] not in owner:
                rep.fail("irql_change", "role %s: registering DDI %s is not in the KB" % (r["name"], g["ddi"]))
    if rep.failures == n0:
        rep.ok("irql_change", "%d DDIs change the IRQL, %d role registrations" % (n_changes, n_regs))


def check_pairs(rep, kb):
    """Acquire/release data (docs/knowledge-base.md, Resources) is consistent across entries."""
    by_name = {e["name"]: e for e in kb["ddis"]}
    n0 = rep.failures
    released = set()  # (acquirer, kind) pairs some release names
    for e in kb["ddis"]:
        for i, r in enumerate(e.get("releases", [])):
            for a in r.get("of", []):
                acq = by_name.get(a)
                if acq is None:
                    rep.fail("pairs", "%s releases[%d]: 'of' names %s, which is not a canonical DDI name in the KB" %
                             (e["name"], i, a))
                    continue
                kinds = [x.get("kind") for x in acq.get("acquires", [])]
                if r.get("kind") not in kinds:
                    rep.fail("pairs", "%s releases[%d]: %s acquires no %r (it acquires %s)" %
                             (e["name"], i, a, r.get("kind"), kinds or "nothing"))
                released.add((a, r.get("kind")))
            if (r.get("resource") == "global") != all(
                    x.get("resource") == "global" for a in r.get("of", []) for x in by_name.get(a, {}).get("acquires", [])
                    if x.get("kind") == r.get("kind")):
                rep.fail("pairs", "%s releases[%d]: a global resource pairs only with global acquires" % (e["name"], i))
    for e in kb["ddis"]:
        for i, a in enumerate(e.get("acquires", [])):
            if a.get("needs_release", True) and (e["name"], a.get("kind")) not in released:
                rep.fail("pairs", "%s acquires[%d] (%s): no DDI releases it" % (e["name"], i, a.get("kind")))
            if a.get("needs_release", True) != ("release" in a):
                rep.fail("pairs", "%s acquires[%d]: 'release' names the release exactly when one is needed" %
                         (e["name"], i))
            rel = by_name.get(a.get("release"))
            if "release" in a and (rel is None or not any(
                    r.get("kind") == a.get("kind") and e["name"] in r.get("of", []) for r in rel.get("releases", []))):
                rep.fail("pairs", "%s acquires[%d]: 'release' %s does not release a %r from it" %
                         (e["name"], i, a.get("release"), a.get("kind")))
            if "key" in a and not str(a.get("key", "")).lstrip("*").startswith("arg"):
                rep.fail("pairs", "%s acquires[%d]: 'key' names an argument" % (e["name"], i))
            if a.get("owner") == "function" and a.get("resource") == "return":
                rep.fail("pairs", "%s acquires[%d]: a lock held by the routine is an argument, not a result" % (e["name"], i))
            if a.get("fails") == "raises" and not e.get("raises"):
                rep.fail("pairs", "%s acquires[%d]: fails by raising but the entry has no 'raises'" % (e["name"], i))
    if rep.failures == n0:
        n_acq = sum(len(e.get("acquires", [])) for e in kb["ddis"])
        n_rel = sum(len(e.get("releases", [])) for e in kb["ddis"])
        rep.ok("pairs", "%d acquires, %d releases" % (n_acq, n_rel))


def check_curated(rep, path):
    try:
        with open(path, encoding="utf-8") as f:
            cur = json.load(f)
    except (OSError, ValueError) as ex:
        rep.fail("curated", "%s: %s" % (path, ex))
        return
    n0 = rep.failures
    for section in ("constants", "aliases", "ddis", "roles"):
        for name, item in cur.get(section, {}).items():
            if not isinstance(item, dict) or not item.get("source"):
                rep.fail("curated", "%s.%s has no source" % (section, name))
    if rep.failures == n0:
        rep.ok("curated", "%d overlays, %d aliases" % (len(cur.get("ddis", {})), len(cur.get("aliases", {}))))


def check_reproduce(rep, kb_path, reference_dir):
    tsv = os.path.join(reference_dir, "ddi-facts.tsv")
    prohibited = os.path.join(reference_dir, "storport-prohibited-ddis.txt")
    if not (os.path.isfile(tsv) and os.path.isfile(prohibited)):
        print("skip reproduce: reference data not found in %s" % reference_dir)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "ddi-kb.json")
        cmd = [sys.executable, os.path.join(REPO, "tools", "kb-import.py"), "--quiet",
               "--tsv", tsv, "--prohibited", prohibited,
               "--curated", os.path.join(REPO, "rules", "kb-curated.json"), "--out", out]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            rep.fail("reproduce", "tools/kb-import.py failed: %s" % run.stderr.strip())
            return
        with open(out, "rb") as f:
            fresh = f.read()
    with open(kb_path, "rb") as f:
        committed = f.read()
    if fresh != committed:
        a, b = committed.split(b"\n"), fresh.split(b"\n")
        line = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        rep.fail("reproduce", "%s differs from a fresh tools/kb-import.py run, first at line %d "
                 "(regenerate with: python3 tools/kb-import.py)" % (os.path.relpath(kb_path, REPO), line + 1))
    else:
        rep.ok("reproduce", "byte-identical")


# ddi-contracts.md section a rows whose bound the KB deliberately does not take (docs/knowledge-base.md,
# "Disagreements and choices recorded"); each entry's source string says why.
CONTRACT_CHOICES = {
    "IoSetCancelRoutine": "a bare req.irql level is an upper bound only (Remarks)",
    "ExAcquireFastMutexUnsafe": "APC_LEVEL or a critical region at PASSIVE_LEVEL: not a minimum",
    "ExReleaseFastMutexUnsafe": "APC_LEVEL or a critical region at PASSIVE_LEVEL: not a minimum",
    "ExAcquireSpinLockShared": "a.1: req.irql is the IRQL after the call",
}
CONTRACT_LEVELS = {"P": "PASSIVE_LEVEL", "A": "APC_LEVEL", "D": "DISPATCH_LEVEL", "DIRQL": "DIRQL", "H": "HIGH_LEVEL"}


def check_contracts(rep, kb, reference_dir):
    import re
    path = os.path.join(reference_dir, "ddi-contracts.md")
    if not os.path.isfile(path):
        print("skip contracts: %s not found" % path)
        return
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        sec = text[text.index("## a. IRQL bounds"):text.index("### a.1")]
    except ValueError:
        rep.fail("contracts", "%s has no section a" % path)
        return
    entries = {}
    for e in kb["ddis"]:
        for n in [e["name"]] + list(e.get("names", [])):
            entries[n] = e
    n0, rows, agree = rep.failures, 0, 0
    for line in sec.splitlines():
        m = re.match(r"^\| (\w+) \| ([^|]+) \|", line)
        if not m or m.group(1) == "DDI":
            continue
        rows += 1
        name, bound = m.group(1), m.group(2).strip()
        b = re.fullmatch(r"(≤|=|≥)(DIRQL|[PADH])", bound)
        if not b or name in CONTRACT_CHOICES:
            continue
        e = entries.get(name)
        irql = (e or {}).get("irql", {})
        op, level = b.group(1), CONTRACT_LEVELS[b.group(2)]
        want_max = level if op in "≤=" else None
        want_min = level if op in "=≥" else None
        if (want_max and irql.get("max") != want_max) or (want_min and irql.get("min") != want_min):
            rep.fail("contracts", "%s: ddi-contracts.md says %s, the KB says %s" % (name, bound, irql or "nothing"))
        else:
            agree += 1
    if rep.failures == n0:
        rep.ok("contracts", "%d of %d section-a rows have a plain bound and agree; %d recorded choices" %
               (agree, rows, len(CONTRACT_CHOICES)))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kb", default=os.path.join(REPO, "rules", "ddi-kb.json"))
    ap.add_argument("--schema", default=os.path.join(REPO, "rules", "ddi-kb.schema.json"))
    ap.add_argument("--curated", default=os.path.join(REPO, "rules", "kb-curated.json"))
    ap.add_argument("--reference-dir", default=os.path.normpath(os.path.join(REPO, "..", "shared", "reference")))
    args = ap.parse_args(argv)
    rep = Report()
    try:
        with open(args.kb, encoding="utf-8") as f:
            text = f.read()
        kb = json.loads(text)
    except (OSError, ValueError) as ex:
        print("FAIL load: %s: %s" % (args.kb, ex))
        return 1
    check_schema(rep, kb, args.schema)
    if not isinstance(kb, dict) or not all(isinstance(kb.get(k), (list, dict)) for k in ("ddis", "roles", "constants")):
        print("FAIL load: the file lacks ddis/roles/constants; later checks skipped")
        return 1
    # The cross-entry checks assume well-formed entries; drop the rest (already reported by schema).
    kb = dict(kb)
    kb["ddis"] = [e for e in kb["ddis"] if isinstance(e, dict) and isinstance(e.get("name"), str)]
    kb["roles"] = [e for e in kb["roles"] if isinstance(e, dict) and isinstance(e.get("name"), str)]
    check_layout(rep, text, kb)
    check_contracts(rep, kb, args.reference_dir)
    check_sorted(rep, kb)
    check_spellings(rep, kb)
    check_constants(rep, kb)
    check_doc(rep, kb)
    check_replacements(rep, kb)
    check_irql(rep, kb)
    check_pairs(rep, kb)
    check_irql_changes(rep, kb)
    check_curated(rep, args.curated)
    if os.path.realpath(args.kb) == os.path.realpath(os.path.join(REPO, "rules", "ddi-kb.json")):
        check_reproduce(rep, args.kb, args.reference_dir)
    else:
        print("skip reproduce: --kb is not the committed rules/ddi-kb.json")
    if rep.failures:
        print("check-kb: %d failure(s)" % rep.failures)
        return 1
    print("check-kb: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
