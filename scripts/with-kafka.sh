#!/usr/bin/env bash
# Runs a command with PLAINT_KAFKA_BROKERS set: the broker it names, or else a local broker from
# scripts/kafka/start.sh. A broker this script started is stopped afterwards; one that was
# already running is left running.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -n "${PLAINT_KAFKA_BROKERS:-}" ]]; then
  echo "using the Kafka broker at ${PLAINT_KAFKA_BROKERS}" >&2
  exec "$@"
fi

port="${PLAINT_KAFKA_PORT:-19092}"
already_running=""
if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then already_running=yes; fi
line="$(bash scripts/kafka/start.sh | tail -n 1)"
export "${line?}"
if [[ -z "$already_running" ]]; then
  trap 'bash scripts/kafka/stop.sh >/dev/null 2>&1 || true' EXIT
fi
status=0
"$@" || status=$?
exit "$status"
