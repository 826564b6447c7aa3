#!/usr/bin/env bash
# Runs every test of the solution, the same way on a fresh machine, a developer's and CI.
# Idempotent: installs the tools the tests call (openssl, curl, mosquitto clients, s3rver, dynalite) only when missing.
# Ends with a plain "N passed, N failed" line summed over all test projects' TRX files and
# exits non-zero when any test failed or none ran.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

required_packages=(openssl curl ca-certificates mosquitto-clients)
# npm installs the S3 and DynamoDB emulators (s3rver, dynalite); machines that ship Node.js already have it.
if ! command -v npm >/dev/null 2>&1; then
    required_packages+=(nodejs npm)
fi
missing_packages=()
for package in "${required_packages[@]}"; do
    if ! dpkg -s "$package" >/dev/null 2>&1; then
        missing_packages+=("$package")
    fi
done
if ((${#missing_packages[@]} > 0)); then
    echo "Installing missing packages: ${missing_packages[*]}"
    sudo_cmd=()
    if [[ "$(id -u)" -ne 0 ]]; then
        sudo_cmd=(sudo)
    fi
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_packages[@]}"
fi

# The S3 and DynamoDB backend tests start s3rver and dynalite themselves; this only installs them (idempotent).
scripts/install-node-tools.sh

# The Lambda tests and the API Gateway end-to-end suite run the published function (Native AOT when
# clang is available; installed on first use). Skips when artifacts/lambda/bootstrap is up to date.
scripts/publish-lambda.sh

# Each test project writes its TRX into its own TestResults folder; old ones would be counted twice.
rm -rf tests/*/TestResults

# Build in parallel, then run the test projects one at a time (-m:1): several suites hold real
# servers, brokers and timing promises (a revocation closes a session within 1 s), and on a
# 2-core machine they should not compete with each other for the CPU.
dotnet build Secretless.slnx -c Release
set +e
dotnet test Secretless.slnx -c Release --no-build -m:1 --logger "trx" --logger "console;verbosity=normal"
test_exit=$?
set -e

summary="$(python3 - <<'PY'
import glob, sys
import xml.etree.ElementTree as ET

ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = 0
for path in sorted(glob.glob("tests/*/TestResults/*.trx")):
    root = ET.parse(path).getroot()
    counters = root.find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    passed += int(counters.get("passed", "0"))
    failed += int(counters.get("failed", "0")) + int(counters.get("error", "0")) + int(counters.get("timeout", "0"))
    # CI logs keep only the tail: repeat each failure (name and the start of its message) down here.
    for result in root.iterfind("t:Results/t:UnitTestResult", ns):
        if result.get("outcome") not in ("Passed", "NotExecuted"):
            message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=ns)
            print(f"FAILED {result.get('testName')}: {' '.join(message.split())[:600]}", file=sys.stderr)
print(f"{passed} {failed}")
PY
)"
read -r passed failed <<<"$summary"

echo "${passed} passed, ${failed} failed"

if ((failed > 0)); then
    exit 1
fi
if ((passed == 0)); then
    echo "No test ran." >&2
    exit 1
fi
# A build error in one project fails dotnet test without a TRX for it: never hide that.
exit "$test_exit"
