#!/usr/bin/env bash
# buildah on Plaint's own image store (scripts/image/env.sh), e.g.
#   scripts/image/buildah.sh images
#   scripts/image/buildah.sh inspect --type image localhost/plaint:dev
set -euo pipefail
# shellcheck source=scripts/image/env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"
image_require_buildah
image_buildah "$@"
