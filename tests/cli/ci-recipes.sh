# docs/ci.md: the GitHub Actions and Azure Pipelines files parse, carry what
# each platform needs (code-scanning upload with its permission; the
# CodeAnalysisLogs artifact), install ddilint only with README.md's steps,
# and their lint commands work: run here, with this build standing in for
# .ddilint/build/ddilint, they succeed on findings and write valid SARIF.
. "$(dirname "$0")/lib.bash"
python3 -c 'import yaml' 2>/dev/null || { echo "skip: python3-yaml is not installed (pre-commit brings it)"; exit 77; }
python3 - "$SRC/docs/ci.md" "$TMP" <<'PY' || fail "docs/ci.md recipes"
import re, sys, yaml
text = open(sys.argv[1]).read()
blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
gh, az = (yaml.safe_load(b) for b in blocks[:2])
# GitHub: permission, checkout, README install steps, upload of the file the lint step writes.
assert gh["permissions"]["security-events"] == "write"
steps = gh["jobs"]["ddilint"]["steps"]
runs = "\n".join(s.get("run", "") for s in steps)
assert "tools/bootstrap" in runs and "git clone" in runs, runs
up = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
assert up and up[0]["with"]["sarif_file"] == "ddilint.sarif", up
assert "-o ddilint.sarif" in runs
assert gh["jobs"]["ddilint"]["container"] == "debian:12"
# Azure: the artifact the Scans tab reads, and the same install steps.
script = "\n".join(s.get("script", "") for s in az["steps"])
assert "tools/bootstrap" in script and "debian:12" in script, script
pub = [s for s in az["steps"] if s.get("task", "").startswith("PublishBuildArtifacts@")]
assert pub and pub[0]["inputs"]["ArtifactName"] == "CodeAnalysisLogs", pub
assert "-o CodeAnalysisLogs/ddilint.sarif" in script
# The lint commands, for the shell below.
lint = [l.strip() for l in (runs + "\n" + script).splitlines() if ".ddilint/build/ddilint" in l]
assert len(lint) == 2, lint
open(sys.argv[2] + "/lint.sh", "w").write("\n".join(lint) + "\n")
PY
# Run both lint lines in a copy of the samples, as the checkout root.
mkdir -p "$TMP/checkout/.ddilint/build" "$TMP/checkout/CodeAnalysisLogs"
cp -r "$SRC/samples" "$TMP/checkout/"
ln -s "$DDILINT" "$TMP/checkout/.ddilint/build/ddilint"
mkdir -p "$TMP/checkout/.ddilint/samples" && cp "$SRC/samples/wdm-mapper/mapper.c" "$TMP/checkout/.ddilint/samples/"
while read -r line; do
	(cd "$TMP/checkout" && sh -ec "$line") || fail "lint step failed: $line"
done <"$TMP/lint.sh"
for f in ddilint.sarif CodeAnalysisLogs/ddilint.sarif; do
	python3 "$SRC/tests/report/validate-sarif.py" "$TMP/checkout/$f" >/dev/null || fail "$f does not validate"
	python3 - "$TMP/checkout/$f" <<'PY' || fail "$f: wrong results"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
assert uris and all(u.startswith("samples/") for u in uris), uris      # not .ddilint/ (hidden)
assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/checkout/")
PY
done
# Exit status 2 still fails the step.
(cd "$TMP/checkout" && sh -ec "$(head -1 "$TMP/lint.sh" | sed 's| \. | missing.c |')") 2>/dev/null &&
	fail "a lint step with an unanalysable input passed"
finish
