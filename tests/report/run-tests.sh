#!/bin/sh
# run-tests.sh - check report-test's output: SARIF against the OASIS schema and
# GitHub's rules, JSON against docs/json-format.schema.json, then the content.
#   run-tests.sh OUTDIR      (the directory report-test wrote)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1
python3 "$here/validate-sarif.py" --schema "$here/sarif-2.1.0.json" "$out/out.sarif" "$out/empty.sarif"
python3 "$here/validate-json.py" --schema "$here/../../docs/json-format.schema.json" "$out/out.json" "$out/empty.json"
python3 "$here/check-report.py" "$out"
