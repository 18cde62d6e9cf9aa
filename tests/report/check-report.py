#!/usr/bin/env python3
"""check-report.py - what report-test's JSON and SARIF must say about its fixture.

usage: check-report.py OUTDIR      (the directory report-test wrote)

The schema validators check shape; this checks content against the fixture
built in report-test.c: the two formats agree finding by finding, SARIF
columns are the JSON byte columns converted to UTF-16 code units (computed
here independently from the source files), URIs, file statuses, path
findings, related locations, fixes and fingerprints.
"""
import json
import os
import sys
import urllib.parse

problems = []


def expect(cond, msg):
    if not cond:
        problems.append(msg)


def utf16_col(path, line, byte_col):
    """Independent oracle: decode the bytes before the column, count UTF-16 units."""
    try:
        with open(path, "rb") as f:
            lines = f.read().splitlines()
    except OSError:
        return byte_col
    if line < 1 or line > len(lines):
        return byte_col
    data = lines[line - 1]
    before = data[: byte_col - 1]
    extra = max(0, byte_col - 1 - len(data))
    return len(before.decode("utf-8", "replace").encode("utf-16-le")) // 2 + extra + 1


def region_of(loc):
    return loc["physicalLocation"].get("region", {})


def main():
    out = sys.argv[1]
    os.chdir(out)
    with open("out.json", encoding="utf-8") as f:
        js = json.load(f)
    with open("out.sarif", encoding="utf-8") as f:
        sarif = json.load(f)
    run = sarif["runs"][0]
    results = run["results"]
    findings = js["findings"]

    # Same findings, same order, in both formats.
    expect(len(results) == len(findings) == 6, f"{len(results)} results, {len(findings)} findings")
    for i, (r, f) in enumerate(zip(results, findings)):
        expect(r["ruleId"] == f["ruleId"], f"result {i}: rule {r['ruleId']} vs {f['ruleId']}")
        expect(r["message"]["text"].startswith(f["message"].replace("[", "\\[").replace("]", "\\]")),
               f"result {i}: message {r['message']['text']!r} vs {f['message']!r}")
        expect(r["partialFingerprints"]["ddilint/v1"] == f["fingerprints"]["ddilint/v1"],
               f"result {i}: ddilint/v1 differs between formats")
        expect(r["partialFingerprints"].get("primaryLocationLineHash") ==
               f["fingerprints"].get("primaryLocationLineHash"), f"result {i}: line hash differs")
        loc, reg = f["location"], region_of(r["locations"][0])
        expect(reg["startLine"] == loc["line"], f"result {i}: line")
        want = utf16_col(loc["file"], loc["line"], loc["column"])
        expect(reg["startColumn"] == want, f"result {i}: startColumn {reg['startColumn']}, want {want}")
        if "endColumn" in loc:
            want = utf16_col(loc["file"], loc["line"], loc["endColumn"])
            expect(reg.get("endColumn") == want, f"result {i}: endColumn {reg.get('endColumn')}, want {want}")

    # The non-ASCII line: byte columns 25..41 are UTF-16 columns 21..37.
    nonascii = [r for r in results if region_of(r["locations"][0])["startLine"] == 4]
    expect(len(nonascii) == 1 and region_of(nonascii[0]["locations"][0]) ==
           {"startLine": 4, "startColumn": 21, "endColumn": 37}, "non-ASCII line columns")

    # URIs.
    root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    expect(root == "file://" + urllib.parse.quote(os.getcwd()) + "/", f"%SRCROOT% {root!r}")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    expect(uris == {"src/io.c", "src/dir%20with%20space/lock.c"}, f"result uris {uris}")
    storport = next(r for r in results if r["ruleId"] == "storport-prohibited-ddi")
    rel = storport["relatedLocations"]
    expect([x["id"] for x in rel] == [1, 2], "related location ids")
    expect(rel[0]["physicalLocation"]["artifactLocation"] == {"uri": "file:///nonexistent/ddk/wdm.h"},
           "header outside the root: absolute URI without uriBaseId")
    expect("[declared here](1)" in storport["message"]["text"] and
           "[the driver is a Storport miniport](2)" in storport["message"]["text"],
           f"links in {storport['message']['text']!r}")
    seh = next(r for r in results if r["ruleId"] == "missing-seh-guard")
    expect(seh["level"] == "note", "note severity becomes level note")
    expect("\\[STATUS_ACCESS_VIOLATION\\]" in seh["message"]["text"], "brackets escaped beside links")
    expect(all(r["message"]["text"].endswith(".") for r in results), "messages end with a period")

    # Path finding: codeFlows, steps with kinds, the finding itself last.
    path = next(r for r in results if r["ruleId"] == "missing-release")
    steps = path["codeFlows"][0]["threadFlows"][0]["locations"]
    expect([s.get("kinds") for s in steps] == [["acquire"], ["branch"], None], "path step kinds")
    expect(region_of(steps[-1]["location"])["startLine"] == 5, "last step is the finding")
    expect("relatedLocations" not in path, "a path finding has no relatedLocations")
    jpath = next(f for f in findings if f["ruleId"] == "missing-release")
    expect(len(jpath["path"]) == 2 and jpath["notes"] == [], "JSON path array")

    # Fix.
    fixed = [r for r in results if "fixes" in r]
    expect(len(fixed) == 1, "one result with a fix")
    if fixed:
        rep = fixed[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
        expect(rep["deletedRegion"] == {"startLine": 3, "startColumn": 6, "endColumn": 22}, "fix region")
        expect(rep["insertedContent"]["text"] == "MmMapLockedPagesSpecifyCache", "fix text")

    # Fingerprints: lines 3 and 5 differ only in spacing, so share a key.
    v1 = {region_of(r["locations"][0])["startLine"]: r["partialFingerprints"]["ddilint/v1"]
          for r in results if r["ruleId"] == "obsolete-ddi"}
    expect(v1[3].split(":")[0] == v1[5].split(":")[0] and v1[3].endswith(":1") and v1[5].endswith(":2"),
           f"ddilint/v1 occurrences {v1}")
    expect(v1[4].split(":")[0] != v1[3].split(":")[0], "different lines, different keys")

    # Rules.
    rules = run["tool"]["driver"]["rules"]
    expect([r["id"] for r in rules] == ["obsolete-ddi", "storport-prohibited-ddi", "missing-seh-guard",
                                        "missing-release"], "rule order")
    expect(rules[0]["properties"]["alias"] == "DDI1001", "alias")
    expect(rules[0]["properties"]["tags"] == ["correctness", "wdk", "maintainability"], "tags, deduplicated")
    expect(rules[0]["properties"]["prefast"] == ["C28159", "C28751"], "prefast numbers")
    expect("(C28159, C28751)" in rules[0]["shortDescription"]["text"], "PREfast in short description")
    expect(rules[0]["helpUri"] ==
           "https://github.com/ddilint/ddilint/blob/main/docs/rules/obsolete-ddi.md", "helpUri")
    expect(all(r["ruleIndex"] == [x["id"] for x in rules].index(r["ruleId"]) for r in results), "ruleIndex")

    # File statuses, in every format.
    inv = run["invocations"][0]
    expect(inv["executionSuccessful"] is False, "a failed file makes the execution unsuccessful")
    notes = {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: n
             for n in inv["toolExecutionNotifications"]}
    expect(set(notes) == {"src/failed.c", "src/partial.c"}, f"notifications for {set(notes)}")
    expect(notes.get("src/failed.c", {}).get("level") == "error", "failed -> error")
    expect(notes.get("src/partial.c", {}).get("level") == "warning", "partial -> warning")
    expect(notes.get("src/partial.c", {}).get("message", {}).get("text", "").startswith(
        "Analysis partial: 3 compiler errors"), "partial message")
    statuses = {a["location"]["uri"]: a["properties"]["analysisStatus"] for a in run["artifacts"]}
    expect(statuses == {"src/io.c": "analysed", "src/dir%20with%20space/lock.c": "analysed",
                        "src/failed.c": "failed", "src/partial.c": "partial"}, f"artifacts {statuses}")
    jfiles = {f["path"]: f for f in js["files"]}
    expect(jfiles["src/partial.c"]["status"] == "partial" and jfiles["src/partial.c"]["errors"] == 3 and
           jfiles["src/partial.c"]["skippedFunctions"] == 2 and len(jfiles["src/partial.c"]["diagnostics"]) == 1,
           "JSON partial file")
    expect(jfiles["src/failed.c"]["status"] == "failed" and jfiles["src/failed.c"]["reason"], "JSON failed file")
    expect(js["summary"]["filesFailed"] == 1 and js["summary"]["findings"] == 6, "JSON summary")
    expect(inv["arguments"] == ["--format", "sarif", "src/dir with space/lock.c"], "arguments")

    for p in problems:
        print(f"check-report: {p}", file=sys.stderr)
    if not problems:
        print("check-report: all expectations met")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
