#!/usr/bin/env bash
# Starts a throw-away single-node Apache Kafka 4.x broker (KRaft, combined
# broker+controller, PLAINTEXT on 127.0.0.1) for tests, CI and benchmarks,
# using the jars fetched by fetch.sh -- no Docker, no ZooKeeper.
#
# Waits until the broker really answers metadata requests (max
# PLAINT_KAFKA_START_TIMEOUT s, default 90). Reuses a broker already running
# from the same run dir. Progress goes to stderr; the last (only) stdout line is
#   PLAINT_KAFKA_BROKERS=127.0.0.1:<port>
# so `export "$(scripts/kafka/start.sh)"` works. Stop with stop.sh.
set -euo pipefail
# shellcheck source=scripts/kafka/env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

BROKERS="127.0.0.1:${KAFKA_PORT}"
SERVER_LOG="${KAFKA_LOG_DIR}/server.log"
STDOUT_LOG="${KAFKA_LOG_DIR}/stdout.log"
ADMIN_CONFIG="${KAFKA_RUN_DIR}/admin.properties"
CLUSTER_ID_FILE="${KAFKA_RUN_DIR}/cluster.id"
TOOL_JVM_OPTS=(-Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m)

"${KAFKA_SCRIPT_DIR}/fetch.sh" >/dev/null

"$KAFKA_JAVA" -version >/dev/null 2>&1 || kafka_die "java not found (set JAVA_HOME to a JDK >= 17)"
java_major="$("$KAFKA_JAVA" -XshowSettings:properties -version 2>&1 \
  | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
[[ -n "$java_major" && "$java_major" -ge 17 ]] \
  || kafka_die "Kafka ${KAFKA_VERSION} needs Java >= 17, found '${java_major:-unknown}' at ${KAFKA_JAVA}"

mkdir -p "$KAFKA_RUN_DIR" "$KAFKA_LOG_DIR" "$KAFKA_DATA_DIR"
touch "$KAFKA_RUN_MARKER"

# Serialise concurrent start.sh runs on the same run dir (where flock exists).
if command -v flock >/dev/null 2>&1; then
  exec 9>"${KAFKA_RUN_DIR}/.start.lock"
  flock -w $((KAFKA_START_TIMEOUT + 30)) 9 || kafka_die "timed out waiting for another start.sh on ${KAFKA_RUN_DIR}"
fi

print_log_tails() {
  local f
  for f in "$STDOUT_LOG" "$SERVER_LOG"; do
    if [[ -s "$f" ]]; then
      printf '%s\n' "----- last 40 lines of ${f} -----" >&2
      tail -n 40 "$f" >&2
    fi
  done
}

# Broker answers a real metadata request (ListTopics via the admin client).
broker_serves() {
  local guard=()
  command -v timeout >/dev/null 2>&1 && guard=(timeout 30)
  ${guard[@]+"${guard[@]}"} "$KAFKA_JAVA" "${TOOL_JVM_OPTS[@]}" -cp "${KAFKA_LIB}/*" \
    org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$BROKERS" --command-config "$ADMIN_CONFIG" --list \
    >"${KAFKA_LOG_DIR}/readiness.log" 2>&1
}

wait_until_ready() {
  local pid="$1" deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      print_log_tails
      kafka_die "broker process ${pid} exited during startup (run dir ${KAFKA_RUN_DIR})"
    fi
    if kafka_port_open "$KAFKA_PORT" && broker_serves; then
      return 0
    fi
    sleep 0.5
  done
  print_log_tails
  if [[ -s "${KAFKA_LOG_DIR}/readiness.log" ]]; then
    echo "----- last readiness check (TopicCommand --list) -----" >&2
    tail -n 20 "${KAFKA_LOG_DIR}/readiness.log" >&2
  fi
  kafka_die "broker on ${BROKERS} not ready after ${KAFKA_START_TIMEOUT}s (pid ${pid} left running; stop it with scripts/kafka/stop.sh)"
}

cat >"$ADMIN_CONFIG" <<PROPS
# Written by scripts/kafka/start.sh for its readiness check.
request.timeout.ms=5000
default.api.timeout.ms=10000
PROPS

# --- already running from this run dir? reuse it -------------------------
if pid="$(kafka_running_pid)"; then
  kafka_log "Kafka broker already running from ${KAFKA_RUN_DIR} (pid ${pid}); reusing it"
  wait_until_ready "$pid"
  kafka_log "Kafka ${KAFKA_VERSION} ready on ${BROKERS}"
  printf 'PLAINT_KAFKA_BROKERS=%s\n' "$BROKERS"
  exit 0
