#!/usr/bin/env python3
"""garbage.py - ddilint on inputs nobody should write (issue 8, item 5).

  garbage.py DDILINT SRCDIR CASE      run one case (see --list)
  garbage.py DDILINT SRCDIR --list    the cases

Every case writes its inputs into a fresh temporary directory and runs
ddilint on them, under a time limit, once for a JSON report and once for a
SARIF report. Each must end: no crash (exit status 0, 1 or 2 only, never a
signal), no hang (the limit), a message naming the file and the reason for
every input that could not be analysed (exit status 2), and a complete
report that passes tests/report/validate-json.py / validate-sarif.py for
everything else. A case can check more (the line a finding lands on, a
file's status).
"""
import json, os, shutil, signal, stat, subprocess, sys, tempfile, time

WDM_BAD = "#include <wdm.h>\nPVOID bad(SIZE_T n)\n{\n\treturn ExAllocatePool(NonPagedPool, n);\n}\n"
CASES = {}


def case(fn):
    CASES[fn.__name__.replace("_", "-")] = fn
    return fn


class Fail(Exception):
    pass


class Ctx:
    def __init__(self, ddilint, src, tmp):
        self.ddilint, self.src, self.tmp = ddilint, src, tmp

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def write(self, rel, data, mode="wb"):
        p = self.path(rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, mode) as f:
            f.write(data.encode() if isinstance(data, str) and "b" in mode else data)
        return p

    def run(self, args, ok=(0, 1, 2), limit=120, fmt="json", report=True):
        """Run ddilint; returns (exit status, stderr, report object or None)."""
        out = self.path("report." + fmt)
        if os.path.exists(out):
            os.unlink(out)
        cmd = [self.ddilint, "-q", "--format", fmt] + (["-o", out] if report else []) + args
        t0 = time.monotonic()
        try:
            p = subprocess.run(cmd, cwd=self.tmp, capture_output=True, timeout=limit)
        except subprocess.TimeoutExpired:
            raise Fail("hung: no end within %d s: %s" % (limit, " ".join(cmd)))
        took = time.monotonic() - t0
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode < 0:
            raise Fail("crashed with %s: %s\n%s" % (signal.Signals(-p.returncode).name, " ".join(cmd), err[-2000:]))
        if p.returncode not in ok:
            raise Fail("exit %d, expected %s: %s\n%s" % (p.returncode, ok, " ".join(cmd), err[-2000:]))
        doc = None
        if report and os.path.exists(out):
            with open(out, "rb") as f:
                raw = f.read()
            try:
                doc = json.loads(raw.decode("utf-8"))  # strict: a report is UTF-8
            except (UnicodeDecodeError, ValueError) as e:
                raise Fail("%s report is not UTF-8 JSON: %s" % (fmt, e))
            self.validate(out, fmt)
        print("  %-6s exit %d in %.1f s: %s" % (fmt, p.returncode, took, " ".join(args)[:100]))
        return p.returncode, err, doc

    def validate(self, path, fmt):
        script = os.path.join(self.src, "tests", "report", "validate-%s.py" % ("sarif" if fmt == "sarif" else "json"))
        try:
            import jsonschema  # noqa: F401
        except ImportError:
            print("  (no python3-jsonschema: %s report not validated)" % fmt)
            return
        p = subprocess.run([sys.executable, script, path], capture_output=True, text=True)
        if p.returncode != 0:
            raise Fail("%s report does not validate:\n%s" % (fmt, (p.stdout + p.stderr)[-3000:]))

    def both(self, args, ok=(0, 1, 2), limit=120):
        """JSON and SARIF runs; returns (exit status, stderr, JSON report)."""
        rc, err, doc = self.run(args, ok, limit, "json")
        rc2, _, _ = self.run(args, ok, limit, "sarif")
        if rc2 != rc:
            raise Fail("exit %d with JSON but %d with SARIF" % (rc, rc2))
        return rc, err, doc


def need(cond, what):
    if not cond:
        raise Fail(what)


def file_entry(doc, name):
    need(doc is not None, "no report written")
    hits = [f for f in doc.get("files", []) if f.get("path", "").endswith(name)]
    need(hits, "the report does not list %s: %s" % (name, [f.get("path") for f in doc.get("files", [])]))
    return hits[0]


