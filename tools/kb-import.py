#!/usr/bin/env python3
"""kb-import.py - build rules/ddi-kb.json from the reference data.

Inputs (facts only; nothing here knows a DDI by name, the names live in the data):
  ddi-facts.tsv                 one row per DDI docs page (generated from MicrosoftDocs/windows-driver-docs-ddi)
  storport-prohibited-ddis.txt  the names of SDV rule HwStorPortProhibitedDDIs (plus their aliases)
  rules/kb-curated.json         the hand-curated overlay: constants, alias spellings, per-DDI corrections, roles

Output: rules/ddi-kb.json in the layout docs/knowledge-base.md describes (one DDI per line, sorted by
name), byte-for-byte the same for the same inputs, so tests/kb/check-kb.py can compare a fresh run with
the committed file. Python 3 standard library only.

What it leaves to others: validation against rules/ddi-kb.schema.json and the cross-entry consistency
checks are in tests/kb/check-kb.py; reading the file at run time is checker/kb/kb.c.
"""

import argparse
import csv
import json
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE = os.path.normpath(os.path.join(REPO, "..", "shared", "reference"))

LEVELS = ["PASSIVE_LEVEL", "APC_LEVEL", "DISPATCH_LEVEL", "DIRQL", "HIGH_LEVEL"]
SDV_PROHIBITED_PAGE = "https://learn.microsoft.com/windows-hardware/drivers/devtest/storport-hwstorportprohibitedddis"
PROHIBITED_TAG = "HwStorPortProhibitedDDIs"
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# Headers in the order their page wins when one name has pages in several headers (FIELD_OFFSET is
# documented in wdm, miniport and storport): the WDM page is the one a kernel driver author reads.
HEADER_RANK = ["wdm", "ntddk", "ntifs", "storport", "srb", "miniport", "ntstrsafe", "wdmsec", "ndis"]

# Keys of a DDI entry in output order; the curated overlay may set any of them except "name".
DDI_KEYS = ["name", "names", "header", "doc", "obsolete", "storport_prohibited", "storport_use",
        "storport_miniport_entry", "noreturn", "raises", "irql", "acquires", "releases", "unheld", "nonnull",
        "keeps", "irql_change", "source"]
ROLE_KEYS = ["name", "irql", "doc", "registered_by", "exit_restores", "source"]

# The TSV's raises_cond vocabulary. A row whose condition is only these words raises on any call
# (it is the DDI's way of failing); "(rare)" rows are the mutant-limit case that ddi-contracts.md §d
# says not to demand a __try for. Anything else (a flag, an argument value) must be written as a
# condition in rules/kb-curated.json; the import stops rather than guess.
RAISES_ALWAYS_WORDS = {"always", "on failure", "see page", "invalid or misaligned user range"}
RAISES_RARE = re.compile(r"\(rare\)")


class ImportError_(Exception):
    pass


def fail(msg):
    raise ImportError_(msg)


def read_tsv(path):
    """Rows of ddi-facts.tsv as dicts, plus the docs commit named in its header comment."""
    commit = None
    lines = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                m = re.search(r"at commit ([0-9a-f]{7,40})", line)
                if m:
                    commit = m.group(1)
                continue
            lines.append(line)
    rows = list(csv.DictReader(lines, delimiter="\t"))
    need = {"name", "kind", "header", "scope", "irql_max", "irql_min", "irql_any", "irql_conditional",
        "irql_envelope_max", "ddi_compliance", "obsolete", "replacement", "raises", "raises_cond",
        "aliases", "url"}
    if not rows or not need <= set(rows[0]):
        fail("%s: missing columns %s" % (path, sorted(need - set(rows[0] if rows else []))))
    return rows, commit


def read_prohibited(path):
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                if not IDENT.match(line):
                    fail("%s: '%s' is not a C identifier" % (path, line))
                names.append(line)
    return names


def header_rank(h):
    return HEADER_RANK.index(h) if h in HEADER_RANK else len(HEADER_RANK)


