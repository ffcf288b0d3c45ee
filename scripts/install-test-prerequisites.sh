#!/usr/bin/env bash
# What the test suite needs on a fresh machine besides npm packages: Java 17+ and Maven (for the
# Kafka broker's jars), the PostgreSQL client for checks, Debian's Chromium for the browser
# tests, and buildah and debootstrap to build and boot the container image without a Docker
# engine. Installs what is missing when it can (root with apt), and otherwise says what to do.
set -euo pipefail

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v buildah >/dev/null 2>&1 || missing+=(buildah)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "prerequisites present: java, mvn, chromium, buildah, debootstrap" >&2
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  echo "missing: ${missing[*]} — install them (Debian: apt-get install ${missing[*]})" >&2
  exit 1
fi
