#!/usr/bin/env bash
# Stops the PGlite server started by start.sh (by its PID, SIGTERM, then waits up to 10 s).
set -uo pipefail
pidfile="${PGLITE_PIDFILE:-/tmp/agents-pglite.pid}"
[ -f "$pidfile" ] || exit 0
pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
fi
rm -f "$pidfile"
