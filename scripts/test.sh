#!/usr/bin/env bash
# The whole test suite, as a newcomer and CI run it (`npm test`): type check, lint, build, then
# every Jest tier against real parts: a Kafka 4.x broker and a GreenMail SMTP+IMAP server (each
# started here unless PLAINT_KAFKA_BROKERS / PLAINT_GREENMAIL name one), the local PostgreSQL,
# Redis and headless Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '\n== %s\n' "$*" >&2; }

say "machine prerequisites"
bash scripts/install-test-prerequisites.sh

say "type check and lint"
npm run --silent typecheck
npm run --silent lint

say "build (integration tests run the built service as child processes)"
npm run --silent build

export PLAINT_TEST_POSTGRES_URL="${PLAINT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export PLAINT_TEST_REDIS_URL="${PLAINT_TEST_REDIS_URL:-redis://127.0.0.1:6379}"

say "schemas for the Kubernetes manifest test (Strimzi's CRDs, fetched once into a cache)"
bash scripts/k8s/fetch-schemas.sh >/dev/null

say "jest: unit, integration and browser tests"
results="$(mktemp -t plaint-jest-XXXXXX.json)"
status=0
bash scripts/greenmail/with-greenmail.sh bash scripts/with-kafka.sh npx jest --ci --maxWorkers=2 --json --outputFile="$results" "$@" || status=$?
# One plain closing line, whatever reads the log.
node -e '
  const r = require(process.argv[1]);
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed, ${r.numPendingTests} skipped`);
' "$results" || true
rm -f "$results"
exit "$status"