def findings_on(doc, name):
    return [f for f in doc.get("findings", []) if f["location"]["file"].endswith(name)]


def named(err, name, *reasons):
    """STDERR names NAME and one of REASONS on one line."""
    for line in err.splitlines():
        if name in line and any(r.lower() in line.lower() for r in reasons):
            return
    raise Fail("no message naming %s with a reason (%s) on stderr:\n%s" % (name, " / ".join(reasons), err[-2000:]))


# --- the cases ----------------------------------------------------------------------

@case
def empty_file(c):
    c.write("empty.c", b"")
    rc, err, doc = c.both(["empty.c"], ok=(0,))
    need(file_entry(doc, "empty.c")["status"] == "analysed", "an empty file is a valid (empty) translation unit")


@case
def binary_file(c):
    c.write("binary.c", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 64)
    c.write("good.c", WDM_BAD)
    rc, err, doc = c.both(["binary.c", "good.c"], ok=(2,))
    named(err, "binary.c", "binary")
    need(file_entry(doc, "binary.c")["status"] == "failed", "binary.c is not failed")
    need(findings_on(doc, "good.c"), "the other file was not analysed")


@case
def non_utf8(c):
    # Latin-1 and broken UTF-8 in comments, strings and identifiers' neighbourhood.
    c.write("latin1.c", b"#include <wdm.h>\n/* caf\xe9 \xff\xfe \xc3 */\nconst char *s = \"\xe9t\xe9\";\n"
            b"PVOID bad(SIZE_T n) { return ExAllocatePool(NonPagedPool, n); } // \xe0\x80\n")
    rc, err, doc = c.both(["latin1.c"], ok=(1,))
    f = findings_on(doc, "latin1.c")
    need(f and f[0]["location"]["line"] == 4, "the finding is not on line 4: %s" % f)


@case
def bom(c):
    c.write("bom.c", b"\xef\xbb\xbf" + WDM_BAD.encode())
    rc, err, doc = c.both(["bom.c"], ok=(1,))
    f = findings_on(doc, "bom.c")
    need(f and f[0]["location"]["line"] == 4 and f[0]["location"]["column"] == 9,
         "the finding is not at 4:9: %s" % [x["location"] for x in f])


@case
def crlf_and_mixed_line_ends(c):
    c.write("crlf.c", WDM_BAD.replace("\n", "\r\n").encode())
    lines = WDM_BAD.split("\n")
    # \r\n, \n and a lone \r (a line end to clang too) in one file.
    c.write("mixed.c", (lines[0] + "\r\n" + lines[1] + "\n" + lines[2] + "\r" + lines[3] + "\r\n" + lines[4] + "\n").encode())
    rc, err, doc = c.both(["crlf.c", "mixed.c"], ok=(1,))
    for name in ("crlf.c", "mixed.c"):
        f = findings_on(doc, name)
        need(f and f[0]["location"]["line"] == 4, "%s: the finding is not on line 4: %s" % (name, f))


@case
def unterminated_comment(c):
    c.write("unterminated.c", WDM_BAD + "/* this comment never ends\nvoid g(void) {}\n")
    c.write("only-comment.c", "/* nothing but an open comment")
    rc, err, doc = c.both(["unterminated.c"], ok=(1,))
    e = file_entry(doc, "unterminated.c")
    need(e["status"] == "partial" and "unterminated" in (e.get("reason") or ""), "not partial with the reason: %s" % e)
    rc, err, doc = c.both(["only-comment.c"], ok=(0, 2))
    e = file_entry(doc, "only-comment.c")
    need(e["status"] in ("partial", "failed"), "an unterminated comment was not reported: %s" % e)
    if rc == 2:
        named(err, "only-comment.c", "unterminated", "not analysed", "could not")


@case
def nested_blocks(c):
    depth = 10000
    body = "{" * depth + "x++;" + "}" * depth
    c.write("nested.c", "#include <wdm.h>\nvoid f(void)\n{\n\tint x = 0;\n\t" + body + "\n\tExAllocatePool(NonPagedPool, 8);\n}\n")
    # clang's default bracket limit (256) stops the parse with an error ...
    c.both(["nested.c"], ok=(0, 1, 2), limit=180)
    # ... and lifting it lets 10,000 levels reach the parser and the engines.
    c.both(["nested.c", "--", "-fbracket-depth=20000"], ok=(0, 1, 2), limit=180)
    # Nesting no bracket limit stops: 10,000 nested ifs, a 10,000-long else-if chain.
    c.write("ifs.c", "void f(int x)\n{\n" + "if (x) " * depth + "x++;\n}\n")
    c.write("elseif.c", "int f(int x)\n{\n" + "".join("if (x == %d) return %d; else " % (i, i) for i in range(depth))
            + "return 0;\n}\n")
    c.both(["ifs.c", "elseif.c"], ok=(0,), limit=300)