def row_irql(row):
    """The TSV's normalized IRQL fields as a KB irql object, or None.

    "Any level" has no bound below HIGH_LEVEL, so it becomes max HIGH_LEVEL: the entry then says the
    DDI was looked at and may be called anywhere. A conditional row ("see Remarks") gets the loosest
    bound the page states (irql_envelope_max), so a call above it is wrong whatever the arguments;
    the tighter argument-dependent bounds come from the curated overlay as "when" clauses.
    """
    irql = {}
    if row["irql_conditional"] == "1" and row["irql_envelope_max"]:
        irql["max"] = row["irql_envelope_max"]
    elif row["irql_max"]:
        irql["max"] = row["irql_max"]
    elif row["irql_envelope_max"]:
        irql["max"] = row["irql_envelope_max"]
    elif row["irql_any"] == "1":
        irql["max"] = "HIGH_LEVEL"
    if row["irql_min"]:
        irql["min"] = row["irql_min"]
    for k, v in irql.items():
        if v not in LEVELS:
            fail("%s: unknown IRQL %r in %s" % (row["name"], v, k))
    return irql or None


def row_key(canonical):
    """Sort key choosing the page an entry takes its facts from: the canonical name's own page
    before an alias's, then the page that states an IRQL, then by header, the unsuffixed page
    before its ~r1/~r2 duplicates, then by URL so the choice never depends on row order."""
    def key(row):
        return (row["name"] != canonical, row_irql(row) is None, row["scope"] != "core",
            header_rank(row["header"]), "~r" in row["url"], row["url"])
    return key


def tsv_raises(row, curated_has_raises):
    """The TSV's raises columns as a KB raises object (or None), per the vocabulary above."""
    if row["raises"] != "1":
        return None
    cond = row["raises_cond"].strip()
    words = {w.strip() for w in cond.split(";") if w.strip()}
    if RAISES_RARE.search(cond):
        return None
    if words and words <= RAISES_ALWAYS_WORDS and words & {"always", "on failure"}:
        r = {"always": True, "note": "raises an exception %s (docs page)" %
            ("on failure" if "always" not in words else "whenever the call fails its check")}
        if row["header"] == "ntifs":
            # File-system support routines (Cc*, FsRtl*, ...): the file system's top-level
            # dispatch routine handles the status exception (ddi-contracts.md §d, "file-system
            # code only"), so no __try is owed at the call itself.
            r["handled_by"] = "caller"
        return r
    if not curated_has_raises:
        fail("%s: TSV raises_cond %r needs a condition in rules/kb-curated.json" % (row["name"], cond))
    return None


FS_RUNTIME = re.compile(r"^(Cc|FsRtl)[A-Z]")


def fs_runtime_irql(e, row):
    """File-system runtime routines (Cc*, FsRtl* in ntifs) whose page says PASSIVE_LEVEL: file systems
    call them holding fast mutexes (APC_LEVEL), as Microsoft's cdfs and fastfat samples do throughout,
    and APC_LEVEL does not stop paging. The KB records the disagreement and keeps the bound the
    samples rely on, <= APC_LEVEL, so only a call at DISPATCH_LEVEL or above is reported."""
    irql = e["irql"]
    if row["header"] != "ntifs" or not FS_RUNTIME.match(e["name"]) or irql.get("max") != "PASSIVE_LEVEL":
        return
    irql["max"] = "APC_LEVEL"
    irql.pop("min", None)
    e["source"] = ("Disagreement: the docs page says PASSIVE_LEVEL; file systems call the Cc*/FsRtl* "
        "runtime holding fast mutexes at APC_LEVEL (Windows-driver-samples filesys/cdfs, fastfat), "
        "so the KB uses <= APC_LEVEL (tools/kb-import.py fs_runtime_irql)")


