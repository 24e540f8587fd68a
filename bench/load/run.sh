#!/usr/bin/env bash
# Load benchmark, one command: publishes the shop (or reuses artifacts/publish when it is newer than every source),
# then runs bench/load/load.mjs, which writes bench/results/load.md and load.json.
# Needs: wrk, nginx, qpdf, poppler-utils (apt), Node 20, the .NET 10 SDK.
# SMOKE=1: tiny durations and one round into a temporary results file; exits non-zero if any step failed.
# DURATION, ROUNDS, SETTLE_SECONDS, COLD_STARTS and RESULTS override the defaults (10 s, 5, 60 s, 5, bench/results/load.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
publish="${PUBLISH_DIR:-$repo/artifacts/publish}"

for tool in wrk /usr/sbin/nginx qpdf pdftotext node dotnet; do
  command -v "$tool" >/dev/null || { echo "bench/load needs $tool (apt: wrk nginx qpdf poppler-utils; Node 20; the .NET 10 SDK)" >&2; exit 2; }
done

# The published binary is current when nothing under src/ or the build files changed since it was written.
binary="$publish/StorefrontHost"
if [ ! -x "$binary" ] || [ -n "$(find "$repo/src" "$repo/Directory.Build.props" "$repo/Directory.Packages.props" \
    -newer "$binary" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]; then
  echo "Publishing the shop to $publish"
  dotnet publish "$repo/src/StorefrontHost" -c Release --use-current-runtime -o "$publish" --nologo -v quiet
  touch "$binary"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/load-bench.XXXXXX")"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
if [ "${SMOKE:-0}" = 1 ]; then
  results="${RESULTS:-$work/results/load.md}"
else
  results="${RESULTS:-$repo/bench/results/load.md}"
fi
mkdir -p "$(dirname "$results")"

status=0
PUBLISH_DIR="$publish" WORK_DIR="$work" RESULTS="$results" node "$here/load.mjs" || status=$?
if [ "$status" -ne 0 ] && [ -f "$work/shop.log" ]; then
  echo "--- the shop's log (last 60 lines) ---" >&2
  tail -n 60 "$work/shop.log" >&2
fi
[ -f "$results" ] && cat "$results"
exit "$status"