@case
def huge_function(c):
    # One function of about 10 MB: straight-line code with a DDI call every so often.
    parts = ["#include <wdm.h>\nvoid huge(PVOID *p)\n{\n\tint x = 0;\n"]
    size, i = 0, 0
    while size < 10 * 1024 * 1024:
        line = "\tx = x * 3 + %d; if (x > 1000) x -= 7;\n" % i if i % 1000 else "\tp[%d] = ExAllocatePool(PagedPool, %d);\n" % (i % 64, i)
        parts.append(line)
        size += len(line)
        i += 1
    parts.append("}\n")
    c.write("huge.c", "".join(parts))
    rc, err, doc = c.both(["huge.c"], ok=(1,), limit=600)
    need(len(findings_on(doc, "huge.c")) > 100, "the calls in the huge function were not reported")


@case
def missing_include(c):
    c.write("missing-inc.c", '#include <wdm.h>\n#include "not_there.h"\nPVOID bad(SIZE_T n)\n{\n\treturn ExAllocatePool(NonPagedPool, n);\n}\n')
    rc, err, doc = c.both(["missing-inc.c"], ok=(1,))
    e = file_entry(doc, "missing-inc.c")
    need(e["status"] == "partial" and "not_there.h" in (e.get("reason") or ""), "not partial naming the header: %s" % e)
    need(findings_on(doc, "missing-inc.c"), "the code after the missing include was not analysed")


@case
def symlink_loop(c):
    c.write("tree/sub/drv.c", WDM_BAD)
    os.symlink("..", c.path("tree", "sub", "up"))
    os.symlink(".", c.path("tree", "self"))
    os.symlink(c.path("tree"), c.path("tree", "sub", "abs"))
    rc, err, doc = c.both(["tree"], ok=(1,), limit=120)
    need(len(findings_on(doc, "drv.c")) == 1, "drv.c was not analysed exactly once: %s" % findings_on(doc, "drv.c"))


@case
def unreadable_file(c):
    c.write("good.c", WDM_BAD)
    os.symlink(c.path("nowhere.c"), c.path("dangling.c"))
    rc, err, doc = c.both(["dangling.c", "good.c"], ok=(2,))
    named(err, "dangling.c", "no such file", "cannot", "not found")
    # A FIFO must not block the run waiting for a writer.
    os.mkfifo(c.path("fifo.c"))
    rc, err, doc = c.both(["fifo.c", "good.c"], ok=(2,), limit=60)
    named(err, "fifo.c", "not a regular file", "cannot", "fifo", "special")
    if os.geteuid() != 0:
        c.write("locked.c", WDM_BAD)
        os.chmod(c.path("locked.c"), 0)
        rc, err, doc = c.both(["locked.c", "good.c"], ok=(2,))
        named(err, "locked.c", "permission denied")
    else:
        print("  skip: a file without read permission (running as root)")


@case
def space_and_unicode_path(c):
    c.write("dir with space/ünïcödé drv.c", WDM_BAD)
    rc, err, doc = c.both(["dir with space"], ok=(1,))
    need(findings_on(doc, "ünïcödé drv.c"), "no finding in the unicode file: %s" % doc.get("findings"))


@case
def thousands_of_files(c):
    n = 3000
    for i in range(n):
        c.write("many/d%02d/f%04d.c" % (i % 50, i), "int f%d(int x)\n{\n\treturn x + %d;\n}\n" % (i, i))
    rc, err, doc = c.both(["many"], ok=(0,), limit=900)
    need(len(doc.get("files", [])) == n, "%d files in the report, not %d" % (len(doc.get("files", [])), n))


def compdb_dir(c, name, text):
    d = c.path(name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "compile_commands.json"), "wb") as f:
        f.write(text if isinstance(text, bytes) else text.encode())
    return d


