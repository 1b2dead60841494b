# shellcheck shell=bash
# Ceph RADOS Gateway (S3): one monitor, one BlueStore OSD on a sparse file, one gateway, all under
# STATE_DIR/ceph and run as root. Follows shared/reference/local-services.md. Sourced by services.sh.

CEPH_DIR="$STATE_DIR/ceph"
CEPH_CONF="$CEPH_DIR/ceph.conf"
CEPH_RUN="$CEPH_DIR/run"
CEPH_LOG="$CEPH_DIR/log"
CEPH_INITIALISED="$CEPH_DIR/.initialised"
readonly MON_ID=a
readonly RGW_NAME=client.rgw.a

ceph_cli() { ceph -c "$CEPH_CONF" --connect-timeout 15 "$@"; }
rgw_admin() { radosgw-admin -c "$CEPH_CONF" "$@"; }

osd_id() { cat "$CEPH_DIR/osd_id"; }

ceph_write_conf() {
    mkdir -p "$CEPH_DIR" "$CEPH_RUN" "$CEPH_LOG" "$CEPH_DIR/mon" "$CEPH_DIR/osd" "$CEPH_DIR/rgw"
    # $name, $id and $cluster are Ceph's own metavariables, expanded by each daemon.
    cat >"$CEPH_CONF" <<EOF
# Written by infra/local/services.sh at every 'up'; edit the script, not this file.
[global]
mon host = $LOOPBACK
public addr = $LOOPBACK
cluster addr = $LOOPBACK
auth cluster required = none
auth service required = none
auth client required = none
# Without crc mode radosgw hangs 300 s logging "get_initial_auth_request returned -13".
ms mon client mode = crc
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
mon warn on pool no redundancy = false
run dir = $CEPH_RUN
log file = $CEPH_LOG/\$name.log
mon data = $CEPH_DIR/mon/\$cluster-\$id
osd data = $CEPH_DIR/osd/\$cluster-\$id
osd objectstore = bluestore
bluestore block create = true
# Sparse: the 10 GiB file only takes the blocks written.
bluestore block size = 10737418240
osd memory target = 1073741824

[mon]
pid file = $CEPH_RUN/\$name.pid
admin socket = $CEPH_RUN/\$name.asok

[osd]
pid file = $CEPH_RUN/\$name.pid
admin socket = $CEPH_RUN/\$name.asok

[$RGW_NAME]
pid file = $CEPH_RUN/\$name.pid
admin socket = $CEPH_RUN/\$name.asok
rgw data = $CEPH_DIR/rgw
rgw frontends = beast endpoint=$LOOPBACK:$S3_PORT
# SSE-C over plain http: local tests only.
rgw crypt require ssl = false
EOF
}

mon_pidfile() { echo "$CEPH_RUN/mon.$MON_ID.pid"; }
osd_pidfile() { echo "$CEPH_RUN/osd.$(osd_id).pid"; }
rgw_pidfile() { echo "$CEPH_RUN/$RGW_NAME.pid"; }

mon_running() { is_running "$(mon_pidfile)" ceph-mon; }
osd_running() { [[ -f "$CEPH_DIR/osd_id" ]] && is_running "$(osd_pidfile)" ceph-osd; }
rgw_running() { is_running "$(rgw_pidfile)" radosgw; }

# The daemons fork themselves once initialised; detach keeps them off the caller's session, pipes and lock.
start_mon() {
    mon_running && return 0
    ensure_port_free 3300 ceph-mon
    ensure_port_free 6789 ceph-mon
    detach "$CEPH_LOG/mon.$MON_ID.out" ceph-mon -c "$CEPH_CONF" -i "$MON_ID" ||
        die_with_log "ceph-mon did not start" "$CEPH_LOG/mon.$MON_ID.out" "$CEPH_LOG/mon.$MON_ID.log"
}

start_osd() {
    osd_running && return 0
    local id
    id="$(osd_id)"
    detach "$CEPH_LOG/osd.$id.out" ceph-osd -c "$CEPH_CONF" -i "$id" ||
        die_with_log "ceph-osd did not start" "$CEPH_LOG/osd.$id.out" "$CEPH_LOG/osd.$id.log"
}

start_rgw() {
    rgw_running && return 0
    ensure_port_free "$S3_PORT" radosgw
    detach "$CEPH_LOG/$RGW_NAME.out" radosgw -c "$CEPH_CONF" -n "$RGW_NAME" ||
        die_with_log "radosgw did not start" "$CEPH_LOG/$RGW_NAME.out" "$CEPH_LOG/$RGW_NAME.log"
}

ceph_init() {
    [[ -f "$CEPH_INITIALISED" ]] && return 0
    step "initialising Ceph (1 mon, 1 BlueStore OSD on a sparse 10 GiB file) in $CEPH_DIR"
    # A half-made cluster from an interrupted first run: start over, it holds no data yet.
    ceph_stop_daemons
    rm -rf "$CEPH_DIR/mon" "$CEPH_DIR/osd" "$CEPH_DIR/rgw" "$CEPH_DIR/osd_id" "$CEPH_DIR/monmap"
    ceph_write_conf

    local fsid id
    fsid="$(cat /proc/sys/kernel/random/uuid)"
    monmaptool --create --fsid "$fsid" --addv "$MON_ID" "[v2:$LOOPBACK:3300,v1:$LOOPBACK:6789]" \
        "$CEPH_DIR/monmap" >>"$CEPH_LOG/init.log" 2>&1 || die_with_log "monmaptool failed" "$CEPH_LOG/init.log"
    ceph-mon -c "$CEPH_CONF" --mkfs -i "$MON_ID" --monmap "$CEPH_DIR/monmap" >>"$CEPH_LOG/init.log" 2>&1 ||
        die_with_log "ceph-mon --mkfs failed" "$CEPH_LOG/init.log" "$CEPH_LOG/mon.$MON_ID.log"
    start_mon

    id="$(ceph_cli osd create 2>>"$CEPH_LOG/init.log")" || die_with_log "ceph osd create failed" "$CEPH_LOG/init.log"
    [[ "$id" =~ ^[0-9]+$ ]] || die "ceph osd create printed '$id', not an OSD id"
    echo "$id" >"$CEPH_DIR/osd_id"
    # ceph-osd --mkfs needs its data folder to exist already.
    mkdir -p "$CEPH_DIR/osd/ceph-$id"
    ceph-osd -c "$CEPH_CONF" --mkfs -i "$id" >>"$CEPH_LOG/init.log" 2>&1 ||
        die_with_log "ceph-osd --mkfs failed" "$CEPH_LOG/init.log" "$CEPH_LOG/osd.$id.log"
    touch "$CEPH_INITIALISED"
}

