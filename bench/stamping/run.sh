#!/usr/bin/env bash
# Stamping benchmark, one command: builds, generates the inputs, runs the in-process engine, the qpdf CLI
# overlay and pdf-lib on the same inputs, and writes bench/results/stamping.md.
# Then stamps a Latin name against shaped names in every script (bench/results/stamping-shaping.md).
# Needs: qpdf libqpdf29 (apt), node + npm, /usr/bin/time (apt: time), and for the shaped names the stamp fonts
# (fonts-lohit-deva fonts-lohit-beng-bengali fonts-tlwg-loma-ttf fonts-droid-fallback fonts-nanum).
# Then prints tagged books with headless Chromium (apt: chromium, poppler-utils for checks), repacks them with qpdf
# and stamps them too (bench/results/stamping-books.md).
# RUNS=N overrides the pass count; SHAPING_ONLY=1 runs only the shaped-names step; BOOKS_ONLY=1 only the books.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
runs="${RUNS:-15}"
# Inputs and outputs live in memory (/dev/shm) so disk speed does not blur the comparison.
scratch=/dev/shm; [ -d "$scratch" ] || scratch="${TMPDIR:-/tmp}"
work="$(mktemp -d "$scratch/stamping-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

dotnet build "$here/Storefront.Bench.Stamping.csproj" -c Release -o "$work/bin" --nologo -v quiet
mkdir -p "$repo/bench/results"
if [ "${SHAPING_ONLY:-0}" = 1 ]; then
  dotnet "$work/bin/Storefront.Bench.Stamping.dll" shaping "$repo/bench/results/stamping-shaping.md" "$runs"
  exit 0
fi
(cd "$here" && npm ci --no-audit --no-fund --silent)
cp "$here/pdflib-stamp.mjs" "$work/bin/"
ln -s "$here/node_modules" "$work/bin/node_modules"
mkdir -p "$work/inputs" "$work/out" "$repo/bench/results"
dotnet "$work/bin/Storefront.Bench.Stamping.dll" generate "$work/inputs"
dotnet "$work/bin/Storefront.Bench.Stamping.dll" books "$work/inputs" "$repo"
dotnet "$work/bin/Storefront.Bench.Stamping.dll" run-books "$work/inputs" "$work/out" "$repo/bench/results/stamping-books.md" "$runs"
cat "$repo/bench/results/stamping-books.md"
[ "${BOOKS_ONLY:-0}" = 1 ] && exit 0
dotnet "$work/bin/Storefront.Bench.Stamping.dll" run "$work/inputs" "$repo/../shared/fixtures/pdfs" "$work/out" "$repo/bench/results/stamping.md" "$runs"
cat "$repo/bench/results/stamping.md"
dotnet "$work/bin/Storefront.Bench.Stamping.dll" shaping "$repo/bench/results/stamping-shaping.md" "$runs"
