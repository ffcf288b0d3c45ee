#!/usr/bin/env bash
# shellcheck disable=SC2034  # the variables below are used by the sourcing scripts
# Shared settings for scripts/kafka/{fetch,start,stop}.sh, so the three agree
# on the Kafka version, the jar cache and the run dir of a given broker.
# Sourced by those scripts; run it directly to print the resolved values.
#
# Knobs (all optional):
#   PLAINT_KAFKA_VERSION          Kafka version fetched from Maven Central (4.4.0)
#   PLAINT_CACHE_DIR              cache root, outside the repo (~/.cache/plaint)
#   PLAINT_KAFKA_PORT             PLAINTEXT listener port on 127.0.0.1 (19092)
#   PLAINT_KAFKA_CONTROLLER_PORT  KRaft controller port on 127.0.0.1 (19093)
#   PLAINT_KAFKA_ADVERTISED_PORT  port the broker tells clients to use (its own port); a test
#                                 puts a proxy there to cut connections
#   PLAINT_KAFKA_RUN_DIR          config/data/logs/pid of one broker
#                                 ($PLAINT_CACHE_DIR/kafka-<version>/run-<port>)
#   PLAINT_KAFKA_START_TIMEOUT    seconds start.sh waits for readiness (90)
#   PLAINT_KAFKA_HEAP_OPTS        broker heap flags (-Xms128m -Xmx512m)
#   JAVA_HOME                     JDK >= 17 to use (else `java` on PATH)
set -euo pipefail

KAFKA_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

KAFKA_VERSION="${PLAINT_KAFKA_VERSION:-4.4.0}"
KAFKA_CACHE_ROOT="${PLAINT_CACHE_DIR:-${HOME}/.cache/plaint}"
KAFKA_CACHE="${KAFKA_CACHE_ROOT}/kafka-${KAFKA_VERSION}"
KAFKA_LIB="${KAFKA_CACHE}/lib"
KAFKA_LIB_MARKER="${KAFKA_LIB}/.plaint-fetch-complete"

KAFKA_PORT="${PLAINT_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${PLAINT_KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_ADVERTISED_PORT="${PLAINT_KAFKA_ADVERTISED_PORT:-${KAFKA_PORT}}"
KAFKA_RUN_DIR="${PLAINT_KAFKA_RUN_DIR:-${KAFKA_CACHE}/run-${KAFKA_PORT}}"
KAFKA_RUN_MARKER="${KAFKA_RUN_DIR}/.plaint-kafka-run-dir"
KAFKA_PID_FILE="${KAFKA_RUN_DIR}/kafka.pid"
KAFKA_CONFIG="${KAFKA_RUN_DIR}/server.properties"
KAFKA_LOG_DIR="${KAFKA_RUN_DIR}/logs"
KAFKA_DATA_DIR="${KAFKA_RUN_DIR}/data"
KAFKA_START_TIMEOUT="${PLAINT_KAFKA_START_TIMEOUT:-90}"
KAFKA_HEAP_OPTS="${PLAINT_KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"

if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  KAFKA_JAVA="${JAVA_HOME}/bin/java"
else
  KAFKA_JAVA="java"
fi

# Progress goes to stderr so start.sh's stdout stays machine-readable.
kafka_log() { printf '[plaint-kafka] %s\n' "$*" >&2; }
kafka_die() { printf '[plaint-kafka] ERROR: %s\n' "$*" >&2; exit 1; }

# True if something accepts TCP connections on 127.0.0.1:$1.
kafka_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the pid from the pid file if that process is alive and really is the
# broker of this run dir (guards against stale files and recycled pids).
kafka_running_pid() {
  [[ -f "$KAFKA_PID_FILE" ]] || return 1
  local pid args
  pid="$(tr -dc '0-9' <"$KAFKA_PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  args="$(ps -o args= -p "$pid" 2>/dev/null || true)"
  [[ "$args" == *kafka.Kafka*"$KAFKA_CONFIG"* ]] || return 1
  printf '%s\n' "$pid"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  for v in KAFKA_VERSION KAFKA_CACHE KAFKA_LIB KAFKA_PORT KAFKA_CONTROLLER_PORT \
           KAFKA_RUN_DIR KAFKA_START_TIMEOUT KAFKA_HEAP_OPTS KAFKA_JAVA; do
    printf '%s=%s\n' "$v" "${!v}"
  done
fi
