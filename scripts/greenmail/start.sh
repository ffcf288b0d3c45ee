#!/usr/bin/env bash
# Starts a throw-away GreenMail server (real SMTP + IMAP in one JVM, mail kept
# in memory only) on 127.0.0.1 for the e-mail tests, using the jar fetched by
# fetch.sh -- no Docker, no real mail host.
#
#   SMTP  127.0.0.1:${PLAINT_GREENMAIL_SMTP_PORT:-3025}
#   IMAP  127.0.0.1:${PLAINT_GREENMAIL_IMAP_PORT:-3143}
#
# Authentication is disabled: any password is accepted and a mailbox is made on
# demand, both for a recipient of incoming mail and for an IMAP login (log in
# with the full address, e.g. care@plaint.test, to see that address's mail).
# Because everything is in memory, a stop + start empties every mailbox and
# gives new UIDVALIDITY values; tests rely on that.
#
# Waits until both ports accept connections and the IMAP server sends its
# `* OK` greeting (SMTP its `220`), max PLAINT_GREENMAIL_START_TIMEOUT s
# (default 60). Reuses a server already running from the same run dir.
# Progress goes to stderr; the last (only) stdout line is
#   PLAINT_GREENMAIL=127.0.0.1:<smtp-port>:<imap-port>
# so `export "$(scripts/greenmail/start.sh | tail -1)"` works. Stop with stop.sh.
set -euo pipefail
# shellcheck source=scripts/greenmail/env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

ENV_LINE="PLAINT_GREENMAIL=${GREENMAIL_HOST}:${GREENMAIL_SMTP_PORT}:${GREENMAIL_IMAP_PORT}"

"${GREENMAIL_SCRIPT_DIR}/fetch.sh" >/dev/null

"$GREENMAIL_JAVA" -version >/dev/null 2>&1 || greenmail_die "java not found (set JAVA_HOME to a JDK, 17 is what the project uses)"
[[ "$GREENMAIL_SMTP_PORT" != "$GREENMAIL_IMAP_PORT" ]] \
  || greenmail_die "PLAINT_GREENMAIL_SMTP_PORT and PLAINT_GREENMAIL_IMAP_PORT must differ (both ${GREENMAIL_SMTP_PORT})"

mkdir -p "$GREENMAIL_RUN_DIR"
touch "$GREENMAIL_RUN_MARKER"

# Serialise concurrent start.sh runs on the same run dir (where flock exists).
if command -v flock >/dev/null 2>&1; then
  exec 9>"${GREENMAIL_RUN_DIR}/.start.lock"
  flock -w $((GREENMAIL_START_TIMEOUT + 30)) 9 \
    || greenmail_die "timed out waiting for another start.sh on ${GREENMAIL_RUN_DIR}"
fi

print_log_tail() {
  if [[ -s "$GREENMAIL_LOG" ]]; then
    printf '%s\n' "----- last 40 lines of ${GREENMAIL_LOG} -----" >&2
    tail -n 40 "$GREENMAIL_LOG" >&2
  fi
}

# Connects to 127.0.0.1:$1, reads the greeting line (up to 5 s), checks that it
# starts with $2, then says goodbye with $3 so the server logs no aborted
# session. A listening socket alone is not enough: the greeting proves the
# protocol handler is really serving.
greets() {
  local port="$1" expect="$2" bye="$3"
  (
    exec 3<>"/dev/tcp/${GREENMAIL_HOST}/${port}" || exit 1
    IFS= read -r -t 5 line <&3 || exit 1
    printf '%s\r\n' "$bye" >&3 2>/dev/null || true
    read -r -t 2 _ <&3 2>/dev/null || true
    exec 3>&-
    [[ "$line" == "$expect"* ]]
  ) 2>/dev/null
}

server_serves() {
  greenmail_port_open "$GREENMAIL_SMTP_PORT" && greenmail_port_open "$GREENMAIL_IMAP_PORT" \
    && greets "$GREENMAIL_IMAP_PORT" '* OK' 'r1 LOGOUT' \
    && greets "$GREENMAIL_SMTP_PORT" '220' 'QUIT'
}

