#!/usr/bin/env bash
# Shared by base-image.sh and build.sh: pinned versions, where the image store lives, and the
# buildah command that uses it. Source it; do not run it.

# The local stand-in for node:24-bookworm-slim that the tests build on (no image registry is
# needed). Changing a version here makes base-image.sh build a new base.
PLAINT_NODE_VERSION="${PLAINT_NODE_VERSION:-24.22.3}"
PLAINT_NPM_VERSION="${PLAINT_NPM_VERSION:-11.21.2}"
PLAINT_DEBIAN_SUITE="${PLAINT_DEBIAN_SUITE:-bookworm}"
PLAINT_BASE_IMAGE="${PLAINT_BASE_IMAGE:-localhost/plaint-node:${PLAINT_NODE_VERSION%%.*}}"
PLAINT_BASE_KEY="debian-${PLAINT_DEBIAN_SUITE}-node-${PLAINT_NODE_VERSION}-npm-${PLAINT_NPM_VERSION}"

# Plaint's own image store, so builds here never touch (or collide with) another store on the
# machine. Layers, the base image and the npm cache of the image build are kept between runs.
PLAINT_IMAGE_CACHE="${PLAINT_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plaint/image}"
if [[ -z "${PLAINT_IMAGE_RUNROOT:-}" ]]; then
  # Run-time state (mount counts, locks) belongs on a file system that a reboot empties.
  if [[ -w /run ]]; then PLAINT_IMAGE_RUNROOT="/run/plaint-image-$(id -u)"; else PLAINT_IMAGE_RUNROOT="${TMPDIR:-/tmp}/plaint-image-run-$(id -u)"; fi
fi

image_buildah() {
  # TMPDIR: buildah keeps `RUN --mount=type=cache` folders (the npm cache) under it.
  TMPDIR="${PLAINT_IMAGE_CACHE}/tmp" buildah --root "${PLAINT_IMAGE_CACHE}/storage" --runroot "$PLAINT_IMAGE_RUNROOT" \
    --storage-driver "${PLAINT_IMAGE_STORAGE_DRIVER:-overlay}" "$@"
}

image_die() {
  printf 'image: %s\n' "$*" >&2
  exit 1
}

image_require_buildah() {
  command -v buildah >/dev/null 2>&1 \
    || image_die "buildah is not installed: run scripts/install-test-prerequisites.sh (Debian: apt-get install buildah debootstrap)"
  mkdir -p "${PLAINT_IMAGE_CACHE}/storage" "${PLAINT_IMAGE_CACHE}/tmp" "$PLAINT_IMAGE_RUNROOT"
}