@case
def bad_compile_commands(c):
    c.write("drv.c", WDM_BAD)
    good = json.dumps([{"directory": c.tmp, "file": "drv.c", "arguments": ["cc", "-c", "drv.c"]}])
    bad = {
        "truncated": good[: len(good) // 2],
        "empty": "",
        "not-an-array": '{"directory": "/", "file": "x.c"}',
        "missing-keys": '[{"file": "drv.c"}]',
        "wrong-types": '[{"directory": 5, "file": ["drv.c"], "arguments": "cc"}]',
        "binary": b"\x00\xff\xfe[{\x00",
        "deep": "[" * 100000 + "]" * 100000,
    }
    for name, text in bad.items():
        d = compdb_dir(c, "db-" + name, text)
        rc, err, doc = c.run(["-p", d], ok=(0, 1, 2), report=False)
        if rc != 2:
            raise Fail("%s compile_commands.json accepted (exit %d)" % (name, rc))
        named(err, "compile_commands.json", "error", "invalid", "expected", "not", "empty", "missing", "must")


@case
def bad_config(c):
    c.write("proj/.git/HEAD", "ref: refs/heads/main\n")
    c.write("proj/drv.c", WDM_BAD)
    bad = {
        "truncated": '{"rules": {"obsolete-ddi": "err',
        "empty": "",
        "not-an-object": "[1, 2, 3]",
        "unknown-key": '{"rulez": {}}',
        "wrong-type": '{"rules": ["obsolete-ddi"]}',
        "unknown-rule": '{"rules": {"no-such-rule": "off"}}',
        "binary": b"\x00\x01\x02\xff",
        "deep": '{"description": ' + "[" * 100000 + "]" * 100000 + "}",
    }
    for name, text in bad.items():
        c.write("proj/.ddilint.json", text if isinstance(text, bytes) else text.encode())
        rc, err, doc = c.run(["proj"], ok=(2,), report=False)
        named(err, ".ddilint.json", "error", "invalid", "unknown", "expected", "must", "not")
        cfg = c.write("cfg-%s.json" % name, text if isinstance(text, bytes) else text.encode())
        rc, err, doc = c.run(["--no-config", "--config", cfg, "proj/drv.c"], ok=(2,), report=False)
        named(err, "cfg-%s.json" % name, "error", "invalid", "unknown", "expected", "must", "not")


@case
def bad_knowledge_base(c):
    c.write("proj/.git/HEAD", "ref: refs/heads/main\n")
    c.write("proj/drv.c", WDM_BAD)
    bad = {
        "name-not-string": '{"ddis": [{"name": 5}]}',
        "bad-irql": '{"ddis": [{"name": "FabX", "irql": {"max": "WARP_LEVEL"}}]}',
        "bad-condition": '{"ddis": [{"name": "FabX", "raises": {"when": {"arg": -1, "op": "eq", "value": 1}}}]}',
        "unknown-constant": '{"ddis": [{"name": "FabX", "raises": {"when": {"arg": 2, "op": "eq", "value": "NOPE"}}}]}',
        "ddis-not-array": '{"ddis": {"name": "FabX"}}',
        "huge-arg": '{"ddis": [{"name": "FabX", "raises": {"when": {"arg": 1e300, "op": "eq", "value": 1}}}]}',
    }
    for name, text in bad.items():
        c.write("proj/.ddilint.json", text)
        rc, err, doc = c.run(["proj"], ok=(2,), report=False)
        named(err, ".ddilint.json", "error", "invalid", "unknown", "expected", "must", "not")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    ddilint, src, which = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
    if which == "--list":
        print("\n".join(CASES))
        return 0
    if which not in CASES:
        sys.exit("unknown case %s (--list)" % which)
    tmp = tempfile.mkdtemp(prefix="ddilint-garbage-")
    try:
        CASES[which](Ctx(ddilint, src, tmp))
    except Fail as e:
        print("FAIL %s: %s" % (which, e))
        return 1
    finally:
        for d, dirs, files in os.walk(tmp):
            for x in dirs + files:
                p = os.path.join(d, x)
                if not os.path.islink(p):
                    os.chmod(p, stat.S_IRWXU)
        shutil.rmtree(tmp, ignore_errors=True)
    print("ok %s" % which)
    return 0


if __name__ == "__main__":
    sys.exit(main())
