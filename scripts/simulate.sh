#!/usr/bin/env bash
# `npm run simulate`: builds the product and the simulation harness (test/simulation), then plays a
# quarter of complaints against the one-process product on a virtual clock (docs/simulation.md).
# Options go through: npm run simulate -- --complaints 500 --from 2027-03-01 --to 2027-04-01.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm run --silent build
npx nest build simulation >/dev/null
node dist/test/simulation/simulate.js "$@"
