"""Prints bench/run.sh's table (and writes it as JSON) from the result files of one run.

Usage: report.py RESULTS_DIR JSON_OUT_OR_EMPTY SETTINGS
req/s counts only 2xx answers; errors = non-2xx answers + socket errors (connect, read, write, timeout).
"""
import json
import os
import sys

results_dir, json_out, settings = sys.argv[1], sys.argv[2], sys.argv[3]


def load(name):
    path = os.path.join(results_dir, name + ".json")
    return json.load(open(path)) if os.path.exists(path) else None


LABELS = {
    "cfssl": "cfssl serve sign (HTTP keep-alive)",
    "secretless": "secretless /new (HTTPS keep-alive)",
    "newtls": "secretless /new (new TLS per request)",
    "baretls": "bare Kestrel TLS (new TLS per request)",
    "importload": "secretless /new with imported fleet",
}

rows = []
for key, label in LABELS.items():
    result = load(key)
    if result is None:
        continue
    errors = (result["status_errors"] + result["connect_errors"] + result["read_errors"]
              + result["write_errors"] + result["timeouts"])
    ok = result["requests"] - result["status_errors"]
    rows.append({
        "scenario": key, "label": label, "rps": round(ok / result["seconds"], 1),
        "p50_ms": round(result["p50_ms"], 2), "p99_ms": round(result["p99_ms"], 2),
        "errors": errors, "requests": result["requests"], "csrs_used": result["csrs_used"],
    })

by_key = {row["scenario"]: row for row in rows}
ratios = {}
if "secretless" in by_key and "cfssl" in by_key:
    ratios["secretless_vs_cfssl"] = round(by_key["secretless"]["rps"] / by_key["cfssl"]["rps"], 3)
if "newtls" in by_key and "baretls" in by_key:
    ratios["newtls_vs_baretls"] = round(by_key["newtls"]["rps"] / by_key["baretls"]["rps"], 3)

extra = {}
imported = load("import")
if imported:
    extra["import_lines"] = imported["lines"]
    extra["import_seconds"] = imported["seconds"]
    extra["import_lines_per_second"] = round(imported["lines"] / imported["seconds"], 1)
for name in ("secretless", "import"):
    rss = load("rss-" + name)
    if rss:
        extra[f"peak_rss_mb_{name}"] = round(rss["vmhwm_kb"] / 1024, 1)

print()
print(f"Secretless benchmarks ({settings})")
print(f"{'scenario':<42} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9} {'errors':>8}")
for row in rows:
    print(f"{row['label']:<42} {row['rps']:>10,.0f} {row['p50_ms']:>9.2f} {row['p99_ms']:>9.2f} {row['errors']:>8,}")
if "import_seconds" in extra:
    print(f"{'devices import ' + format(extra['import_lines'], ',') + ' lines':<42} "
          f"{extra['import_lines_per_second']:>10,.0f} {'lines/s,':>9} {extra['import_seconds']:>7.2f} s")
for name, text in (("secretless", "after the keep-alive + new-TLS runs"), ("import", "with the imported fleet, after load")):
    if f"peak_rss_mb_{name}" in extra:
        print(f"peak RSS (VmHWM) of serve {text}: {extra[f'peak_rss_mb_{name}']:.1f} MB")
for name, value in ratios.items():
    text = {"secretless_vs_cfssl": "secretless ÷ cfssl (keep-alive req/s)",
            "newtls_vs_baretls": "secretless new-TLS ÷ bare TLS (req/s)"}[name]
    print(f"{text}: {value:.2f}")

if json_out:
    with open(json_out, "w") as out:
        json.dump({"settings": settings, "scenarios": rows, "ratios": ratios, **extra}, out, indent=2)
        out.write("\n")
    print(f"written to {json_out}")