wait_osd_up() {
    local deadline=$(($(now) + OSD_UP_TIMEOUT)) id
    id="$(osd_id)"
    # Captured, not piped into grep -q: an early-exiting grep would fail the pipe under pipefail.
    until [[ "$(ceph_cli osd stat -f json 2>/dev/null)" == *'"num_up_osds":1'* ]]; do
        osd_running || die_with_log "ceph-osd exited" "$CEPH_LOG/osd.$id.out" "$CEPH_LOG/osd.$id.log"
        (($(now) < deadline)) || die_with_log "OSD not up after ${OSD_UP_TIMEOUT}s" "$CEPH_LOG/osd.$id.log"
        sleep 1
    done
}

wait_rgw_ready() {
    local deadline=$(($(now) + RGW_READY_TIMEOUT))
    # The anonymous bucket listing proves it is radosgw answering, not some other server on the port.
    until [[ "$(curl -fsS --max-time 5 "http://$LOOPBACK:$S3_PORT/" 2>/dev/null)" == *ListAllMyBucketsResult* ]]; do
        rgw_running || die_with_log "radosgw exited" "$CEPH_LOG/$RGW_NAME.out" "$CEPH_LOG/$RGW_NAME.log"
        (($(now) < deadline)) ||
            die_with_log "radosgw not answering on $LOOPBACK:$S3_PORT after ${RGW_READY_TIMEOUT}s" \
                "$CEPH_LOG/$RGW_NAME.log"
        sleep 0.5
    done
}

ceph_start() {
    ceph_write_conf
    if mon_running && osd_running && rgw_running; then
        wait_rgw_ready
        return 0
    fi
    step "starting Ceph mon, OSD and radosgw on $LOOPBACK:$S3_PORT"
    start_mon
    start_osd
    wait_osd_up
    start_rgw
    wait_rgw_ready
}

# S3 user with the keys from secrets.env, and the bucket. Both idempotent.
ceph_bootstrap() {
    local info
    if info="$(rgw_admin user info --uid="$S3_USER" 2>/dev/null)"; then
        if [[ "$info" != *"\"$SERVERLESS_S3_ACCESS_KEY\""* ]]; then
            rgw_admin key create --uid="$S3_USER" --key-type=s3 --access-key="$SERVERLESS_S3_ACCESS_KEY" \
                --secret-key="$SERVERLESS_S3_SECRET_KEY" >/dev/null 2>>"$CEPH_LOG/init.log" ||
                die_with_log "radosgw-admin key create failed" "$CEPH_LOG/init.log"
        fi
    else
        rgw_admin user create --uid="$S3_USER" --display-name="Serverless local tests" \
            --access-key="$SERVERLESS_S3_ACCESS_KEY" --secret-key="$SERVERLESS_S3_SECRET_KEY" \
            >/dev/null 2>>"$CEPH_LOG/init.log" || die_with_log "radosgw-admin user create failed" "$CEPH_LOG/init.log"
    fi
    s3_tool mb "$S3_BUCKET" || die "creating bucket '$S3_BUCKET' failed"
}

s3_tool() {
    S3__Endpoint="$LOOPBACK:$S3_PORT" S3__AccessKey="$SERVERLESS_S3_ACCESS_KEY" \
        S3__SecretKey="$SERVERLESS_S3_SECRET_KEY" S3__Region="$S3_REGION" S3__UseSsl=false \
        "$(python_bin)" "$LOCAL_DIR/s3.py" "$@"
}

# Gateway first (it is the mon's and OSD's client), monitor last.
ceph_stop_daemons() {
    stop_pidfile "$(rgw_pidfile)" radosgw radosgw
    if [[ -f "$CEPH_DIR/osd_id" ]]; then stop_pidfile "$(osd_pidfile)" ceph-osd ceph-osd; fi
    stop_pidfile "$(mon_pidfile)" ceph-mon ceph-mon
}

ceph_status_lines() {
    local rc=0 line
    for line in "ceph-mon:mon_running:mon_pidfile:$LOOPBACK:3300,6789" \
        "ceph-osd:osd_running:osd_pidfile:$LOOPBACK (ephemeral ports)" \
        "radosgw:rgw_running:rgw_pidfile:http://$LOOPBACK:$S3_PORT/"; do
        IFS=: read -r name check pidfile where <<<"$line"
        if [[ -f "$CEPH_DIR/osd_id" || "$name" != ceph-osd ]] && "$check"; then
            printf '%-10s running  pid %-8s %s\n' "$name" "$(pid_of "$($pidfile)")" "$where"
        else
            printf '%-10s stopped\n' "$name"
            rc=1
        fi
    done
    return "$rc"
}
