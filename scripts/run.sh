#!/usr/bin/env bash
# Runs the shop on embedded defaults: SQLite and file storage under ./data, the demo catalogue
# imported on first start. Any setting can be overridden through the environment (see .env.example).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

port="${PORT:-5000}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:$port}"
export ConnectionStrings__Storefront="${ConnectionStrings__Storefront:-Data Source=$root/data/storefront.db}"
export Storage__Root="${Storage__Root:-$root/data/storage}"
export Setup__Recipe="${Setup__Recipe:-$root/recipes/demo.recipe.json}"
export Site__BaseUrl="${Site__BaseUrl:-http://127.0.0.1:$port}"
# Offline payments: the Stripe emulator is mounted inside the shop and signs webhooks like Stripe.
export Stripe__Emulator__Enabled="${Stripe__Emulator__Enabled:-true}"
export Stripe__SecretKey="${Stripe__SecretKey:-sk_test_emulator}"
export Stripe__WebhookSecret="${Stripe__WebhookSecret:-whsec_emulator_local}"
# Without an SMTP host, receipts are written as .eml files to this folder.
export Email__From="${Email__From:-shop@example.com}"
export Email__PickupDirectory="${Email__PickupDirectory:-$root/data/mail}"

dotnet build src/StorefrontHost -c Release --nologo -v quiet
bin="$root/src/StorefrontHost/bin/Release/net10.0"
# Any arguments are a command for the same binary, e.g. ./scripts/run.sh recipe import my.recipe.json
if [ $# -gt 0 ]; then
  exec dotnet "$bin/StorefrontHost.dll" "$@" --contentRoot="$bin"
fi

url="${ASPNETCORE_URLS%%;*}"
cat <<MSG

  Storefront is starting on $url
  Open $url in a browser: the demo catalogue is imported on first start.
  Buy something: payments go to the built-in Stripe emulator (no card needed, press Pay);
  receipts land as .eml files in $Email__PickupDirectory.
  Data lives in $root/data (delete it to start over). Stop with Ctrl+C.
  Admin: sign in at $url/admin. On the first run there is no admin user yet (and no default
  password): open $url/admin/setup, or stop the shop and run
    ./scripts/run.sh admin create --email=you@example.com --password='a long passphrase'

MSG
exec dotnet "$bin/StorefrontHost.dll" serve --contentRoot="$bin"
