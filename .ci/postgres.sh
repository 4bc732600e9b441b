#!/usr/bin/env bash
# Start a throwaway PostgreSQL on a loopback port for the store tests; prints the SQLAlchemy URL.
# Usage: eval "$(.ci/postgres.sh start DIR)"   then   .ci/postgres.sh stop DIR
set -euo pipefail
action=$1
dir=$2
# a free loopback port, so a server already running elsewhere does not get in the way
port=${QUIZZER_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$action" = start ]; then
    if [ "$(id -u)" = 0 ]; then
        if ! id postgres >/dev/null 2>&1; then useradd --system --no-create-home postgres; fi
        mkdir -p "$dir"; chown postgres "$dir"
    else
        mkdir -p "$dir"
    fi
    as_pg initdb -D "$dir/data" -U quizzer --auth=trust >"$dir/initdb.log" 2>&1
    as_pg pg_ctl -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    echo "export QUIZZER_TEST_PG_URL=postgresql+psycopg://quizzer@127.0.0.1:$port/postgres"
else
    as_pg pg_ctl -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
fi
