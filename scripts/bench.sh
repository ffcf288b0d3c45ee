#!/usr/bin/env bash
# `npm run bench`: builds the benchmark and runs bench/pipeline.bench.ts against Kafka (started
# by scripts/with-kafka.sh unless PLAINT_KAFKA_BROKERS names one) and the local PostgreSQL.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm run --silent build
npx nest build bench >/dev/null
bash scripts/with-kafka.sh node dist/bench/pipeline.bench.js
