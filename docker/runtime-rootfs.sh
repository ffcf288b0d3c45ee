#!/bin/sh
# Lays out the runtime image's file system in $1 (copied onto an empty image): node, tini, the
# shared libraries that node and the native addons under $2 link against (found with ldd), CA
# certificates, and users without a login shell. No shell, no package manager, no coreutils.
set -eu
root="${1:?usage: runtime-rootfs.sh <rootfs> <node_modules>}"
modules="${2:?usage: runtime-rootfs.sh <rootfs> <node_modules>}"

mkdir -p "$root/usr/local/bin" "$root/usr/bin" "$root/usr/lib" "$root/usr/lib64" "$root/etc/ssl/certs" \
  "$root/tmp" "$root/app" "$root/var/lib/plaint"
chmod 1777 "$root/tmp"
# Debian's merged /usr: /lib and /lib64 (where the dynamic loader is looked up) are links.
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"

# Symbols and debug info are 18 MB of node's binary; JavaScript stack traces, profiles and the
# addons (which link against the dynamic symbol table, kept) do not need them.
strip -o "$root/usr/local/bin/node" "$(command -v node)"
cp /usr/bin/tini-static "$root/usr/bin/tini"

libraries="$( { ldd "$(command -v node)"; find "$modules" -name '*.node' -type f -exec ldd {} \; ; } \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' | sort -u)"
for library in $libraries; do
  # At the path ldd printed, with /lib… stored under /usr/lib… (the links above).
  case "$library" in
    /lib*) target="$root/usr$library" ;;
    *) target="$root$library" ;;
  esac
  mkdir -p "$(dirname "$target")"
  cp -L "$library" "$target"
done

cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
printf '%s\n' 'root:x:0:0:root:/root:/usr/sbin/nologin' 'plaint:x:10001:10001:Plaint:/var/lib/plaint:/usr/sbin/nologin' >"$root/etc/passwd"
printf '%s\n' 'root:x:0:' 'plaint:x:10001:' >"$root/etc/group"
printf '%s\n' 'passwd: files' 'group: files' 'hosts: files dns' >"$root/etc/nsswitch.conf"
chown 10001:10001 "$root/var/lib/plaint"
