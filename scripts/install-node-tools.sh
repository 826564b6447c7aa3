#!/usr/bin/env bash
# Installs the npm packages the tests need into the project-local, gitignored folder
# .tools/node_modules:
#   s3rver   (S3, for the S3 payload store tests)
#   dynalite (DynamoDB, for the DynamoDB device directory and issuance ledger tests)
#   aws-cdk-lib, cdk-nag, constructs (scripts/cdk-nag.sh: the AwsSolutions checks over the CDK
#            app's synthesized templates; aws-cdk-lib and constructs match the C# app's
#            Amazon.CDK.Lib 2.160.0 / Constructs 10.0.5, cdk-nag 2.36.8 is the newest 2.x that
#            accepts aws-cdk-lib ^2.156)
# Every version is pinned. Idempotent and quick: when all pinned versions are already installed
# it only reads their package.json files and exits without touching npm.
# The tests start and stop the emulators themselves (free loopback port, temp directory or
# memory); this script only makes sure the binaries exist under .tools/node_modules/.bin/.
set -euo pipefail

# name@version pairs; dynalite 4.0.0 is the newest release on npm (3.x/4.x) and the one measured.
pinned_tools=("s3rver@3.7.1" "dynalite@4.0.0" "aws-cdk-lib@2.160.0" "cdk-nag@2.36.8" "constructs@10.0.5")
# The emulators are started through their executables; the CDK libraries are only require()d.
tools_with_bin=("s3rver" "dynalite")

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$repo_root/.tools"

installed_version() {
    local name="$1"
    local package_json="$tools_dir/node_modules/$name/package.json"
    local needs_bin=false
    for with_bin in "${tools_with_bin[@]}"; do
        [[ "$with_bin" == "$name" ]] && needs_bin=true
    done
    if [[ "$needs_bin" == true && ! -x "$tools_dir/node_modules/.bin/$name" ]]; then
        return 0
    fi
    if [[ -f "$package_json" ]]; then
        node -p "require(process.argv[1]).version" "$package_json" 2>/dev/null || true
    fi
}

missing=()
for tool in "${pinned_tools[@]}"; do
    name="${tool%@*}"
    version="${tool##*@}"
    if [[ "$(installed_version "$name")" == "$version" ]]; then
        echo "$name $version already installed in $tools_dir"
    else
        missing+=("$tool")
    fi
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "npm is required to install ${missing[*]} (install Node.js 18 or newer)." >&2
    exit 1
fi

mkdir -p "$tools_dir"
# A package.json of its own keeps npm from walking up into the repository and installing there.
if [[ ! -f "$tools_dir/package.json" ]]; then
    printf '{\n  "name": "secretless-tools",\n  "private": true\n}\n' >"$tools_dir/package.json"
fi

echo "Installing ${missing[*]} into $tools_dir"
# One npm call for everything missing: npm prunes packages absent from package.json, and every
# pin is saved there, so installing one never removes another.
npm install --prefix "$tools_dir" --no-audit --no-fund --loglevel=error --save-exact "${missing[@]}"

for tool in "${missing[@]}"; do
    name="${tool%@*}"
    version="${tool##*@}"
    if [[ "$(installed_version "$name")" != "$version" ]]; then
        echo "$name $version did not install into $tools_dir." >&2
        exit 1
    fi
    echo "$name $version installed in $tools_dir/node_modules/$name"
done
