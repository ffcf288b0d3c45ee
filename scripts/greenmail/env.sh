#!/usr/bin/env bash
# shellcheck disable=SC2034  # the variables below are used by the sourcing scripts
# Shared settings for scripts/greenmail/{fetch,start,stop}.sh, so the three
# agree on the GreenMail version, the jar cache and the run dir of a server.
# Sourced by those scripts; run it directly to print the resolved values.
#
# Knobs (all optional):
#   PLAINT_GREENMAIL_VERSION        GreenMail version fetched from Maven Central (2.1.13)
#   PLAINT_CACHE_DIR                cache root, outside the repo (~/.cache/plaint)
#   PLAINT_GREENMAIL_SMTP_PORT      SMTP port on 127.0.0.1 (3025)
#   PLAINT_GREENMAIL_IMAP_PORT      IMAP port on 127.0.0.1 (3143)
#   PLAINT_GREENMAIL_RUN_DIR        log/pid of one server
#                                   ($PLAINT_CACHE_DIR/greenmail-<version>/run-<smtp>-<imap>)
#   PLAINT_GREENMAIL_START_TIMEOUT  seconds start.sh waits for readiness (60)
#   PLAINT_GREENMAIL_HEAP_OPTS      JVM heap flags (-Xmx256m)
#   JAVA_HOME                       JDK >= 17 to use (else `java` on PATH)
set -euo pipefail

GREENMAIL_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

GREENMAIL_VERSION="${PLAINT_GREENMAIL_VERSION:-2.1.13}"
GREENMAIL_CACHE_ROOT="${PLAINT_CACHE_DIR:-${HOME}/.cache/plaint}"
GREENMAIL_CACHE="${GREENMAIL_CACHE_ROOT}/greenmail-${GREENMAIL_VERSION}"
GREENMAIL_LIB="${GREENMAIL_CACHE}/lib"
GREENMAIL_LIB_MARKER="${GREENMAIL_LIB}/.plaint-fetch-complete"
GREENMAIL_JAR="${GREENMAIL_LIB}/greenmail-standalone-${GREENMAIL_VERSION}.jar"

GREENMAIL_HOST="127.0.0.1"
GREENMAIL_SMTP_PORT="${PLAINT_GREENMAIL_SMTP_PORT:-3025}"
GREENMAIL_IMAP_PORT="${PLAINT_GREENMAIL_IMAP_PORT:-3143}"
GREENMAIL_RUN_DIR="${PLAINT_GREENMAIL_RUN_DIR:-${GREENMAIL_CACHE}/run-${GREENMAIL_SMTP_PORT}-${GREENMAIL_IMAP_PORT}}"
GREENMAIL_RUN_MARKER="${GREENMAIL_RUN_DIR}/.plaint-greenmail-run-dir"
GREENMAIL_PID_FILE="${GREENMAIL_RUN_DIR}/greenmail.pid"
GREENMAIL_LOG="${GREENMAIL_RUN_DIR}/greenmail.log"
GREENMAIL_START_TIMEOUT="${PLAINT_GREENMAIL_START_TIMEOUT:-60}"
GREENMAIL_HEAP_OPTS="${PLAINT_GREENMAIL_HEAP_OPTS:--Xmx256m}"

if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  GREENMAIL_JAVA="${JAVA_HOME}/bin/java"
else
  GREENMAIL_JAVA="java"
fi

# Progress goes to stderr so start.sh's stdout stays machine-readable.
greenmail_log() { printf '[plaint-greenmail] %s\n' "$*" >&2; }
greenmail_die() { printf '[plaint-greenmail] ERROR: %s\n' "$*" >&2; exit 1; }

# True if something accepts TCP connections on 127.0.0.1:$1.
greenmail_port_open() { (exec 3<>"/dev/tcp/${GREENMAIL_HOST}/$1") 2>/dev/null; }

# Prints the pid from the pid file if that process is alive and really is the
# GreenMail server of this run dir (guards against stale files and recycled
# pids): start.sh puts the run dir into the command line as a marker property.
greenmail_running_pid() {
  [[ -f "$GREENMAIL_PID_FILE" ]] || return 1
  local pid args
  pid="$(tr -dc '0-9' <"$GREENMAIL_PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  args="$(ps -o args= -p "$pid" 2>/dev/null || true)"
  [[ "$args" == *"-Dplaint.greenmail.rundir=${GREENMAIL_RUN_DIR} "*greenmail-standalone* ]] || return 1
  printf '%s\n' "$pid"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  for v in GREENMAIL_VERSION GREENMAIL_CACHE GREENMAIL_LIB GREENMAIL_SMTP_PORT GREENMAIL_IMAP_PORT \
           GREENMAIL_RUN_DIR GREENMAIL_START_TIMEOUT GREENMAIL_HEAP_OPTS GREENMAIL_JAVA; do
    printf '%s=%s\n' "$v" "${!v}"
  done
fi