fi
rm -f "$KAFKA_PID_FILE"

for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
  if kafka_port_open "$p"; then
    kafka_die "port ${p} on 127.0.0.1 is already in use by another process (set PLAINT_KAFKA_PORT / PLAINT_KAFKA_CONTROLLER_PORT)"
  fi
done

# --- config (rewritten every start, so port/env changes apply) -----------
cat >"$KAFKA_CONFIG" <<PROPS
# Written by scripts/kafka/start.sh -- single-node KRaft broker for tests/CI.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${KAFKA_CONTROLLER_PORT}
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${KAFKA_ADVERTISED_PORT}
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${KAFKA_DATA_DIR}

# Topics: auto-create with 3 partitions, everything single-replica.
auto.create.topics.enable=true
delete.topic.enable=true
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# Groups: no 3 s join delay in tests.
group.initial.rebalance.delay.ms=0

# Small footprint: short retention, small segments, small cleaner buffer.
log.segment.bytes=16777216
log.retention.ms=3600000
log.retention.bytes=268435456
log.retention.check.interval.ms=60000
log.cleaner.dedupe.buffer.size=8388608
num.recovery.threads.per.data.dir=1
PROPS

# --- format storage once (cluster id kept in the run dir) ----------------
if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
  "$KAFKA_JAVA" "${TOOL_JVM_OPTS[@]}" -cp "${KAFKA_LIB}/*" kafka.tools.StorageTool random-uuid \
    | tr -d '[:space:]' >"${CLUSTER_ID_FILE}.tmp"
  [[ -s "${CLUSTER_ID_FILE}.tmp" ]] || kafka_die "StorageTool random-uuid produced no cluster id"
  mv "${CLUSTER_ID_FILE}.tmp" "$CLUSTER_ID_FILE"
fi
cluster_id="$(cat "$CLUSTER_ID_FILE")"
if [[ -f "${KAFKA_DATA_DIR}/meta.properties" ]]; then
  kafka_log "Storage already formatted (cluster ${cluster_id})"
else
  kafka_log "Formatting storage in ${KAFKA_DATA_DIR} (cluster ${cluster_id})"
  "$KAFKA_JAVA" "${TOOL_JVM_OPTS[@]}" -cp "${KAFKA_LIB}/*" kafka.tools.StorageTool format \
    -t "$cluster_id" -c "$KAFKA_CONFIG" --ignore-formatted >"${KAFKA_LOG_DIR}/format.log" 2>&1 \
    || { cat "${KAFKA_LOG_DIR}/format.log" >&2; kafka_die "kafka-storage format failed"; }
fi

# --- launch ---------------------------------------------------------------
kafka_log "Starting Kafka ${KAFKA_VERSION} on ${BROKERS} (controller :${KAFKA_CONTROLLER_PORT}, run dir ${KAFKA_RUN_DIR})"
start_s=$SECONDS
# The bash -c wrapper writes its own pid and then execs java, so the pid file
# holds the JVM's pid even when setsid has to fork. setsid detaches the broker
# from the caller's terminal/process group so Ctrl-C on the caller won't kill it.
# 9>&- keeps the start lock out of the JVM (it must end with this script).
detach=()
command -v setsid >/dev/null 2>&1 && detach=(setsid)
# shellcheck disable=SC2086,SC2016  # heap opts are a flag list; $$ is for the inner bash
nohup ${detach[@]+"${detach[@]}"} bash -c 'echo $$ >"$0"; exec "$@"' "$KAFKA_PID_FILE" \
  "$KAFKA_JAVA" $KAFKA_HEAP_OPTS -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="${KAFKA_SCRIPT_DIR}/log4j2.xml" \
  -Dkafka.logs.dir="$KAFKA_LOG_DIR" \
  -cp "${KAFKA_LIB}/*" kafka.Kafka "$KAFKA_CONFIG" \
  >"$STDOUT_LOG" 2>&1 </dev/null 9>&- &

for _ in $(seq 1 50); do [[ -s "$KAFKA_PID_FILE" ]] && break; sleep 0.1; done
[[ -s "$KAFKA_PID_FILE" ]] || { print_log_tails; kafka_die "broker did not write its pid file"; }
pid="$(cat "$KAFKA_PID_FILE")"

wait_until_ready "$pid"
kafka_log "Kafka ${KAFKA_VERSION} ready on ${BROKERS} (pid ${pid}, $((SECONDS - start_s))s)"
printf 'PLAINT_KAFKA_BROKERS=%s\n' "$BROKERS"
