#!/usr/bin/env bash
# `npm run chaos`: builds Plaint and the fault campaign (test/chaos), then runs the full campaign
# (docs/fault-campaign.md) against a Kafka broker, a PostgreSQL cluster and a Redis of its own and
# the GreenMail named by PLAINT_GREENMAIL (started here when unset). Options go to the campaign:
#   npm run chaos -- --messages 2000 --seed 7 --kills 2 --out test-output/chaos
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm run --silent build
npx tsc -p test/chaos/tsconfig.json
bash scripts/greenmail/with-greenmail.sh node dist/chaos/test/chaos/main.js "$@"
