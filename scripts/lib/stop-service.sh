#!/usr/bin/env bash
# Shared by scripts/kafka/stop.sh and scripts/greenmail/stop.sh: stops a JVM service that a
# start.sh launched from a run dir, and optionally wipes that run dir.
#
# stop_service TAG NAME PID PID_FILE RUN_DIR RUN_MARKER WIPE
#   TAG       log prefix, e.g. plaint-kafka
#   PID       the running pid, or empty when nothing runs
#   WIPE      1 to delete RUN_DIR afterwards (only when RUN_MARKER shows start.sh made it)

stop_service() {
  local tag="$1" name="$2" pid="$3" pid_file="$4" run_dir="$5" marker="$6" wipe="$7"
  # A nested function: local to this call in intent, global in bash; named to avoid clashes.
  stop_service_say() { printf '[%s] %s\n' "$tag" "$*" >&2; }

  if [[ -n "$pid" ]]; then
    stop_service_say "Stopping ${name} pid ${pid} (${run_dir})"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      stop_service_say "pid ${pid} still alive after 30s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
    stop_service_say "Stopped"
  else
    stop_service_say "No ${name} running from ${run_dir}"
  fi
  rm -f "$pid_file"

  if ((wipe)); then
    if [[ ! -d "$run_dir" ]]; then
      stop_service_say "Run dir ${run_dir} does not exist; nothing to wipe"
    elif [[ -f "$marker" ]]; then
      rm -rf -- "$run_dir"
      stop_service_say "Wiped ${run_dir}"
    else
      # Never rm -rf a directory start.sh did not create (e.g. a mistyped run dir variable
      # pointing at something precious).
      stop_service_say "refusing to wipe ${run_dir}: no $(basename "$marker") marker (not created by start.sh)"
      return 1
    fi
  fi
}
