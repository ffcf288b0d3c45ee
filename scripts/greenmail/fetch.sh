#!/usr/bin/env bash
# Downloads the GreenMail standalone server (one shaded jar: SMTP + IMAP + POP3
# in a single JVM, mail in memory) from Maven Central into a cache outside the
# repo, so the e-mail tests can run against real SMTP/IMAP without Docker.
# Idempotent: a complete cache is reused.
#
# Usage: scripts/greenmail/fetch.sh          (see env.sh for PLAINT_* knobs)
# Prints the jar path on stdout when done.
set -euo pipefail
# shellcheck source=scripts/greenmail/env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

if [[ -f "$GREENMAIL_LIB_MARKER" ]]; then
  greenmail_log "GreenMail ${GREENMAIL_VERSION} already fetched: ${GREENMAIL_LIB}"
  printf '%s\n' "$GREENMAIL_JAR"
  exit 0
fi

command -v mvn >/dev/null 2>&1 || greenmail_die "mvn not found on PATH (needed to fetch GreenMail from Maven Central)"

mkdir -p "$GREENMAIL_CACHE"
# Download into a private temp dir and move it into place at the end, so an
# interrupted or concurrent fetch never leaves a half-filled lib dir behind.
tmp="$(mktemp -d "${GREENMAIL_CACHE}/lib.tmp.XXXXXX")"
chmod 755 "$tmp"   # mktemp makes it 0700; the cache may be shared
trap 'rm -rf "$tmp" "${tmp}.mvn.log"' EXIT

greenmail_log "Fetching GreenMail ${GREENMAIL_VERSION} (greenmail-standalone) from Maven Central ..."
start_s=$SECONDS
if ! mvn -B -q -f "${GREENMAIL_SCRIPT_DIR}/pom.xml" \
      -Dgreenmail.version="$GREENMAIL_VERSION" \
      dependency:copy-dependencies \
      -DoutputDirectory="$tmp" -DincludeScope=runtime >"${tmp}.mvn.log" 2>&1; then
  cat "${tmp}.mvn.log" >&2
  rm -f "${tmp}.mvn.log"
  greenmail_die "maven could not fetch GreenMail ${GREENMAIL_VERSION} (does that version exist on Maven Central?)"
fi
rm -f "${tmp}.mvn.log"

[[ -f "${tmp}/$(basename "$GREENMAIL_JAR")" ]] \
  || greenmail_die "$(basename "$GREENMAIL_JAR") missing after fetch"
count="$(find "$tmp" -maxdepth 1 -name '*.jar' | wc -l | tr -d ' ')"
printf 'greenmail.version=%s\njars=%s\nfetched=%s\n' \
  "$GREENMAIL_VERSION" "$count" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"${tmp}/$(basename "$GREENMAIL_LIB_MARKER")"

if [[ -f "$GREENMAIL_LIB_MARKER" ]]; then
  greenmail_log "another fetch finished first; keeping ${GREENMAIL_LIB}"
else
  rm -rf "$GREENMAIL_LIB"          # incomplete leftovers (no marker)
  mv "$tmp" "$GREENMAIL_LIB"
fi
greenmail_log "Fetched ${count} jar(s) in $((SECONDS - start_s))s -> ${GREENMAIL_LIB}"
printf '%s\n' "$GREENMAIL_JAR"
