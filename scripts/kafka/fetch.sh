#!/usr/bin/env bash
# Downloads a real Apache Kafka broker (jars only) from Maven Central into a
# cache outside the repo, so tests/CI/benchmarks can run a genuine KRaft broker
# without Docker or a Kafka tarball. Idempotent: a complete cache is reused.
#
# Usage: scripts/kafka/fetch.sh          (see env.sh for PLAINT_* knobs)
# Prints the lib dir on stdout when done.
set -euo pipefail
# shellcheck source=scripts/kafka/env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

if [[ -f "$KAFKA_LIB_MARKER" ]]; then
  kafka_log "Kafka ${KAFKA_VERSION} already fetched: ${KAFKA_LIB}"
  printf '%s\n' "$KAFKA_LIB"
  exit 0
fi

command -v mvn >/dev/null 2>&1 || kafka_die "mvn not found on PATH (needed to fetch Kafka from Maven Central)"

mkdir -p "$KAFKA_CACHE"
# Download into a private temp dir and move it into place at the end, so an
# interrupted or concurrent fetch never leaves a half-filled lib dir behind.
tmp="$(mktemp -d "${KAFKA_CACHE}/lib.tmp.XXXXXX")"
chmod 755 "$tmp"   # mktemp makes it 0700; the cache may be shared
trap 'rm -rf "$tmp" "${tmp}.mvn.log"' EXIT

kafka_log "Fetching Kafka ${KAFKA_VERSION} (kafka_2.13 + log4j2) from Maven Central ..."
start_s=$SECONDS
if ! mvn -B -q -f "${KAFKA_SCRIPT_DIR}/pom.xml" \
      -Dkafka.version="$KAFKA_VERSION" \
      dependency:copy-dependencies \
      -DoutputDirectory="$tmp" -DincludeScope=runtime >"${tmp}.mvn.log" 2>&1; then
  cat "${tmp}.mvn.log" >&2
  rm -f "${tmp}.mvn.log"
  kafka_die "maven could not fetch Kafka ${KAFKA_VERSION} (does that version exist on Maven Central?)"
fi
rm -f "${tmp}.mvn.log"

[[ -f "${tmp}/kafka_2.13-${KAFKA_VERSION}.jar" ]] \
  || kafka_die "kafka_2.13-${KAFKA_VERSION}.jar missing after fetch"
count="$(find "$tmp" -maxdepth 1 -name '*.jar' | wc -l | tr -d ' ')"
printf 'kafka.version=%s\njars=%s\nfetched=%s\n' \
  "$KAFKA_VERSION" "$count" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"${tmp}/$(basename "$KAFKA_LIB_MARKER")"

if [[ -f "$KAFKA_LIB_MARKER" ]]; then
  kafka_log "another fetch finished first; keeping ${KAFKA_LIB}"
else
  rm -rf "$KAFKA_LIB"          # incomplete leftovers (no marker)
  mv "$tmp" "$KAFKA_LIB"
fi
kafka_log "Fetched ${count} jars in $((SECONDS - start_s))s -> ${KAFKA_LIB}"
printf '%s\n' "$KAFKA_LIB"
