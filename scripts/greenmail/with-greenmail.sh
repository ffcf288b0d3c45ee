#!/usr/bin/env bash
# Runs a command with PLAINT_GREENMAIL=127.0.0.1:<smtp>:<imap> set: the server
# it already names, or else a local GreenMail from scripts/greenmail/start.sh.
# A server this script started is stopped afterwards; one that was already
# running (from the same run dir) is left running. Like scripts/with-kafka.sh,
# the command runs from the repo root.
#
# Usage: scripts/greenmail/with-greenmail.sh <command> [args...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

(($# > 0)) || { echo "usage: scripts/greenmail/with-greenmail.sh <command> [args...]" >&2; exit 2; }

if [[ -n "${PLAINT_GREENMAIL:-}" ]]; then
  echo "using the GreenMail server at ${PLAINT_GREENMAIL}" >&2
  exec "$@"
fi

already_running=""
# Subshell: env.sh sets shell options and helpers we do not want to keep here.
if (source scripts/greenmail/env.sh && greenmail_running_pid >/dev/null); then already_running=yes; fi
line="$(bash scripts/greenmail/start.sh | tail -n 1)"
[[ "$line" == PLAINT_GREENMAIL=* ]] || { echo "scripts/greenmail/start.sh printed no PLAINT_GREENMAIL line" >&2; exit 1; }
export "${line?}"
if [[ -z "$already_running" ]]; then
  trap 'bash scripts/greenmail/stop.sh >/dev/null 2>&1 || true' EXIT
  # Make Ctrl-C / kill run the EXIT trap too (the server itself is detached).
  trap 'exit 130' INT
  trap 'exit 143' TERM
fi
status=0
"$@" || status=$?
exit "$status"