def obsolete_from_rows(rows):
    obs = [r for r in rows if r["obsolete"] == "1"]
    if not obs:
        return None
    r = obs[0]
    use = r["replacement"] or None
    if use and not IDENT.match(use):
        fail("%s: replacement %r is not a DDI name; curate it" % (r["name"], use))
    if use:
        note = "the docs page marks it obsolete and names %s" % use
    elif r["header"] == "ndis":
        note = "the docs page marks it obsolete (NDIS 5.x interface); use the NDIS 6.x equivalent"
    else:
        note = "the docs page marks it obsolete"
    return {"use": use, "note": note}


def load_curated(path):
    with open(path, encoding="utf-8") as f:
        cur = json.load(f)
    for k in cur:
        if k not in ("about", "constants", "storport_headers", "aliases", "ddis", "roles"):
            fail("%s: unknown top-level key %r" % (path, k))
    consts = {}
    for name, c in cur.get("constants", {}).items():
        if not isinstance(c, dict) or not isinstance(c.get("value"), int) or not c.get("source"):
            fail("%s: constant %s needs an integer \"value\" and a \"source\"" % (path, name))
        consts[name] = c["value"]
    aliases = {}
    for alias, a in cur.get("aliases", {}).items():
        if not isinstance(a, dict) or not a.get("of") or not a.get("source"):
            fail("%s: alias %s needs \"of\" and \"source\"" % (path, alias))
        if not IDENT.match(alias) or not IDENT.match(a["of"]):
            fail("%s: alias %s -> %s is not a pair of C identifiers" % (path, alias, a["of"]))
        aliases[alias] = a["of"]
    ddis = cur.get("ddis", {})
    for name, d in ddis.items():
        bad = set(d) - set(DDI_KEYS[1:])
        if bad:
            fail("%s: ddis.%s: unknown keys %s" % (path, name, sorted(bad)))
        if not d.get("source"):
            fail("%s: ddis.%s: every curated entry says where its facts come from (\"source\")" % (path, name))
    roles = cur.get("roles", {})
    for name, d in roles.items():
        bad = set(d) - set(ROLE_KEYS[1:])
        if bad:
            fail("%s: roles.%s: unknown keys %s" % (path, name, sorted(bad)))
        if not d.get("source"):
            fail("%s: roles.%s: needs a \"source\"" % (path, name))
    global STORPORT_HEADERS
    STORPORT_HEADERS = sorted(cur.get("storport_headers", {}).get("names", []))
    return consts, aliases, ddis, roles


STORPORT_HEADERS = []


def overlay(entry, cur):
    """Curated keys replace imported ones wholesale; null removes the imported key."""
    for k, v in cur.items():
        if v is None:
            entry.pop(k, None)
        else:
            entry[k] = v


def ordered(obj, order):
    """A copy of OBJ with keys in ORDER first (then any others sorted), recursively for the
    nested objects whose layout the docs fix, so the output never depends on input key order."""
    out = {}
    for k in order + sorted(set(obj) - set(order)):
        if k in obj:
            out[k] = obj[k]
    return out


COND_ORDER = ["arg", "op", "value"]
# Acquire/release pairs (docs/knowledge-base.md, "Resources"): the key order of each item.
ACQUIRE_ORDER = ["kind", "owner", "resource", "key", "fails", "fails_when", "acquired_when", "escapes_when",
        "handoff", "needs_release", "release"]
RELEASE_ORDER = ["kind", "resource", "of", "frees"]
UNHELD_ORDER = ["kind", "resource"]
WHEN_ORDER = ["if", "unknown"]
# IRQL changes and role registrations (docs/knowledge-base.md, "IRQL changes", "Roles").
IRQL_CHANGE_ORDER = ["to", "to_when", "restore", "save", "record", "match", "if", "unknown", "until_wait",
        "if_true", "raise_only", "holds", "note"]
SLOT_ORDER = ["arg", "deref", "field", "return"]
TO_WHEN_ORDER = ["if", "unknown", "to"]
REGISTRATION_ORDER = ["ddi", "arg", "if", "unknown", "record", "field", "export"]


