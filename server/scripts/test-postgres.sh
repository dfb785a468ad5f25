#!/usr/bin/env bash
# Starts (or reuses) a throwaway PostgreSQL cluster on 127.0.0.1 for the token service's tests and
# benchmark, from Debian's postgresql package, and prints its URL. Trust auth, loopback only.
#   ARKPAY_PG_PORT (default 54329), ARKPAY_PG_DIR (default /tmp/arkpay-pg), ARKPAY_PG_OPTIONS (more server
#   options, e.g. the benchmark's memory settings; they apply when this script starts the cluster)
set -euo pipefail
PORT=${ARKPAY_PG_PORT:-54329}
DIR=${ARKPAY_PG_DIR:-/tmp/arkpay-pg}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
  as_pg "'$BIN/initdb' -D '$DIR' -U arkpay --auth=trust >/dev/null"
fi
if ! as_pg "'$BIN/pg_ctl' -D '$DIR' status" >/dev/null 2>&1; then
  as_pg "'$BIN/pg_ctl' -D '$DIR' -l '$DIR/log' -o '-h 127.0.0.1 -p $PORT -k /tmp -c max_connections=300 ${ARKPAY_PG_OPTIONS:-}' -w start" >/dev/null
fi
echo "postgres://arkpay@127.0.0.1:$PORT/postgres"
