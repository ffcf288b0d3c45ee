#!/usr/bin/env bash
# Stops the throw-away Kafka broker that start.sh launched from a run dir
# (same PLAINT_* env as start.sh): SIGTERM, wait up to 30 s for a clean
# shutdown, then SIGKILL. Safe to run when nothing is running.
#
# Usage: scripts/kafka/stop.sh [--wipe]
#   --wipe   also delete the run dir (config, data, logs); the jar cache stays.
set -euo pipefail
# shellcheck source=scripts/kafka/env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

wipe=0
for arg in "$@"; do
  case "$arg" in
    --wipe) wipe=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) kafka_die "unknown argument: $arg (usage: stop.sh [--wipe])" ;;
  esac
done

# shellcheck source=scripts/lib/stop-service.sh
source "${KAFKA_SCRIPT_DIR}/../lib/stop-service.sh"
pid="$(kafka_running_pid || true)"
stop_service "plaint-kafka" "Kafka broker" "$pid" "${KAFKA_PID_FILE}" "${KAFKA_RUN_DIR}" "${KAFKA_RUN_MARKER}" "$wipe"
