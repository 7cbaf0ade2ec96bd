#!/usr/bin/env bash
# A throwaway PostgreSQL server for the portal's tests, from Debian's postgresql package.
#
#   throwaway-postgres.sh start [WATCH_PID]   initdb into a new temporary folder, start the server on a free
#                                             loopback port, print  postgres://portal@127.0.0.1:PORT/portal FOLDER
#                                             on one line; with WATCH_PID, the server is stopped (and its folder
#                                             removed) when that process ends.
#   throwaway-postgres.sh stop FOLDER         stop that server and remove its folder.
#
# As root, the server runs as the postgres user (initdb refuses root). Trust authentication, loopback only.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bindir" ] || { echo "throwaway-postgres: PostgreSQL is not installed (scripts/install-packages.sh postgresql)" >&2; exit 2; }

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
    local folder=$1
    [ -d "$folder/data" ] && as_owner "$bindir/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$folder"
}

case "${1:-}" in
start)
    folder=$(mktemp -d /tmp/meshkey-portal-pg.XXXXXX)
    chmod 755 "$folder"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$folder"
    as_owner "$bindir/initdb" -D "$folder/data" -U portal --auth=trust -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 \
        || { cat "$folder/initdb.log" >&2; exit 1; }
    # A free loopback port: ask the kernel for one.
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_owner "$bindir/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $folder -c fsync=on -c max_connections=50" start >/dev/null \
        || { cat "$folder/server.log" >&2; exit 1; }
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U portal portal
    if [ -n "${2:-}" ]; then
        watched=$2
        # The watchdog: stops the server once the test process is gone.
        nohup bash -c "while kill -0 $watched 2>/dev/null; do sleep 1; done; \"$0\" stop \"$folder\"" \
            >/dev/null 2>&1 </dev/null &
    fi
    echo "postgres://portal@127.0.0.1:$port/portal $folder"
    ;;
stop)
    stop "${2:?folder}"
    ;;
*)
    echo "usage: $0 start [WATCH_PID] | stop FOLDER" >&2
    exit 2
    ;;
esac
