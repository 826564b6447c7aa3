# Helpers of bench/run.sh (sourced): tools, processes it starts, wrk runs, imports, peak RSS.
# Every process started here is remembered by pid and stopped by pid on exit, whatever happens.

work="$(mktemp -d "${TMPDIR:-/tmp}/secretless-bench.XXXXXX")"
declare -A started_pids=()

fail() { echo "bench: FAILED: $*" >&2; exit 1; }
step() { echo "==> [$(date -u +%T)] $*" >&2; }
wanted() { [[ ",$only," == *",$1,"* ]]; }

cleanup() {
  local name
  for name in "${!started_pids[@]}"; do
    kill "${started_pids[$name]}" 2>/dev/null || true
    wait "${started_pids[$name]}" 2>/dev/null || true
  done
  if [[ -n "${BENCH_KEEP_WORK:-}" ]]; then echo "bench: work files kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Installs the load tools only when missing; apt-get update once, only when something is missing.
ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v cfssl >/dev/null || missing+=(golang-cfssl)
  command -v curl >/dev/null || missing+=(curl)
  command -v python3 >/dev/null || missing+=(python3)
  if (( ${#missing[@]} )); then
    step "installing ${missing[*]}"
    local sudo=(); (( EUID == 0 )) || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq >/dev/null || fail "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null \
      || fail "apt-get install ${missing[*]} failed"
  fi
  command -v dotnet >/dev/null || fail "the .NET 10 SDK (dotnet) is needed"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_ready NAME URL: until URL answers 200; fails with the process's log when it exits first.
wait_ready() {
  local name="$1" url="$2" tries=0
  until [[ "$(curl -sk -o /dev/null -w '%{http_code}' -X "${3:-GET}" "$url" 2>/dev/null)" =~ ^(200|400)$ ]]; do
    if ! kill -0 "${started_pids[$name]}" 2>/dev/null; then
      tail -n 20 "$work/$name.err" >&2 || true
      fail "$name exited before it was ready"
    fi
    (( ++tries > 600 )) && fail "$name was not ready after 60 s ($url)"
    sleep 0.1
  done
}

stop_process() {
  local name="$1" pid="${started_pids[$1]:-}"
  [[ -n "$pid" ]] || return 0
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "started_pids[$name]"
}

# cfssl with a fresh P-256 CA (a signing profile with client auth, like a device certificate).
start_cfssl() {
  local dir="$work/cfssl"
  mkdir -p "$dir"
  echo '{"CN":"Secretless bench cfssl CA","key":{"algo":"ecdsa","size":256}}' >"$dir/ca-csr.json"
  echo '{"signing":{"default":{"expiry":"8760h","usages":["digital signature","client auth"]}}}' >"$dir/config.json"
  (cd "$dir" && cfssl genkey -initca ca-csr.json 2>/dev/null | python3 -c '
import json, os, sys
answer = json.load(sys.stdin)
open("ca.pem", "w").write(answer["cert"]); open("ca-key.pem", "w").write(answer["key"])') || fail "cfssl CA creation failed"
  cfssl_port=$(free_port)
  cfssl serve -address 127.0.0.1 -port "$cfssl_port" -ca "$dir/ca.pem" -ca-key "$dir/ca-key.pem" \
    -config "$dir/config.json" >"$work/cfssl.out" 2>"$work/cfssl.err" &
  started_pids[cfssl]=$!
  wait_ready cfssl "http://127.0.0.1:$cfssl_port/api/v1/cfssl/sign" POST
}

# start_serve DATA_DIR: secretless serve on free ports (HTTPS + MQTT), until /health/ready is 200.
start_serve() {
  serve_port=$(free_port)
  local mqtt_port; mqtt_port=$(free_port)
  "${secretless[@]}" serve --data "$1" --urls "https://127.0.0.1:$serve_port" --mqtt-port "$mqtt_port" \
    >"$work/serve.out" 2>"$work/serve.err" &
  started_pids[serve]=$!
  serve_pid=$!
  wait_ready serve "https://127.0.0.1:$serve_port/health/ready"
}

start_baretls() {
  baretls_port=$(free_port)
  "${benchtls[@]}" "$baretls_port" >"$work/baretls.out" 2>"$work/baretls.err" &
  started_pids[baretls]=$!
  wait_ready baretls "https://127.0.0.1:$baretls_port/"
}

# import_devices DATA_DIR MANIFEST: all-or-nothing import; prints the wall time in seconds.
import_devices() {
  local lines started ended
  lines=$(wc -l <"$2")
  started=$(date +%s.%N)
  "${secretless[@]}" devices import --data "$1" --json "$2" >"$work/import.json" 2>"$work/import.err" \
    || { tail -n 20 "$work/import.err" >&2; fail "devices import of $2 failed"; }
  ended=$(date +%s.%N)
  python3 - "$work/import.json" "$lines" <<'PY' || fail "devices import did not store every line"
import json, os, sys
report = json.load(open(sys.argv[1]))
if not report.get("committed") or report.get("inserted") != int(sys.argv[2]):
    sys.exit(f"import report: {report}")
PY
  python3 -c "print(f'{$ended - $started:.2f}')"
}

# run_wrk NAME URL CSR_FILE MODE PATH keep|close START COUNT SECONDS: NAME.json in $results
# (warm-ups are not kept). Fails when CSRs ran out or nothing succeeded.
run_wrk() {
  local name="$1" url="$2" file="$3" mode="$4" path="$5" connection="$6" start="$7" count="$8" seconds="$9"
  local out="$results/$name.json"
  [[ "$name" == warmup* ]] && out="$work/$name.json"
  rm -f "$out"
  WRK_JSON_OUT="$out" wrk "${wrk_flags[@]}" -d "${seconds}s" -s "$lib/distinct-csr.lua" "$url" \
    -- "$data/$file" "$mode" "$path" "$connection" "$threads" "$start" "$count" >"$work/wrk-$name.txt" 2>&1 \
    || { cat "$work/wrk-$name.txt" >&2; fail "wrk for $name failed"; }
  [[ -s "$out" ]] || { cat "$work/wrk-$name.txt" >&2; fail "wrk for $name wrote no result"; }
  python3 - "$out" "$name" "$count" <<'PY' || fail "$name: see above"
import json, os, sys
result, name, count = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
if result["csrs_exhausted"] > 0:
    sys.exit(f"{name}: the {count} distinct CSRs ran out ({result['csrs_exhausted']} requests without a fresh CSR); "
             "pass a larger --csrs")
if result["requests"] - result["status_errors"] <= 0:
    sys.exit(f"{name}: no successful request ({result})")
PY
}

record_rss() {
  local kb
  kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$2/status") || fail "no /proc/$2/status for $1"
  echo "{\"vmhwm_kb\":$kb}" >"$results/rss-$1.json"
}

# verify_distinct DATA_DIR RESULT_JSON...: every 2xx /new answer must be a distinct certificate in the
# registry (a replayed CSR would answer 200 with a certificate issued before). Run with serve stopped.
verify_distinct() {
  local dir="$1"; shift
  "${secretless[@]}" certs list --data "$dir" --limit 100000000 --json >"$work/certs.json" 2>"$work/certs.err" \
    || { tail -n 20 "$work/certs.err" >&2; fail "certs list failed"; }
  python3 - "$work/certs.json" "$@" <<'PY' || fail "distinct provisionings check failed"
import json, os, sys
listed = json.load(open(sys.argv[1]))
items = listed if isinstance(listed, list) else next(v for v in listed.values() if isinstance(v, list))
ids = {item["id"] if isinstance(item, dict) and "id" in item else json.dumps(item) for item in items}
answered = sum(r["requests"] - r["status_errors"] for r in (json.load(open(p)) for p in sys.argv[2:] if os.path.exists(p)))
if len(ids) < answered:
    sys.exit(f"{answered} successful /new answers but only {len(ids)} distinct certificates: CSRs were repeated")
print(f"==> verified: {answered} successful /new answers, {len(ids)} distinct certificates issued", file=sys.stderr)
PY
}