def ordered_entry(e):
    e = ordered(e, DDI_KEYS)
    if isinstance(e.get("obsolete"), dict):
        e["obsolete"] = ordered(e["obsolete"], ["use", "storport_use", "note"])
    if isinstance(e.get("raises"), dict):
        r = ordered(e["raises"], ["always", "when", "unknown", "note"])
        if "when" in r:
            r["when"] = ordered(r["when"], COND_ORDER)
        e["raises"] = r
    if isinstance(e.get("irql"), dict):
        i = ordered(e["irql"], ["max", "min", "when"])
        if "when" in i:
            whens = []
            for w in i["when"]:
                w = ordered(w, ["if", "unknown", "max"])
                w["if"] = ordered(w["if"], COND_ORDER)
                whens.append(w)
            i["when"] = whens
        e["irql"] = i
    if isinstance(e.get("acquires"), list):
        items = []
        for a in e["acquires"]:
            a = ordered(a, ACQUIRE_ORDER)
            for k in ("fails_when", "acquired_when", "escapes_when"):
                if isinstance(a.get(k), dict):
                    a[k] = ordered(a[k], WHEN_ORDER)
                    a[k]["if"] = ordered(a[k]["if"], COND_ORDER)
            items.append(a)
        e["acquires"] = items
    if isinstance(e.get("releases"), list):
        e["releases"] = [ordered(r, RELEASE_ORDER) for r in e["releases"]]
    if isinstance(e.get("unheld"), list):
        e["unheld"] = [ordered(u, UNHELD_ORDER) for u in e["unheld"]]
    if isinstance(e.get("irql_change"), dict):
        c = ordered(e["irql_change"], IRQL_CHANGE_ORDER)
        for k in ("restore", "save", "record", "match"):
            if isinstance(c.get(k), dict):
                c[k] = ordered(c[k], SLOT_ORDER)
        if isinstance(c.get("if"), dict):
            c["if"] = ordered(c["if"], COND_ORDER)
        if isinstance(c.get("to_when"), list):
            items = []
            for w in c["to_when"]:
                w = ordered(w, TO_WHEN_ORDER)
                w["if"] = ordered(w["if"], COND_ORDER)
                items.append(w)
            c["to_when"] = items
        e["irql_change"] = c
    return e


def ordered_role(r):
    r = ordered(r, ROLE_KEYS)
    if isinstance(r.get("registered_by"), list):
        items = []
        for g in r["registered_by"]:
            g = ordered(g, REGISTRATION_ORDER)
            if isinstance(g.get("if"), dict):
                g["if"] = ordered(g["if"], COND_ORDER)
            items.append(g)
        r["registered_by"] = items
    if isinstance(r.get("exit_restores"), dict):
        r["exit_restores"] = ordered(r["exit_restores"], SLOT_ORDER)
    return r


