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

if pid="$(kafka_running_pid)"; then
  kafka_log "Stopping Kafka broker pid ${pid} (${KAFKA_RUN_DIR})"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    kafka_log "pid ${pid} still alive after 30s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  kafka_log "Stopped"
else
  kafka_log "No Kafka broker running from ${KAFKA_RUN_DIR}"
fi
rm -f "$KAFKA_PID_FILE"

if ((wipe)); then
  if [[ ! -d "$KAFKA_RUN_DIR" ]]; then
    kafka_log "Run dir ${KAFKA_RUN_DIR} does not exist; nothing to wipe"
  elif [[ -f "$KAFKA_RUN_MARKER" ]]; then
    rm -rf -- "$KAFKA_RUN_DIR"
    kafka_log "Wiped ${KAFKA_RUN_DIR}"
  else
    # Never rm -rf a directory start.sh did not create (e.g. a mistyped
    # PLAINT_KAFKA_RUN_DIR pointing at something precious).
    kafka_die "refusing to wipe ${KAFKA_RUN_DIR}: no $(basename "$KAFKA_RUN_MARKER") marker (not created by start.sh)"
  fi
fi
