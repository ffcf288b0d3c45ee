#!/usr/bin/env bash
# What the test suite needs on a fresh machine besides npm packages: Java 17+ and Maven (for the
# Kafka broker's jars), the PostgreSQL client for checks, Debian's Chromium for the browser
# tests, and kubectl (with kustomize) and promtool (Debian's prometheus) for the Kubernetes
# manifest test. Installs what is missing when it can (root with apt), and otherwise says what
# to do; kubectl is not in Debian's archive, so a missing one is only reported.
set -euo pipefail

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)

if ! command -v kubectl >/dev/null 2>&1; then
  echo "missing: kubectl (1.27 or later, with kustomize) — install it from the Kubernetes project's packages" >&2
  exit 1
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "prerequisites present: java, mvn, chromium, promtool, kubectl" >&2
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
