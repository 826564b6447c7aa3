#!/usr/bin/env bash
# Cold start of the published Lambda function (artifacts/lambda/bootstrap): process start → first
# invocation answered, through a minimal Lambda Runtime API (Python standard library, loopback).
# Each run starts a fresh process (a cold start), answers one authorizer invocation without a
# device-csr header (no backend call: what is measured is start-up, configuration, DI and the
# first JSON round trip), then one warm invocation. Usage: bench/lambda-cold-start.sh [runs=10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bootstrap="$root/artifacts/lambda/bootstrap"
[[ -x "$bootstrap" ]] || { echo "No $bootstrap; run scripts/publish-lambda.sh first." >&2; exit 1; }
echo "binary: $bootstrap ($(cat "$root/artifacts/lambda/publish-mode.txt" 2>/dev/null || echo unknown), $(du -h "$bootstrap" | cut -f1))"

exec python3 - "$bootstrap" "${1:-10}" <<'PY'
import http.server, json, socket, statistics, subprocess, sys, threading, time

bootstrap, runs = sys.argv[1], int(sys.argv[2])
event = json.dumps({"type": "REQUEST", "methodArn": "arn:aws:execute-api:us-east-1:123456789012:api/prod/POST/new",
                    "resource": "/new", "path": "/new", "httpMethod": "POST", "headers": {}, "multiValueHeaders": {}}).encode()

class Runtime(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def setup(self):
        super().setup()
        # No Nagle: Python writes headers and body separately; delayed ACKs would add ~40 ms per call.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    def do_GET(self):
        s = self.server
        with s.lock:
            if s.served >= 2:
                s.lock.wait()  # no more invocations: hold the poll until the process is killed
                return
            s.served += 1
            request_id = f"req-{s.served}"
        self.send_response(200)
        self.send_header("Lambda-Runtime-Aws-Request-Id", request_id)
        self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 30000))
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(event)))
        self.end_headers()
        self.wfile.write(event)
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.answers.append((time.perf_counter(), self.path, body))
        reply = b'{"status":"OK"}'
        self.send_response(202)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)
        if len(self.server.answers) == 2 or "/error" in self.path:
            self.server.done.set()

environment = {
    "PATH": "/usr/bin:/bin", "_HANDLER": "authorizer", "AWS_REGION": "us-east-1",
    "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_EC2_METADATA_DISABLED": "true",
    "Secretless__Directory__Type": "DynamoDb", "Secretless__Directory__TableName": "bench-devices",
    "Secretless__Directory__ServiceUrl": "http://127.0.0.1:9/",
    "Secretless__Ledger__Type": "DynamoDb", "Secretless__Ledger__TableName": "bench-ledger",
    "Secretless__Ledger__ServiceUrl": "http://127.0.0.1:9/",
    "Secretless__Issuer__Type": "IotCore", "Secretless__Issuer__ServiceUrl": "http://127.0.0.1:9/",
    "Secretless__Registry__Type": "IotCore", "Secretless__Registry__ServiceUrl": "http://127.0.0.1:9/",
    "Secretless__PayloadStore__Type": "S3", "Secretless__PayloadStore__BucketName": "bench-payloads",
    "Secretless__PayloadStore__ServiceUrl": "http://127.0.0.1:9/",
}

cold, warm = [], []
for run in range(runs):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Runtime)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # the killed process resets its held poll
    server.served, server.answers, server.lock, server.done = 0, [], threading.Condition(), threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = dict(environment, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{server.server_address[1]}")
    started = time.perf_counter()
    process = subprocess.Popen([bootstrap], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if not server.done.wait(60):
        process.kill(); sys.exit(f"run {run}: no answer within 60 s: {process.stderr.read().decode()[-2000:]}")
    process.kill(); process.wait()
    with server.lock: server.lock.notify_all()
    server.shutdown()
    (t1, path1, body1), (t2, _, _) = server.answers[0], server.answers[1]
    if "/response" not in path1 or b"Allow" not in body1:
        sys.exit(f"run {run}: unexpected answer {path1}: {body1[:300]!r}")
    cold.append((t1 - started) * 1000); warm.append((t2 - t1) * 1000)

def summary(values): return f"min {min(values):.1f} ms, median {statistics.median(values):.1f} ms, max {max(values):.1f} ms"
print(f"cold start (process start -> first invocation answered), {runs} runs: {summary(cold)}")
print(f"second invocation (warm, includes the loop's next poll): {summary(warm)}")
PY
