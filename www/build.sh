#!/usr/bin/env bash
# Builds the web site into dist/ (static files with relative URLs: copy them to any web server or sub-path).
# Usage: bash www/build.sh            (installs missing build tools first)
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install.sh site
export PATH="$PWD/www/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
trunk build --release
echo "build.sh: site built in $PWD/dist"
