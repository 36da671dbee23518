#!/usr/bin/env bash
# Starts PGlite + pgvector on 127.0.0.1:${PGPORT:-5439} in the background and waits for "ready".
# Writes the server's PID to ${PGLITE_PIDFILE:-/tmp/agents-pglite.pid}; stop it with stop.sh.
# Installs the npm packages first when node_modules is missing (npm ci from package-lock.json).
set -euo pipefail
cd "$(dirname "$0")"
pidfile="${PGLITE_PIDFILE:-/tmp/agents-pglite.pid}"
log="${PGLITE_LOG:-/tmp/agents-pglite.log}"
if [ ! -d node_modules/@electric-sql/pglite-socket ]; then
  npm ci --no-audit --no-fund >/dev/null
fi
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "PGlite already running (pid $(cat "$pidfile"))"; exit 0
fi
node server.mjs >"$log" 2>&1 &
echo $! >"$pidfile"
for _ in $(seq 1 120); do
  if grep -q '^ready' "$log"; then echo "PGlite ready on 127.0.0.1:${PGPORT:-5439} (pid $(cat "$pidfile"))"; exit 0; fi
  if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "PGlite exited:"; cat "$log"; exit 1; fi
  sleep 0.5
done
echo "PGlite did not become ready in 60 s:"; cat "$log"; exit 1
