#!/usr/bin/env bash
# Stops the throw-away GreenMail server that start.sh launched from a run dir
# (same PLAINT_* env as start.sh): SIGTERM, wait up to 30 s for a clean
# shutdown, then SIGKILL. Safe to run when nothing is running. All mail is
# in memory, so it is gone afterwards.
#
# Usage: scripts/greenmail/stop.sh [--wipe]
#   --wipe   also delete the run dir (log, pid file); the jar cache stays.
set -euo pipefail
# shellcheck source=scripts/greenmail/env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

wipe=0
for arg in "$@"; do
  case "$arg" in
    --wipe) wipe=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) greenmail_die "unknown argument: $arg (usage: stop.sh [--wipe])" ;;
  esac
done

if pid="$(greenmail_running_pid)"; then
  greenmail_log "Stopping GreenMail pid ${pid} (${GREENMAIL_RUN_DIR})"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    greenmail_log "pid ${pid} still alive after 30s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  greenmail_log "Stopped"
else
  greenmail_log "No GreenMail running from ${GREENMAIL_RUN_DIR}"
fi
rm -f "$GREENMAIL_PID_FILE"

if ((wipe)); then
  if [[ ! -d "$GREENMAIL_RUN_DIR" ]]; then
    greenmail_log "Run dir ${GREENMAIL_RUN_DIR} does not exist; nothing to wipe"
  elif [[ -f "$GREENMAIL_RUN_MARKER" ]]; then
    rm -rf -- "$GREENMAIL_RUN_DIR"
    greenmail_log "Wiped ${GREENMAIL_RUN_DIR}"
  else
    # Never rm -rf a directory start.sh did not create (e.g. a mistyped
    # PLAINT_GREENMAIL_RUN_DIR pointing at something precious).
    greenmail_die "refusing to wipe ${GREENMAIL_RUN_DIR}: no $(basename "$GREENMAIL_RUN_MARKER") marker (not created by start.sh)"
  fi
fi
