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

# shellcheck source=scripts/lib/stop-service.sh
source "${GREENMAIL_SCRIPT_DIR}/../lib/stop-service.sh"
pid="$(greenmail_running_pid || true)"
stop_service "plaint-greenmail" "GreenMail" "$pid" "${GREENMAIL_PID_FILE}" "${GREENMAIL_RUN_DIR}" "${GREENMAIL_RUN_MARKER}" "$wipe"
