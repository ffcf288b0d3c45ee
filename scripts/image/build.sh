#!/usr/bin/env bash
# Builds docker/Dockerfile with buildah (no Docker engine needed) on the local base image from
# base-image.sh, into Plaint's own image store (scripts/image/env.sh). Layers are cached there,
# so a rebuild after a source change redoes only the compile.
#
#   scripts/image/build.sh [TAG]     (default localhost/plaint:dev)
#
# Progress goes to stderr; the last stdout line is `PLAINT_IMAGE=<tag> PLAINT_IMAGE_BYTES=<size>`.
set -euo pipefail
# shellcheck source=scripts/image/env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

tag="${1:-localhost/plaint:dev}"
image_require_buildah
bash scripts/image/base-image.sh >/dev/null

# npm inside the build must trust whatever CA this machine reaches the registry through (a
# TLS-intercepting proxy's); the host's bundle goes in as a build secret, never into a layer.
ca_bundle="${PLAINT_IMAGE_CA_BUNDLE:-${NODE_EXTRA_CA_CERTS:-$(npm config get cafile 2>/dev/null || true)}}"
secret=()
if [[ -n "$ca_bundle" && "$ca_bundle" != null && -s "$ca_bundle" ]]; then
  secret=(--secret "id=npm-ca,src=${ca_bundle}")
fi

version="$(node -p 'require("./package.json").version')"
revision="$(git rev-parse HEAD 2>/dev/null || true)"
# The commit's time, not the build's: rebuilding the same commit gives the same labels.
created="$(git log -1 --format=%cI 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)"
started=$SECONDS
# --format docker keeps HEALTHCHECK, which the OCI image format has no field for. --jobs 2: the
# deps and build stages are independent, and each spends minutes in npm ci or a compiler.
image_buildah bud --isolation chroot --layers --pull-never --format docker --jobs 2 \
  --file docker/Dockerfile --tag "$tag" \
  --build-arg NODE_IMAGE="$PLAINT_BASE_IMAGE" \
  --build-arg PLAINT_VERSION="$version" \
  --build-arg PLAINT_REVISION="$revision" \
  --build-arg PLAINT_CREATED="$created" \
  ${secret[@]+"${secret[@]}"} \
  . >&2

# The size as unpacked on a node: the bytes of every file in the image's file system.
container="$(image_buildah from --pull-never "$tag")"
trap 'image_buildah rm "$container" >/dev/null 2>&1 || true' EXIT
bytes="$(du -sb "$(image_buildah mount "$container")" | cut -f1)"
image_buildah umount "$container" >/dev/null
printf 'built %s in %ss: %s MB\n' "$tag" "$((SECONDS - started))" "$((bytes / 1000 / 1000))" >&2
echo "PLAINT_IMAGE=${tag} PLAINT_IMAGE_BYTES=${bytes}"