def build(tsv_path, prohibited_path, curated_path):
    rows, commit = read_tsv(tsv_path)
    prohibited = read_prohibited(prohibited_path)
    consts, aliases, cur_ddis, cur_roles = load_curated(curated_path)

    fn_rows = [r for r in rows if r["kind"] in ("function", "macro")]
    cb_rows = [r for r in rows if r["kind"] == "callback"]

    # Other spellings: the curated list (macros, f-prefixed exports) plus the TSV aliases column of
    # core rows where it holds a plain identifier (it also holds "STRUCT.member" paths; those are
    # not names a call can use).
    alias_of = dict(aliases)
    for r in fn_rows:
        if r["scope"] != "core":
            continue
        for a in filter(None, (x.strip() for x in r["aliases"].split(","))):
            if IDENT.match(a) and a != r["name"]:
                if alias_of.get(a, r["name"]) != r["name"]:
                    fail("alias %s maps to both %s and %s" % (a, alias_of[a], r["name"]))
                alias_of[a] = r["name"]
    for a, c in alias_of.items():
        if c in alias_of:
            fail("alias %s -> %s: %s is itself an alias (no chains)" % (a, c, c))
    for name in cur_ddis:
        if name in alias_of:
            fail("kb-curated.json: ddis.%s is an alias of %s; curate the canonical name" % (name, alias_of[name]))

    def canon(n):
        return alias_of.get(n, n)

    groups = {}
    for r in fn_rows:
        groups.setdefault(canon(r["name"]), []).append(r)
    prohibited_canon = {canon(n) for n in prohibited}
    tagged = {canon(r["name"]) for r in fn_rows if PROHIBITED_TAG in r["ddi_compliance"]}

    # Which DDIs get an entry: core rows that say something a rule can use, every prohibited name,
    # every curated one; replacement targets are added below so each "use" resolves in the KB.
    selected = set(prohibited_canon) | set(cur_ddis)
    for name, rs in groups.items():
        core = [r for r in rs if r["scope"] == "core"]
        if any(row_irql(r) or r["obsolete"] == "1" or r["raises"] == "1" for r in core) or \
           (core and name in tagged):
            selected.add(name)

    def make_entry(name):
        rs = groups.get(name, [])
        core = [r for r in rs if r["scope"] == "core"]
        rs = sorted(core or rs, key=row_key(name))
        cur = cur_ddis.get(name, {})
        e = {"name": name}
        e["names"] = sorted(a for a, c in alias_of.items() if c == name)
        if rs:
            e["header"] = rs[0]["header"]
            e["doc"] = rs[0]["url"]
        elif name in prohibited_canon:
            # On the SDV rule page but without a reference page of its own in the docs snapshot.
            e["doc"] = SDV_PROHIBITED_PAGE
        obs = obsolete_from_rows(rs)
        if obs:
            e["obsolete"] = obs
        if name in prohibited_canon or name in tagged:
            e["storport_prohibited"] = True
        for r in rs:
            rz = tsv_raises(r, "raises" in cur)
            if rz:
                e["raises"] = rz
                break
        for r in rs:
            irql = row_irql(r)
            if irql:
                e["irql"] = irql
                fs_runtime_irql(e, r)
                break
        overlay(e, cur)
        if "doc" not in e:
            fail("%s: no docs page in the TSV; kb-curated.json must give \"doc\"" % name)
        return e

    entries = {n: make_entry(n) for n in selected}

    def targets(e):
        obs = e.get("obsolete") or {}
        return [t for t in (obs.get("use"), obs.get("storport_use"), e.get("storport_use")) if t]

    for e in list(entries.values()):
        for t in targets(e):
            t = canon(t)
            if t not in entries:
                if t not in groups:
                    fail("%s names %s as its replacement, which has no docs page in the TSV" % (e["name"], t))
                entries[t] = make_entry(t)

    # Roles: callback types (nc- pages) with the IRQL the routine is entered at. A page stating
    # "<= X" is modelled at X (the worst case for what the callback may call, ddi-contracts.md a.1
    # for IO_COMPLETION_ROUTINE); ">= X" at X. "Any level" rows describe routines drivers call through
    # a pointer, not an entry IRQL, and are left out.
    spellings = set(entries) | set(alias_of)
    cb_groups = {}
    for r in cb_rows:
        if r["scope"] == "core" and r["name"] not in spellings:
            cb_groups.setdefault(r["name"], []).append(r)
    roles = {}
    for name in sorted(set(cb_groups) | set(cur_roles)):
        rs = sorted(cb_groups.get(name, []), key=row_key(name))
        role = {"name": name}
        for r in rs:
            level = r["irql_max"] or r["irql_envelope_max"] or r["irql_min"]
            if level:
                role["irql"] = level
                break
        if rs:
            role["doc"] = rs[0]["url"]
        overlay(role, cur_roles.get(name, {}))
        if "irql" in role:
            if "doc" not in role:
                fail("role %s: no docs page; kb-curated.json must give \"doc\"" % name)
            roles[name] = ordered_role(role)

    # Every spelling resolves to one entry; a role name is never also a DDI spelling.
    seen = {}
    for e in entries.values():
        for n in [e["name"]] + e["names"]:
            if n in seen and seen[n] != e["name"]:
                fail("%s is a spelling of both %s and %s" % (n, seen[n], e["name"]))
            seen[n] = e["name"]
    for n in roles:
        if n in seen:
            fail("%s is both a role and a DDI spelling" % n)
    # A role registered through a DDI's argument names a DDI the KB has (its spelling resolves).
    for n, r in roles.items():
        for g in r.get("registered_by", []):
            if "ddi" in g and g["ddi"] not in seen:
                fail("role %s is registered by %s, which is not in the knowledge base" % (n, g["ddi"]))

    source = ("generated by tools/kb-import.py from ddi-facts.tsv (MicrosoftDocs/windows-driver-docs-ddi @%s), "
          "storport-prohibited-ddis.txt and rules/kb-curated.json; edit those, not this file" %
          ((commit or "unknown")[:12]))
    return {
        "source": source,
        "constants": {k: consts[k] for k in sorted(consts)},
        "storport_headers": STORPORT_HEADERS,
        "ddis": [ordered_entry(entries[n]) for n in sorted(entries)],
        "roles": [roles[n] for n in sorted(roles)],
    }


