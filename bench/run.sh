#!/usr/bin/env bash
# Load benchmarks of `secretless serve` next to its baselines, on this machine (load generator and
# servers share the cores). See bench/README.md. Usage:
#   bench/run.sh [--quick] [-t THREADS] [-c CONNECTIONS] [-d SECONDS] [--import-lines N]
#                [--csrs N] [--json FILE] [--only LIST]
# Scenarios (--only takes a comma list of these names):
#   cfssl        cfssl serve, P-256 CA, distinct P-256 CSRs, plain HTTP keep-alive
#   secretless   secretless serve (embedded stack, fresh data, devices imported), POST /new, HTTPS keep-alive
#   newtls       the same with a new TLS connection per request (Connection: close)
#   baretls      bench/Secretless.BenchTls with the same requests: the handshake ceiling for newtls
#   import       devices import of --import-lines manifest lines, then serve's peak RSS after a short load
# Every request sends a CSR never sent before in the run; a run that runs out of CSRs fails.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lib="$root/bench/lib"
# shellcheck source=bench/lib/common.sh
source "$lib/common.sh"

threads=2 connections=32 duration=20 import_lines=1000000 csrs="" json_out="" quick=0
only="cfssl,secretless,newtls,baretls,import" explicit=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    -t|--threads) threads="$2"; shift ;;
    -c|--connections) connections="$2"; explicit+=" c"; shift ;;
    -d|--duration) duration="${2%s}"; explicit+=" d"; shift ;;
    --import-lines) import_lines="$2"; explicit+=" i"; shift ;;
    --csrs) csrs="$2"; shift ;;
    --json) json_out="$(realpath -m "$2")"; shift ;;
    --only) only="$2"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
  shift
done
for number in "$threads" "$connections" "$duration" "$import_lines" ${csrs:+"$csrs"}; do
  [[ "$number" =~ ^[1-9][0-9]*$ ]] || fail "'$number' is not a positive whole number (see --help)"
done
for name in ${only//,/ }; do
  [[ "$name" =~ ^(cfssl|secretless|newtls|baretls|import)$ ]] || fail "unknown scenario '$name' in --only"
done
(( connections >= threads )) || fail "wrk needs at least one connection per thread (-c $connections < -t $threads)"
if (( quick )); then   # small defaults; options given explicitly still win
  [[ "$explicit" == *d* ]] || duration=3
  [[ "$explicit" == *c* ]] || connections=16
  [[ "$explicit" == *i* ]] || import_lines=50000
fi
warmup=$(( duration >= 10 ? 3 : 1 ))
load_seconds=$(( duration >= 10 ? 5 : 2 ))   # provisioning load before the RSS reading
# CSRs per block, sized for the highest expected rate (cfssl ≈ 9.3k/s here) with headroom.
keep_csrs=${csrs:-$(( duration * 15000 ))}
close_csrs=${csrs:-$(( duration * 6000 ))}
warm_csrs=$(( warmup * 15000 ))
# Lines of csr-b64.txt: [0,keep) keep-alive runs, [keep,+close) new-TLS run, then warm-up lines.
close_start=$keep_csrs
warm_start=$(( keep_csrs + close_csrs ))
total_csrs=$(( warm_start + warm_csrs ))
devices=$(( import_lines > total_csrs ? import_lines : total_csrs ))

ensure_tools
step "building Release (secretless, bench data generator, bare TLS server)"
for project in src/Secretless.Cli bench/Secretless.BenchData bench/Secretless.BenchTls; do
  dotnet build "$root/$project" -c Release -nologo -v q -clp:NoSummary >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; fail "build of $project failed"; }
done
secretless=(dotnet "$root/src/Secretless.Cli/bin/Release/net10.0/secretless.dll")
benchdata=(dotnet "$root/bench/Secretless.BenchData/bin/Release/net10.0/Secretless.BenchData.dll")
benchtls=(dotnet "$root/bench/Secretless.BenchTls/bin/Release/net10.0/Secretless.BenchTls.dll")

