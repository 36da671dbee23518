#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine:
#  - libgomp1: llama.cpp's OpenMP runtime (LLamaSharp's native libraries);
#  - chromium: the browser the web-page tests drive through Playwright (no browser download exists here);
#  - npm packages: the official `openai` client for the compatibility tests, PGlite + pgvector for the
#    PostgreSQL store tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in libgomp1 chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
if ((${#need[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

for dir in tests/Agents.Server.Tests/npm .ci/pglite; do
  if [[ -f "$dir/package.json" ]]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
