#!/usr/bin/env bash
# Local PostgreSQL 15 and Ceph RADOS Gateway (S3) for development and tests: loopback only, all state in
# one folder (SERVERLESS_STATE_DIR, default <repo>/.state). See infra/local/README.md.
#
#   services.sh up       install if needed, initialise if needed, start, bootstrap, migrate, print status
#   services.sh down     stop everything, keep the state
#   services.sh status   what runs (exit 0 when everything runs, 3 otherwise)
#   services.sh env      export lines for the application and tests: eval "$(services.sh env)"
#   services.sh reset    down, then delete the state folder
set -Eeuo pipefail
export LC_ALL=C

# shellcheck source=infra/local/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=infra/local/postgres.sh
source "$LOCAL_DIR/postgres.sh"
# shellcheck source=infra/local/ceph.sh
source "$LOCAL_DIR/ceph.sh"

trap 'die "command failed at ${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND"' ERR

# One `up`/`down`/`reset` at a time per state folder (two test runners starting together).
take_lock() {
    mkdir -p "$STATE_DIR"
    exec 9>"$STATE_DIR/.lock" # detach (common.sh) closes fd 9 for daemons
    flock -w 900 9 || die "another services.sh holds $STATE_DIR/.lock"
}

cmd_up() {
    [[ "$(id -u)" == 0 ]] || die "run as root: PostgreSQL is started through runuser -u postgres"
    local started
    started=$(now)
    take_lock
    chmod 755 "$STATE_DIR"
    touch "$STATE_MARKER"
    ensure_packages
    ensure_secrets

    pg_init
    pg_start
    pg_bootstrap
    pg_migrate

    ceph_init
    ceph_start
    ceph_bootstrap

    say "ready in $(($(now) - started)) s"
    cmd_status
}

cmd_down() {
    [[ -d "$STATE_DIR" ]] || return 0
    take_lock
    ceph_stop_daemons
    if [[ -d "$PG_DATA" ]]; then pg_stop; fi
}

cmd_status() {
    local rc=0
    if [[ -d "$PG_DATA" ]]; then pg_status_line || rc=3; else printf '%-10s not initialised\n' postgres; rc=3; fi
    if [[ -f "$CEPH_INITIALISED" ]]; then ceph_status_lines || rc=3; else printf '%-10s not initialised\n' ceph; rc=3; fi
    if [[ -d "$STATE_DIR" ]]; then
        printf '%-10s %s (%s on disk)\n' state "$STATE_DIR" "$(du -sh "$STATE_DIR" 2>/dev/null | cut -f1)"
        printf '%-10s %s\n' secrets "$SECRETS_FILE"
    else
        printf '%-10s %s (absent)\n' state "$STATE_DIR"
    fi
    return "$rc"
}

cmd_env() {
    load_secrets
    cat <<EOF
export ConnectionStrings__Postgres="Host=$LOOPBACK;Port=$PG_PORT;Database=$PG_DATABASE;Username=$PG_USER;Password=$SERVERLESS_PG_PASSWORD"
export S3__Endpoint="$LOOPBACK:$S3_PORT"
export S3__AccessKey="$SERVERLESS_S3_ACCESS_KEY"
export S3__SecretKey="$SERVERLESS_S3_SECRET_KEY"
export S3__Bucket="$S3_BUCKET"
export S3__UseSsl="false"
export S3__Region="$S3_REGION"
EOF
}

cmd_reset() {
    [[ -d "$STATE_DIR" ]] || return 0
    if [[ -n "$(ls -A "$STATE_DIR")" && ! -f "$STATE_MARKER" ]]; then
        die "$STATE_DIR has no $(basename "$STATE_MARKER") marker: not deleting a folder this script did not make"
    fi
    cmd_down
    rm -rf "$STATE_DIR"
    say "deleted $STATE_DIR"
}

case "${1:-}" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status || exit $? ;;
    env) cmd_env ;;
    reset) cmd_reset ;;
    *)
        sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
        exit 2
        ;;
esac
