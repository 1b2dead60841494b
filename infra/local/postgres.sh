# shellcheck shell=bash
# PostgreSQL 15: a private cluster under STATE_DIR/postgres, run as the OS user postgres
# (initdb and postgres refuse root). Sourced by services.sh after common.sh.

PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR="$STATE_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_SOCK="$PG_DIR/run"
PG_LOG="$PG_DIR/postgres.log"
MIGRATIONS_DIR="${SERVERLESS_MIGRATIONS_DIR:-$REPO_DIR/functions/Serverless.Storage.Postgres/Migrations}"

# cd / first: the caller's cwd (e.g. under /root) may be closed to postgres.
as_postgres() { (cd / && runuser -u postgres -- "$@"); }

pg_fsync_setting() {
    local fsync="${SERVERLESS_PG_FSYNC:-on}"
    [[ "$fsync" == on || "$fsync" == off ]] || die "SERVERLESS_PG_FSYNC must be on or off, not '$fsync'"
    echo "$fsync"
}

pg_running() {
    [[ -f "$PG_DATA/postmaster.pid" ]] && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

pg_check_access() {
    if ! runuser -u postgres -- test -x "$STATE_DIR"; then
        die "user postgres cannot reach SERVERLESS_STATE_DIR=$STATE_DIR (a parent folder is closed to it).
       Choose a folder whose parents everyone may search, e.g. /var/tmp/serverless-state, or unset it."
    fi
}

pg_init() {
    pg_check_access
    mkdir -p "$PG_DIR"
    chown postgres:postgres "$PG_DIR"
    chmod 700 "$PG_DIR"
    if [[ -f "$PG_DATA/PG_VERSION" ]]; then return 0; fi

    step "initialising PostgreSQL cluster in $PG_DATA"
    rm -rf "$PG_DATA" # a half-made cluster from an interrupted first run
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >>"$PG_DIR/initdb.log" 2>&1 ||
        die_with_log "initdb failed" "$PG_DIR/initdb.log"
    echo "include_if_exists = 'serverless.conf'" >>"$PG_DATA/postgresql.conf"
    # Trust only for the admin on the socket, which lives in a 0700 folder of postgres (root and postgres only).
    cat >"$PG_DATA/pg_hba.conf" <<'EOF'
# Written by infra/local/services.sh.
# TYPE  DATABASE  USER      ADDRESS        METHOD
local   all       postgres                 trust
local   all       all                      scram-sha-256
host    all       all       127.0.0.1/32   scram-sha-256
EOF
    chown postgres:postgres "$PG_DATA/pg_hba.conf"
}

# Rewritten at every `up` so SERVERLESS_PG_FSYNC takes effect (fsync only needs a reload).
pg_write_conf() {
    local conf="$PG_DATA/serverless.conf" fsync
    fsync="$(pg_fsync_setting)"
    cat >"$conf.tmp" <<EOF
# Written by infra/local/services.sh at every 'up'; edit the script, not this file.
port = $PG_PORT
listen_addresses = '$LOOPBACK'
unix_socket_directories = '$PG_SOCK'
unix_socket_permissions = 0700
fsync = $fsync
EOF
    chown postgres:postgres "$conf.tmp"
    if cmp -s "$conf.tmp" "$conf"; then
        rm -f "$conf.tmp"
        return 1
    fi
    mv "$conf.tmp" "$conf"
}

pg_start() {
    mkdir -p "$PG_SOCK"
    chown postgres:postgres "$PG_SOCK"
    chmod 700 "$PG_SOCK"
    local changed=0
    pg_write_conf && changed=1
    if pg_running; then
        if ((changed)); then
            as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" reload >/dev/null
            say "PostgreSQL already running: reloaded settings"
        fi
    else
        ensure_port_free "$PG_PORT" PostgreSQL
        step "starting PostgreSQL on $LOOPBACK:$PG_PORT (fsync=$(pg_fsync_setting))"
        detach "$PG_DIR/pg_ctl.out" \
            runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$PG_READY_TIMEOUT" start ||
            die_with_log "PostgreSQL did not start" "$PG_DIR/pg_ctl.out" "$PG_LOG"
    fi
    local deadline=$(($(now) + PG_READY_TIMEOUT))
    until "$PG_BIN/pg_isready" -q -h "$LOOPBACK" -p "$PG_PORT" -d postgres; do
        (($(now) < deadline)) || die_with_log "PostgreSQL not ready after ${PG_READY_TIMEOUT}s" "$PG_LOG"
        sleep 0.2
    done
}

pg_stop() {
    if pg_running; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t "$STOP_TIMEOUT" stop >/dev/null ||
            die_with_log "pg_ctl stop failed" "$PG_LOG"
        say "stopped PostgreSQL"
    fi
}

# psql as the admin over the private socket.
pg_admin_psql() {
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres "$@"
}

# psql as the application user over TCP, exactly as the app connects.
pg_app_psql() {
    PGPASSWORD="$SERVERLESS_PG_PASSWORD" PGCONNECT_TIMEOUT=10 PGOPTIONS="-c client_min_messages=warning" \
        "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$LOOPBACK" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DATABASE" "$@"
}

# Role, database, and the tests' own database (infra/local/test.sh; migrated by the tests); the password is (re)set every time so it always matches secrets.env.
# The script goes through stdin so the password never shows in a process list.
pg_bootstrap() {
    pg_admin_psql -d postgres <<EOF || die_with_log "creating role/database failed" "$PG_LOG"
SELECT 'CREATE ROLE $PG_USER LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') \gexec
ALTER ROLE $PG_USER WITH LOGIN PASSWORD '$SERVERLESS_PG_PASSWORD';
SELECT 'CREATE DATABASE $PG_DATABASE OWNER $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DATABASE') \gexec
SELECT 'CREATE DATABASE ${PG_DATABASE}_test OWNER $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${PG_DATABASE}_test') \gexec
EOF
}

