#!/usr/bin/env bash
# Installs s3rver (a local S3 emulator, npm) into the project-local, gitignored folder
# .tools/node_modules so the S3 payload store tests can start it as a child process.
# Idempotent: does nothing when the pinned version is already installed.
# The tests start and stop s3rver themselves (free loopback port, temp directory); this script
# only makes sure the binary exists at .tools/node_modules/.bin/s3rver.
set -euo pipefail

s3rver_version="3.7.1"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$repo_root/.tools"
s3rver_bin="$tools_dir/node_modules/.bin/s3rver"
s3rver_package_json="$tools_dir/node_modules/s3rver/package.json"

installed_version() {
    if [[ -x "$s3rver_bin" && -f "$s3rver_package_json" ]]; then
        node -p "require(process.argv[1]).version" "$s3rver_package_json" 2>/dev/null || true
    fi
}

if [[ "$(installed_version)" == "$s3rver_version" ]]; then
    echo "s3rver $s3rver_version already installed in $tools_dir"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "npm is required to install s3rver (install Node.js 18 or newer)." >&2
    exit 1
fi

mkdir -p "$tools_dir"
# A package.json of its own keeps npm from walking up into the repository and installing there.
if [[ ! -f "$tools_dir/package.json" ]]; then
    printf '{\n  "name": "secretless-tools",\n  "private": true\n}\n' >"$tools_dir/package.json"
fi

echo "Installing s3rver $s3rver_version into $tools_dir"
npm install --prefix "$tools_dir" --no-audit --no-fund --loglevel=error --save-exact "s3rver@$s3rver_version"

if [[ "$(installed_version)" != "$s3rver_version" ]]; then
    echo "s3rver $s3rver_version did not install into $tools_dir." >&2
    exit 1
fi
echo "s3rver $s3rver_version installed: $s3rver_bin"
