#!/usr/bin/env bash
# Runs a command (make test's `swift test`) with a Postgres + pgvector server for the
# Postgres tests: GLIMPSE_POSTGRES_URL names it. When that is already set (CI starts the
# server itself), the command just runs. Otherwise Scripts/postgres-server.sh starts one
# and stops it afterwards (unless it was running before); when it cannot (no pip, no network),
# the Postgres tests skip, unless GLIMPSE_REQUIRE_POSTGRES=1 asks for them.
set -uo pipefail
cd "$(dirname "$0")/.."
if [[ -n "${GLIMPSE_POSTGRES_URL:-}" ]]; then
    exec "$@"
fi
started=0
if ! Scripts/postgres-server.sh status >/dev/null 2>&1; then
    started=1
fi
if url=$(Scripts/postgres-server.sh start); then
    export GLIMPSE_POSTGRES_URL="$url"
    if [[ $started == 1 ]]; then
        trap 'Scripts/postgres-server.sh stop' EXIT
    fi
elif [[ "${GLIMPSE_REQUIRE_POSTGRES:-}" == 1 ]]; then
    echo "with-postgres: GLIMPSE_REQUIRE_POSTGRES=1 but no Postgres server could be started" >&2
    exit 1
else
    echo "with-postgres: no Postgres server (see above); the Postgres tests will skip" >&2
fi
"$@"