# Apply Migrations/*.sql in ordinal name order, each in its own transaction, once.
# Version = file name without .sql. The application (MigrationRunner.cs) applies the same files the same way
# at start-up and takes the same two locks, so a psql run and the application exclude each other.
readonly MIGRATION_LOCK_KEY=6000292609158367058 # 0x534552564D494752, "SERVMIGR": MigrationRunner.AdvisoryLockKey
readonly MIGRATION_PROLOGUE="
SELECT pg_advisory_xact_lock($MIGRATION_LOCK_KEY);
CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE;"

pg_migrate() {
    local -a files=()
    if [[ -d "$MIGRATIONS_DIR" ]]; then
        # LC_ALL=C (set in services.sh) makes the glob sort ordinally, like the application.
        shopt -s nullglob
        files=("$MIGRATIONS_DIR"/*.sql)
        shopt -u nullglob
    fi

    # Without files, still create schema_migrations so the database always has it.
    local file version script="BEGIN;$MIGRATION_PROLOGUE
COMMIT;
"
    for file in "${files[@]}"; do
        version="$(basename "$file" .sql)"
        [[ "$file" != *"'"* ]] || die "migration file paths must not contain quotes: $file"
        # Checked inside the transaction, under the locks: a file applied meanwhile by someone else is skipped.
        script+="
BEGIN;$MIGRATION_PROLOGUE
SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = '$version') AS already_applied \\gset
\\if :already_applied
ROLLBACK;
\\else
\\echo applying migration $version
\\i '$file'
INSERT INTO schema_migrations (version) VALUES ('$version');
COMMIT;
\\endif
"
    done
    # -o /dev/null hides query results (the lock calls); \echo still prints.
    pg_app_psql -o /dev/null <<<"$script" >&2 || die "migration failed (its transaction was rolled back; see the psql error above)"
    if ((${#files[@]})); then
        say "migrations: ${#files[@]} file(s) in $MIGRATIONS_DIR, all applied"
    else
        say "no migrations in $MIGRATIONS_DIR"
    fi
}

pg_status_line() {
    local fsync
    fsync="$(sed -n 's/^fsync = //p' "$PG_DATA/serverless.conf" 2>/dev/null || true)"
    if pg_running; then
        printf '%-10s running  pid %-8s %s:%s  fsync=%s\n' postgres "$(head -n1 "$PG_DATA/postmaster.pid")" \
            "$LOOPBACK" "$PG_PORT" "${fsync:-?}"
    else
        printf '%-10s stopped\n' postgres
        return 1
    fi
}
