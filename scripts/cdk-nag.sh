#!/usr/bin/env bash
# Checks the CDK app's CloudFormation templates with cdk-nag's AwsSolutions pack and fails on any
# unsuppressed error. Suppressions live in the C# app (deploy/Secretless.Deploy, NagSuppressions),
# each with its reason, as Metadata.cdk_nag in the templates.
#   scripts/cdk-nag.sh              synthesizes the app offline into a temp folder, then checks it
#   scripts/cdk-nag.sh DIR|FILE...  checks an existing cdk.out folder or templates
# Needs node; installs the pinned aws-cdk-lib, cdk-nag and constructs into .tools/ when missing.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$repo_root/scripts/install-node-tools.sh" >/dev/null

export NODE_PATH="$repo_root/.tools/node_modules"

if (($# > 0)); then
    exec node "$repo_root/deploy/nag/nag.js" "$@"
fi

outdir="$(mktemp -d "${TMPDIR:-/tmp}/secretless-cdk-out.XXXXXX")"
trap 'rm -rf "$outdir"' EXIT
CDK_OUTDIR="$outdir" dotnet run --project "$repo_root/deploy/Secretless.Deploy" >/dev/null
node "$repo_root/deploy/nag/nag.js" "$outdir"
