#!/usr/bin/env bash
# Micro benchmarks of the provisioning hot path (BenchmarkDotNet, bench/Secretless.Benchmarks).
#
#   bench/micro.sh                         # every benchmark, default (long, accurate) job
#   bench/micro.sh '*Csr*' --job short     # one class, quick smoke (~1 min)
#   bench/micro.sh '*Ledger*' '*Directory*' --job short
#   bench/micro.sh --list flat             # names only
#
# Leading arguments not starting with '-' are BenchmarkDotNet --filter globs (default '*'); the rest
# goes to BenchmarkDotNet unchanged (--job short, --exporters json, --memory, ...). Results and logs
# land in bench/BenchmarkDotNet.Artifacts (git-ignored).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

filters=()
while [[ $# -gt 0 && "$1" != -* ]]; do
  filters+=("$1")
  shift
done
[[ ${#filters[@]} -gt 0 ]] || filters=('*')

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 0
fi

exec dotnet run -c Release --project "$repo/bench/Secretless.Benchmarks" -- \
  --filter "${filters[@]}" --artifacts "$repo/bench/BenchmarkDotNet.Artifacts" "$@"