def dump_line(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def render(kb):
    """The fixed layout: header keys, then one DDI per line, then one role per line."""
    out = ["{",
           '"schema_version": 1,',
           '"source": %s,' % json.dumps(kb["source"], ensure_ascii=False),
           '"constants": {']
    consts = list(kb["constants"].items())
    for i, (k, v) in enumerate(consts):
        out.append("%s: %d%s" % (json.dumps(k), v, "," if i + 1 < len(consts) else ""))
    out.append("},")
    out.append('"storport_headers": %s,' % dump_line(kb["storport_headers"]))
    out.append('"ddis": [')
    for i, e in enumerate(kb["ddis"]):
        out.append(dump_line(e) + ("," if i + 1 < len(kb["ddis"]) else ""))
    out.append("],")
    out.append('"roles": [')
    for i, r in enumerate(kb["roles"]):
        out.append(dump_line(r) + ("," if i + 1 < len(kb["roles"]) else ""))
    out.append("]")
    out.append("}")
    return "\n".join(out) + "\n"


def counts(kb):
    d = kb["ddis"]
    return ("%d entries: %d with irql (%d with when), %d obsolete, %d storport_prohibited, %d raises, "
        "%d other spellings, %d acquire, %d release; %d roles" % (
            len(d), sum("irql" in e for e in d), sum("when" in e.get("irql", {}) for e in d),
            sum("obsolete" in e for e in d), sum(bool(e.get("storport_prohibited")) for e in d),
            sum("raises" in e for e in d), sum(len(e["names"]) for e in d),
            sum("acquires" in e for e in d), sum("releases" in e for e in d), len(kb["roles"])))


def main(argv):
    ap = argparse.ArgumentParser(description="Build rules/ddi-kb.json from the reference data.")
    ap.add_argument("--tsv", default=os.path.join(REFERENCE, "ddi-facts.tsv"))
    ap.add_argument("--prohibited", default=os.path.join(REFERENCE, "storport-prohibited-ddis.txt"))
    ap.add_argument("--curated", default=os.path.join(REPO, "rules", "kb-curated.json"))
    ap.add_argument("--out", default=os.path.join(REPO, "rules", "ddi-kb.json"),
            help="output file, or - for stdout")
    ap.add_argument("-q", "--quiet", action="store_true", help="do not print the counts")
    args = ap.parse_args(argv)
    try:
        kb = build(args.tsv, args.prohibited, args.curated)
    except (ImportError_, OSError, ValueError) as e:
        print("kb-import: %s" % e, file=sys.stderr)
        return 1
    text = render(kb)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        tmp = args.out + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, args.out)
    if not args.quiet:
        print("kb-import: " + counts(kb), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
