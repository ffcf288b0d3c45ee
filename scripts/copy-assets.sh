#!/usr/bin/env bash
# Files the built services read at run time: the customer page and the notice templates.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for dir in apps/ingest-web/public apps/notifier/templates; do
  rm -rf "dist/$dir"
  mkdir -p "dist/$(dirname "$dir")"
  cp -R "$dir" "dist/$dir"
done
