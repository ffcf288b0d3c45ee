#!/usr/bin/env bash
# `npm run bench`: builds the benchmarks and runs bench/pipeline.bench.ts (Kafka → core →
# Postgres, beside a raw and a same-work baseline), bench/chat.bench.ts (chat message →
# acknowledgement on the socket), bench/telegram.bench.ts (webhook update → complaint, beside a raw
# handler that only produces to Kafka) and bench/email.bench.ts (mailbox → complaints) against Kafka
# and GreenMail (started here unless PLAINT_KAFKA_BROKERS / PLAINT_GREENMAIL name them) and the
# local PostgreSQL.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm run --silent build
npx nest build bench >/dev/null
bash scripts/with-kafka.sh node dist/bench/pipeline.bench.js
bash scripts/with-kafka.sh node dist/bench/chat.bench.js
bash scripts/with-kafka.sh node dist/bench/telegram.bench.js
bash scripts/greenmail/with-greenmail.sh bash scripts/with-kafka.sh node dist/bench/email.bench.js
