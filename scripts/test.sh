#!/usr/bin/env bash
# Runs every test project against real peers. On a fresh machine it first installs what the tests
# talk to: Chromium and Xvfb (a display for its print dialog), poppler and qpdf (PDF checks), PostgreSQL (throwaway clusters), fonts, and the
# npm peers in tests/peers (an S3-compatible server). Ends with the line "N passed, N failed".
# Fails the run if any process the tests started is still running afterwards (it lists and stops them).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=(chromium poppler-utils qpdf libqpdf29 ghostscript libimage-exiftool-perl fonts-dejavu-core fonts-droid-fallback fonts-lohit-deva fonts-lohit-beng-bengali fonts-tlwg-loma-ttf fonts-nanum libfontconfig1 postgresql nginx wrk curl xvfb)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "Installing test peers (npm ci in tests/peers)"
(cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# The tests' temporary folders (and so their servers' data, sockets and environment) live under one folder of
# this run, so what a killed or crashed test host left running can be told apart from other runs on the machine.
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/storefront-suite.XXXXXX")
chmod 755 "$run_dir" # PostgreSQL's throwaway clusters run as the postgres user
leftovers() {
  local proc
  for proc in /proc/[0-9]*; do
    [ "${proc#/proc/}" != "$$" ] || continue
    if grep -qsaF "$run_dir" "$proc/cmdline" "$proc/environ"; then echo "${proc#/proc/}"; fi
  done
}
# Gives processes on their way out a moment, then prints and kills what is left; fails if anything was.
sweep() {
  local pids waited=0
  pids=$(leftovers)
  while [ -n "$pids" ] && [ $waited -lt 10 ]; do sleep 1; waited=$((waited + 1)); pids=$(leftovers); done
  [ -n "$pids" ] || return 0
  echo "Left running by the tests (now killed):"
  for pid in $pids; do
    echo "  $pid $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-200)"
  done
  # shellcheck disable=SC2086 # one pid per word
  kill -KILL $pids 2>/dev/null || true
  return 1
}
trap 'sweep || true; rm -rf "$run_dir"' EXIT

status=0
dotnet build Storefront.slnx -c Release --nologo -v quiet || exit 1
# The published shop, as an operator runs it: the multi-instance tests and the benchmark smoke start this binary.
rm -rf artifacts/publish
dotnet publish src/StorefrontHost -c Release --use-current-runtime --nologo -v quiet -o artifacts/publish || exit 1
# The largest project runs in slices, each in a test host of its own: the hundreds of shops its tests start add up,
# in one process, to more memory than a 24 GiB machine has. Tests that judge memory by the process's heap get a
# host to themselves, where nothing another test left running can allocate beside them. The last slice is
# everything the others leave out.
slices() {
  case "$1" in
    Storefront.Tests)
      echo "Heap=Measured"
      local rest="Heap!=Measured"
      for area in Browser Payments "Catalog|Media|Templates"; do
        local any="" not=""
        for name in ${area//|/ }; do
          any="${any:+$any|}FullyQualifiedName~Storefront.Tests.$name."
          not="${not:+$not&}FullyQualifiedName!~Storefront.Tests.$name."
        done
        echo "($any)&Heap!=Measured"
        rest="$rest&$not"
      done
      echo "$rest" ;;
    *) echo "" ;;
  esac
}
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  slice=0
  while IFS= read -r filter; do
    slice=$((slice + 1))
    trx="$name.trx"
    [ -z "$filter" ] || trx="$name.$slice.trx"
    echo "== $name${filter:+ ($filter)}"
    # No reused build nodes: they would outlive the run carrying its folder in their environment. A finished test
    # host gets 10 s instead of vstest's 100 ms to stop its servers before it is killed.
    TMPDIR="$run_dir" MSBUILDDISABLENODEREUSE=1 VSTEST_TESTHOST_SHUTDOWN_TIMEOUT=10000 dotnet test "$project" -c Release --no-build --nologo \
      ${filter:+--filter "$filter"} --logger "trx;LogFileName=$trx" --results-directory "$results" || status=1
  done < <(slices "$name")
done

if ! sweep; then
  echo "The tests left processes running."
  status=1
fi

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

echo "$passed passed, $failed failed"
if [ "$passed" -eq 0 ] || [ "$failed" -ne 0 ]; then
  status=1
fi
exit $status