wait_until_ready() {
  local pid="$1" deadline=$((SECONDS + GREENMAIL_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      print_log_tail
      greenmail_die "GreenMail process ${pid} exited during startup (run dir ${GREENMAIL_RUN_DIR})"
    fi
    server_serves && return 0
    sleep 0.2
  done
  print_log_tail
  greenmail_die "GreenMail (SMTP :${GREENMAIL_SMTP_PORT}, IMAP :${GREENMAIL_IMAP_PORT}) not ready after ${GREENMAIL_START_TIMEOUT}s (pid ${pid} left running; stop it with scripts/greenmail/stop.sh)"
}

# --- already running from this run dir? reuse it (mailboxes are kept) -----
if pid="$(greenmail_running_pid)"; then
  greenmail_log "GreenMail already running from ${GREENMAIL_RUN_DIR} (pid ${pid}); reusing it"
  wait_until_ready "$pid"
  greenmail_log "GreenMail ${GREENMAIL_VERSION} ready: SMTP ${GREENMAIL_HOST}:${GREENMAIL_SMTP_PORT}, IMAP ${GREENMAIL_HOST}:${GREENMAIL_IMAP_PORT}"
  printf '%s\n' "$ENV_LINE"
  exit 0
fi
rm -f "$GREENMAIL_PID_FILE"

for p in "$GREENMAIL_SMTP_PORT" "$GREENMAIL_IMAP_PORT"; do
  if greenmail_port_open "$p"; then
    greenmail_die "port ${p} on ${GREENMAIL_HOST} is already in use by another process (set PLAINT_GREENMAIL_SMTP_PORT / PLAINT_GREENMAIL_IMAP_PORT)"
  fi
done

# --- launch ---------------------------------------------------------------
greenmail_log "Starting GreenMail ${GREENMAIL_VERSION}: SMTP ${GREENMAIL_HOST}:${GREENMAIL_SMTP_PORT}, IMAP ${GREENMAIL_HOST}:${GREENMAIL_IMAP_PORT} (run dir ${GREENMAIL_RUN_DIR})"
start_s=$SECONDS
# Only SMTP and IMAP are configured, so no POP3/SSL listeners and no REST API
# server (GreenMail enables that only with greenmail.api.*). users.login=email
# makes any -Dgreenmail.users preset log in by full address; on-demand users
# (auth disabled) already use the address they were created with.
# -Dplaint.greenmail.rundir is inert for GreenMail; env.sh's
# greenmail_running_pid matches on it to recognise this run dir's JVM.
#
# The bash -c wrapper writes its own pid and then execs java, so the pid file
# holds the JVM's pid even when setsid has to fork. setsid detaches the server
# from the caller's terminal/process group so Ctrl-C on the caller won't kill
# it. 9>&- keeps the start lock out of the JVM (it must end with this script).
detach=()
command -v setsid >/dev/null 2>&1 && detach=(setsid)
# shellcheck disable=SC2086,SC2016  # heap opts are a flag list; $$ is for the inner bash
nohup ${detach[@]+"${detach[@]}"} bash -c 'echo $$ >"$0"; exec "$@"' "$GREENMAIL_PID_FILE" \
  "$GREENMAIL_JAVA" $GREENMAIL_HEAP_OPTS -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError \
  -Djava.awt.headless=true -Djava.net.preferIPv4Stack=true \
  -Dplaint.greenmail.rundir="$GREENMAIL_RUN_DIR" \
  -Dgreenmail.smtp.hostname="$GREENMAIL_HOST" -Dgreenmail.smtp.port="$GREENMAIL_SMTP_PORT" \
  -Dgreenmail.imap.hostname="$GREENMAIL_HOST" -Dgreenmail.imap.port="$GREENMAIL_IMAP_PORT" \
  -Dgreenmail.auth.disabled -Dgreenmail.users.login=email \
  -Dgreenmail.startup.timeout=$((GREENMAIL_START_TIMEOUT * 1000)) \
  -jar "$GREENMAIL_JAR" \
  >"$GREENMAIL_LOG" 2>&1 </dev/null 9>&- &

for _ in $(seq 1 50); do [[ -s "$GREENMAIL_PID_FILE" ]] && break; sleep 0.1; done
[[ -s "$GREENMAIL_PID_FILE" ]] || { print_log_tail; greenmail_die "GreenMail did not write its pid file"; }
pid="$(cat "$GREENMAIL_PID_FILE")"

wait_until_ready "$pid"
greenmail_log "GreenMail ${GREENMAIL_VERSION} ready: SMTP ${GREENMAIL_HOST}:${GREENMAIL_SMTP_PORT}, IMAP ${GREENMAIL_HOST}:${GREENMAIL_IMAP_PORT} (pid ${pid}, $((SECONDS - start_s))s)"
printf '%s\n' "$ENV_LINE"
