#!/usr/bin/env bash
# Publishes the Lambda function (src/Secretless.Lambda, one binary for the authorizer and the
# issuer) to artifacts/lambda/bootstrap for the provided.al2023 runtime (linux-x64):
# Native AOT when the toolchain allows it (clang + zlib1g-dev, installed with apt when missing),
# else self-contained single-file. Prints which. Skips the publish when the output is newer than
# every source it is built from; FORCE=1 publishes anyway.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/lambda"
bootstrap="$out/bootstrap"
mode_file="$out/publish-mode.txt"
project="$root/src/Secretless.Lambda"
sources=(src/Secretless.Lambda src/Secretless.Core src/Secretless.Backends src/Secretless.Aws src/Secretless.Local
         Directory.Build.props Directory.Packages.props global.json)

cd "$root"
# Test runs and helpers may publish at the same time: one publish at a time, the others wait and
# then find it up to date.
mkdir -p "$root/artifacts"
exec 9>"$root/artifacts/.publish-lambda.lock"
flock 9

if [[ -x "$bootstrap" && -f "$mode_file" && "${FORCE:-0}" != "1" ]]; then
  newer="$(find "${sources[@]}" -newer "$bootstrap" -type f \
             \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) \
             -not -path '*/obj/*' -not -path '*/bin/*' -print -quit 2>/dev/null || true)"
  if [[ -z "$newer" ]]; then
    echo "publish-lambda: up to date ($(cat "$mode_file")): $bootstrap"
    exit 0
  fi
fi

# clang links the native image; zlib1g-dev provides libz for the runtime. Installed once, idempotently.
ensure_aot_toolchain() {
  local missing=()
  command -v clang >/dev/null 2>&1 || missing+=(clang)
  dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || { echo "publish-lambda: ${missing[*]} missing and no apt-get" >&2; return 1; }
  local sudo=()
  if [[ "$(id -u)" != "0" ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "publish-lambda: ${missing[*]} missing; not root and no sudo" >&2; return 1; }
    sudo=(sudo)
  fi
  echo "publish-lambda: installing ${missing[*]} (apt) for Native AOT"
  "${sudo[@]}" apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

staging="$(mktemp -d "${TMPDIR:-/tmp}/secretless-lambda-publish.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
log="$staging/publish.log"

mode=""
if ensure_aot_toolchain; then
  if dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -o "$staging/aot" >"$log" 2>&1; then
    mode="native-aot"
    published="$staging/aot"
  else
    echo "publish-lambda: Native AOT publish failed; falling back to self-contained single-file. Last lines:" >&2
    grep -E "error|warning" "$log" | sort -u | tail -20 >&2 || tail -20 "$log" >&2
  fi
fi

if [[ -z "$mode" ]]; then
  if ! dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=false --self-contained \
         -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -o "$staging/single" >"$log" 2>&1; then
    cat "$log" >&2
    echo "publish-lambda: publish failed" >&2
    exit 1
  fi
  mode="self-contained-single-file"
  published="$staging/single"
fi

# Smoke check: the binary must start on this machine (outside Lambda it exits 2 with a message).
set +e
smoke="$(env -i "$published/bootstrap" 2>&1)"
smoke_code=$?
set -e
if [[ $smoke_code -ne 2 ]]; then
  echo "publish-lambda: the published bootstrap does not start here (exit $smoke_code): $smoke" >&2
  exit 1
fi

# The deployment package: the executable and any native library beside it, no debug symbols.
rm -rf "$out"
mkdir -p "$out"
find "$published" -maxdepth 1 -type f ! -name '*.pdb' ! -name '*.dbg' -exec cp {} "$out/" \;
chmod +x "$bootstrap"
echo "$mode" >"$mode_file"
touch "$bootstrap"
echo "publish-lambda: published ($mode): $bootstrap ($(du -h "$bootstrap" | cut -f1))"
