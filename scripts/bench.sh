#!/usr/bin/env bash
# `npm run bench`: builds the benchmark, brings up Kafka unless PLAINT_KAFKA_BROKERS names one,
# and runs bench/pipeline.bench.ts against the local PostgreSQL.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm run --silent build
npx nest build bench >/dev/null
started=""
if [[ -z "${PLAINT_KAFKA_BROKERS:-}" ]]; then
  line="$(bash scripts/kafka/start.sh | tail -n 1)"
  export "${line?}"
  started=yes
fi
trap '[[ -n "$started" ]] && bash scripts/kafka/stop.sh >/dev/null 2>&1 || true' EXIT
node dist/bench/pipeline.bench.js
