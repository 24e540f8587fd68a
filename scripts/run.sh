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

dotnet build src/StorefrontHost -c Release --nologo -v quiet
url="${ASPNETCORE_URLS%%;*}"
cat <<MSG

  Storefront is starting on $url
  Open $url in a browser: the demo catalogue is imported on first start.
  Data lives in $root/data (delete it to start over). Stop with Ctrl+C.
  The CMS admin and its sign-in are not part of this build yet.

MSG
cd src/StorefrontHost/bin/Release/net10.0
exec dotnet StorefrontHost.dll serve "$@"
