#!/bin/sh
# Removes from an installed production node_modules what the service never loads at run time:
# type declarations, source maps, docs, the C sources and build intermediates of the native
# addons, and prebuilt addons for other platforms. Run in the image build after npm ci.
set -eu
cd "${1:?usage: trim-node-modules.sh <node_modules>}"

find . -type f \( -name '*.d.ts' -o -name '*.d.cts' -o -name '*.d.mts' -o -name '*.map' -o -name '*.tsbuildinfo' \
  -o -name '*.md' -o -name '*.markdown' -o -name 'CHANGELOG*' -o -name '.eslintrc*' -o -name '.prettierrc*' \
  -o -name '.editorconfig' -o -name '.npmignore' -o -name '.travis.yml' -o -name 'tsconfig*.json' \) \
  ! -iname 'licen[cs]e*' -delete
find . -depth -type d \( -name '.github' -o -name '__tests__' \) -exec rm -rf {} +

# better-sqlite3 loads build/Release/better_sqlite3.node only; SQLite's amalgamation and the
# object files are most of its size.
if [ -d better-sqlite3 ]; then
  mv better-sqlite3/build/Release/better_sqlite3.node /tmp/better_sqlite3.node
  rm -rf better-sqlite3/build better-sqlite3/deps better-sqlite3/src better-sqlite3/binding.gyp
  mkdir -p better-sqlite3/build/Release
  mv /tmp/better_sqlite3.node better-sqlite3/build/Release/better_sqlite3.node
fi

# argon2 picks its addon from prebuilds/<platform>-<arch>; keep this machine's only, no sources.
if [ -d argon2/prebuilds ]; then
  platform="$(node -p 'process.platform + "-" + process.arch')"
  find argon2/prebuilds -mindepth 1 -maxdepth 1 -type d ! -name "$platform" -exec rm -rf {} +
  rm -rf argon2/argon2 argon2/argon2.cpp argon2/binding.gyp
fi

# The TypeScript compiler comes along as a dependency of @nestjs/swagger's compile-time plugin,
# which the built service never loads.
rm -rf typescript .bin/tsc .bin/tsserver