# Generated once per size into the git-ignored bench/.data and reused: distinct within every run.
data="$root/bench/.data/d$devices-c$total_csrs"
mkdir -p "$root/bench/.data"
echo '*' >"$root/bench/.data/.gitignore"   # generated keys and CSRs never belong in git
if [[ ! -f "$data/.complete" ]]; then
  step "generating $devices devices ($total_csrs with CSRs) into $data"
  rm -rf "$data"
  "${benchdata[@]}" --out "$data" --devices "$devices" --csrs "$total_csrs" || fail "data generation failed"
  touch "$data/.complete"
fi

results="$work/results"
mkdir -p "$results"
wrk_flags=(-t "$threads" -c "$connections" --latency --timeout 10s)

if wanted cfssl; then
  step "cfssl serve: ${duration}s, $threads threads, $connections connections, keep-alive"
  start_cfssl
  run_wrk warmup "http://127.0.0.1:$cfssl_port" csr-json.txt body /api/v1/cfssl/sign keep "$warm_start" "$warm_csrs" "$warmup"
  run_wrk cfssl "http://127.0.0.1:$cfssl_port" csr-json.txt body /api/v1/cfssl/sign keep 0 "$keep_csrs" "$duration"
  stop_process cfssl
fi

if wanted secretless || wanted newtls; then
  step "secretless serve: importing $total_csrs devices into a fresh data dir"
  serve_data="$work/serve-data"
  head -n "$total_csrs" "$data/manifest.csv" >"$work/manifest-csr.csv"
  import_devices "$serve_data" "$work/manifest-csr.csv" >/dev/null
  start_serve "$serve_data"
  run_wrk warmup-serve "https://127.0.0.1:$serve_port" csr-b64.txt header /new keep "$warm_start" "$warm_csrs" "$warmup"
  if wanted secretless; then
    step "secretless serve: ${duration}s, keep-alive"
    run_wrk secretless "https://127.0.0.1:$serve_port" csr-b64.txt header /new keep 0 "$keep_csrs" "$duration"
  fi
  if wanted newtls; then
    step "secretless serve: ${duration}s, new TLS connection per request"
    run_wrk newtls "https://127.0.0.1:$serve_port" csr-b64.txt header /new close "$close_start" "$close_csrs" "$duration"
  fi
  record_rss secretless "$serve_pid"
  stop_process serve
  verify_distinct "$serve_data" "$work/warmup-serve.json" "$results"/{secretless,newtls}.json
fi

if wanted baretls; then
  step "bare Kestrel TLS: ${duration}s, new TLS connection per request"
  start_baretls
  run_wrk warmup "https://127.0.0.1:$baretls_port" csr-b64.txt header /new close "$warm_start" "$warm_csrs" "$warmup"
  run_wrk baretls "https://127.0.0.1:$baretls_port" csr-b64.txt header /new close "$close_start" "$close_csrs" "$duration"
  stop_process baretls
fi

if wanted import; then
  step "devices import of $import_lines manifest lines into a fresh data dir"
  import_data="$work/import-data"
  head -n "$import_lines" "$data/manifest.csv" >"$work/manifest-import.csv"
  import_seconds=$(import_devices "$import_data" "$work/manifest-import.csv")
  echo "{\"lines\":$import_lines,\"seconds\":$import_seconds}" >"$results/import.json"
  load_csrs=$(( keep_csrs < import_lines ? keep_csrs : import_lines ))
  step "secretless serve with $import_lines devices: ${load_seconds}s provisioning load, then peak RSS"
  start_serve "$import_data"
  run_wrk importload "https://127.0.0.1:$serve_port" csr-b64.txt header /new keep 0 "$load_csrs" "$load_seconds"
  record_rss import "$serve_pid"
  stop_process serve
  verify_distinct "$import_data" "$results/importload.json"
fi

python3 "$lib/report.py" "$results" "$json_out" \
  "threads=$threads connections=$connections duration=${duration}s import_lines=$import_lines quick=$quick cores=$(nproc)"
