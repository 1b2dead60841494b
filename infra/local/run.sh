#!/usr/bin/env bash
# Runs the function app on this machine against the project's own PostgreSQL and Ceph RGW, ingests notices and
# makes a link report.
#
#   run.sh [--show-key] [--live-web] [PATH...]
#                                   start the services (services.sh up), build in Release, (re)start the host on
#                                   http://127.0.0.1:7071 and ingest PATHs (files or folders of *.xml) over HTTP.
#                                   Without PATH: infra/local/samples (one bad file included, so one rejection),
#                                   and one sample also goes through the queue (S3 incoming/ + tenders-ingest).
#                                   Then a link report of a WordPress export (the CC Labs export of ../shared/corpus,
#                                   else infra/local/link-samples): its links are checked against the simulated web
#                                   and Wayback Machine of the tests (started here, on 127.0.0.1), or with
#                                   --live-web against the real web and archive.org.
#   run.sh stop                     stop the host and the simulated web; the services keep running
#
# Safe to run again: the host is restarted, files ingested before come back as duplicates. State, the host log
# (host.log), its pid (host.pid) and the master key (host-keys.env, mode 600) live in SERVERLESS_STATE_DIR
# (default <repo>/.state). The key is shown masked; --show-key prints it. Needs root (services.sh) and the .NET SDK.
set -euo pipefail

# shellcheck source=infra/local/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

readonly HOST_PORT=7071
readonly HOST_URL="http://$LOOPBACK:$HOST_PORT"
readonly HOST_DIR="$REPO_DIR/functions/Serverless.Functions/bin/Release/net10.0"
readonly HOST_DLL="Serverless.Functions.dll"
readonly CLI_DLL="$REPO_DIR/functions/Serverless.Cli/bin/Release/net10.0/serverless.dll"
readonly HOST_PID="$STATE_DIR/host.pid"
readonly HOST_LOG="$STATE_DIR/host.log"
readonly KEYS_FILE="$STATE_DIR/host-keys.env"
readonly SAMPLES_DIR="$LOCAL_DIR/samples"
# The sample that also takes the queue path, and where it is put for the host to read.
readonly QUEUE_SAMPLE="$SAMPLES_DIR/eforms-pin4-eng-fleet-electrification.xml"
readonly QUEUE_NAME="tenders-ingest"
readonly INCOMING_PREFIX="incoming"

readonly PING_TIMEOUT=60
readonly QUEUE_TIMEOUT=30
# The host drains for up to 25 s (host.json default) and stops within 30 s; then it is killed.
readonly HOST_STOP_TIMEOUT=45
readonly SIM_DLL="$REPO_DIR/tests/Serverless.SimulatedWeb/bin/Release/net10.0/Serverless.SimulatedWeb.dll"
readonly SIM_PID="$STATE_DIR/simulated-web.pid"
readonly SIM_LOG="$STATE_DIR/simulated-web.log"
readonly SIM_SETTINGS="$STATE_DIR/simulated-web.env"
readonly SIM_TIMEOUT=60
readonly LINK_CORPUS_SAMPLE="$REPO_DIR/../shared/corpus/links/wxr/cclabs_wordpress-export_2014.xml"
readonly LINK_OWN_SAMPLE="$LOCAL_DIR/link-samples/blog-export.xml"
readonly REPORT_TIMEOUT_MINUTES=10
# ingest exit codes (serverless ingest --help): 0 all ingested or duplicates, 2 some rejected, 1 some failed.
readonly INGEST_OK=0 INGEST_REJECTED=2

# usage [EXIT]: the header above; 64 (usage error) unless asked for with --help.
usage() {
    sed -n '2,18s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit "${1:-64}"
}

# host_pid: the pid in host.pid if that process is alive and really is our function app (pids get recycled).
host_pid() {
    local pid cmdline
    [[ -s "$HOST_PID" ]] || return 1
    pid="$(pid_of "$HOST_PID")"
    [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline")"
    [[ "$cmdline" == *"$HOST_DLL"* ]] || return 1
    printf '%s\n' "$pid"
}

stop_host() {
    local pid deadline
    if ! pid="$(host_pid)"; then
        rm -f "$HOST_PID"
        return 1
    fi
    step "stopping the host (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$(($(now) + HOST_STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null; do
        if (($(now) >= deadline)); then
            say "the host (pid $pid) did not stop within ${HOST_STOP_TIMEOUT}s: killing it"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.2
    done
    rm -f "$HOST_PID"
    say "host stopped"
}

# sim_pid: the pid in simulated-web.pid if that process is alive and is the simulated web.
sim_pid() {
    local pid
    [[ -s "$SIM_PID" ]] || return 1
    pid="$(pid_of "$SIM_PID")"
    [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
    [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline")" == *Serverless.SimulatedWeb.dll* ]] || return 1
    printf '%s\n' "$pid"
}

stop_simulated_web() {
    local pid
    if ! pid="$(sim_pid)"; then
        rm -f "$SIM_PID"
        return 1
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$SIM_PID" "$SIM_SETTINGS"
    say "simulated web stopped"
}

# start_simulated_web DOCUMENT: the tests' simulated web and Wayback Machine as a process; its settings (where the
# host sends link checks and archive lookups) are exported for the host started next.
start_simulated_web() {
    local document="$1" deadline line
    rm -f "$SIM_SETTINGS"
    step "starting the simulated web and Wayback Machine (127.0.0.1; --live-web checks the real web instead)"
    (
        # shellcheck disable=SC2016 # $$, $1 and $@ are the inner shell's
        exec setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' sim "$SIM_PID" dotnet "$SIM_DLL" "$SIM_SETTINGS" "$document"
    ) </dev/null >"$SIM_LOG" 2>&1 &
    disown
    deadline=$(($(now) + SIM_TIMEOUT))
    until [[ -s "$SIM_SETTINGS" ]]; do
        if (($(now) >= deadline)); then
            stop_simulated_web || true
            die_with_log "the simulated web did not start within ${SIM_TIMEOUT}s" "$SIM_LOG"
        fi
        sleep 0.3
    done
    say "$(head -n 1 "$SIM_LOG")"
    # KEY=VALUE lines written by the simulator: read as data, never sourced.
    while IFS= read -r line; do
        [[ "$line" == *=* ]] && export "${line%%=*}=${line#*=}"
    done <"$SIM_SETTINGS"
}

ping_ok() { curl -fsS -o /dev/null --max-time 2 "$HOST_URL/admin/host/ping" 2>/dev/null; }

# port_in_use: something accepts connections on the host's port (bash's /dev/tcp: no extra tool needed).
port_in_use() { (: <>"/dev/tcp/$LOOPBACK/$HOST_PORT") 2>/dev/null; }

# The master key, generated once. Hex only, so it needs no quoting; read back as data, never sourced.
ensure_master_key() {
    local key=""
    if [[ -f "$KEYS_FILE" ]]; then
        key="$(sed -n 's/^FunctionKeys__Master=//p' "$KEYS_FILE" | head -n 1)"
        [[ "$key" =~ ^[0-9a-f]{64}$ ]] || die "malformed FunctionKeys__Master in $KEYS_FILE: delete the file to get a new key"
    else
        key="$(random_hex 32)"
        (
            umask 077
            printf '# Generated by infra/local/run.sh: master key of the local function host. Never commit.\nFunctionKeys__Master=%s\n' \
                "$key" >"$KEYS_FILE.tmp"
            mv "$KEYS_FILE.tmp" "$KEYS_FILE"
        )
        say "generated a master key in $KEYS_FILE"
    fi
    chmod 600 "$KEYS_FILE"
    export FunctionKeys__Master="$key"
}

masked() { printf '%s…%s' "${1:0:4}" "${1: -4}"; }

start_host() {
    local pid="" deadline
    [[ -f "$HOST_DIR/$HOST_DLL" && -f "$HOST_DIR/host.json" ]] || die "the build left no $HOST_DIR/$HOST_DLL with host.json beside it"

    [[ -f "$HOST_LOG" ]] && mv -f "$HOST_LOG" "$HOST_LOG.1"
    step "starting the host on $HOST_URL (Production, log $HOST_LOG)"
    # Own session and no stdin, so the host outlives this script and never holds its terminal or pipes. The pid
    # is written by the shell that then becomes the host, so host.pid names the host process itself.
    (
        cd "$HOST_DIR"
        # shellcheck disable=SC2016 # $$, $1 and $@ are the inner shell's
        exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
            ASPNETCORE_URLS="$HOST_URL" AzureWebJobsScriptRoot="$HOST_DIR" \
            setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' host "$HOST_PID" dotnet "$HOST_DLL"
    ) </dev/null >"$HOST_LOG" 2>&1 &
    # Not a job of this shell any more: no "Aborted" notice from bash if it crashes, the log says why.
    disown

    deadline=$(($(now) + PING_TIMEOUT))
    until ping_ok; do
        [[ -z "$pid" && -s "$HOST_PID" ]] && pid="$(pid_of "$HOST_PID")"
        if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$HOST_PID"
            die_with_log "the host exited during start-up" "$HOST_LOG"
        fi
        if (($(now) >= deadline)); then
            stop_host || true
            die_with_log "the host did not answer $HOST_URL/admin/host/ping within ${PING_TIMEOUT}s (stopped it)" "$HOST_LOG"
        fi
        sleep 0.5
    done
    say "host ready (pid $(pid_of "$HOST_PID"))"
}

cli() { SERVERLESS_URL="$HOST_URL" SERVERLESS_KEY="$FunctionKeys__Master" dotnet "$CLI_DLL" "$@"; }

# queue_demo: put the queue sample in the bucket under incoming/, enqueue its key, wait for the host's verdict.
queue_demo() {
    local key offset message line deadline
    key="$INCOMING_PREFIX/$(basename "$QUEUE_SAMPLE")"
    step "queue path: $key into bucket $S3_BUCKET, then a $QUEUE_NAME message"
    if ! command -v python3 >/dev/null; then
        say "skipped: python3 is needed for infra/local/s3.py"
        return 0
    fi
    python3 "$LOCAL_DIR/s3.py" put "$S3_BUCKET" "$key" "$QUEUE_SAMPLE" || { say "could not upload $key"; return 1; }
    offset=$(stat -c %s "$HOST_LOG")
    message="$(cli enqueue "$QUEUE_NAME" "{\"objectKey\": \"$key\"}")" || { say "could not enqueue the message"; return 1; }
    say "enqueued message $message"

    # The function logs its outcome with the object key; the listener logs a failed attempt with the message id.
    deadline=$(($(now) + QUEUE_TIMEOUT))
    while (($(now) < deadline)); do
        line="$(tail -c "+$((offset + 1))" "$HOST_LOG" | awk -v key="$key" -v id="message $message " '
            (index($0, ".IngestTenderMessage[") && index($0, key)) || (index($0, ".QueueListener[") && index($0, id)) { print; exit }' || true)"
        if [[ -n "$line" ]]; then
            # "13:54:17.623 info: Category[0] text" -> "text"
            say "host: ${line#*] }"
            [[ "$line" != *QueueListener* ]]
            return
        fi
        sleep 0.5
    done
    say "no outcome for message $message in $HOST_LOG after ${QUEUE_TIMEOUT}s"
    return 1
}

# link_demo DOCUMENT: a link report through the API; remembers its id and one broken link for the hints.
link_demo() {
    local document="$1" out
    step "link report of $(basename "$document") (serverless report)"
    out="$(mktemp)"
    if ! cli report "$document" --timeout "$REPORT_TIMEOUT_MINUTES" | tee "$out"; then
        rm -f "$out"
        say "the link report did not finish (see $HOST_LOG)"
        return 1
    fi
    LINK_REPORT_ID="$(sed -n 's/^report \([0-9a-f-]\{36\}\)$/\1/p' "$out" | head -n 1)"
    rm -f "$out"
    LINK_DEAD_URL="$(curl -fsS -H "x-functions-key: $FunctionKeys__Master" \
        "$HOST_URL/api/link-reports/$LINK_REPORT_ID/links?status=broken&pageSize=1" \
        | python3 -c 'import json,sys; items=json.load(sys.stdin)["items"]; print(items[0]["url"] if items else "")' 2>/dev/null || true)"
}

print_usage_hints() {
    local id="$1" show_key="$2" key_line
    if [[ "$show_key" == 1 ]]; then
        key_line="KEY=$FunctionKeys__Master"
    else
        key_line="KEY=\$(sed -n 's/^FunctionKeys__Master=//p' $KEYS_FILE)   # $(masked "$FunctionKeys__Master"); --show-key prints it"
    fi
    cat <<EOF

Host:    $HOST_URL (pid $(pid_of "$HOST_PID"), Production), log $HOST_LOG
Key:     master key in $KEYS_FILE (mode 600)

Query the API:
  $key_line
  curl -H "x-functions-key: \$KEY" '$HOST_URL/api/tenders?cpv=45&country=FRA'
  curl -H "x-functions-key: \$KEY" '$HOST_URL/api/tenders?q=voirie&deadlineFrom=2027-01-01'
  curl -H "x-functions-key: \$KEY" $HOST_URL/api/tenders/$id
  curl -H "x-functions-key: \$KEY" -H 'Range: bytes=0-299' $HOST_URL/api/tenders/$id/original
Ingest more:
  bash infra/local/run.sh PATH...      (or: dotnet $CLI_DLL ingest PATH... --key "\$KEY")
EOF
    if [[ -n "${LINK_REPORT_ID:-}" ]]; then
        cat <<EOF
Link report:
  curl -H "x-functions-key: \$KEY" $HOST_URL/api/link-reports/$LINK_REPORT_ID
  curl -H "x-functions-key: \$KEY" '$HOST_URL/api/link-reports/$LINK_REPORT_ID/links?status=broken'
  curl -H "x-functions-key: \$KEY" -o report.html $HOST_URL/api/link-reports/$LINK_REPORT_ID/report.html   (also .json, .csv)
  dotnet $CLI_DLL report FILE --key "\$KEY"    (a page, WordPress export, Markdown or text file)
EOF
        if [[ -n "${LINK_DEAD_URL:-}" ]]; then
            cat <<EOF
Readers of a dead link are sent to its archived copy (no key needed):
  curl -sI '$HOST_URL/api/go?url=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$LINK_DEAD_URL")' | grep -i '^location'
EOF
        fi
    fi
    cat <<EOF
Stop:
  bash infra/local/run.sh stop         stops the host (and the simulated web)
  bash infra/local/services.sh down    stops PostgreSQL and Ceph (state kept; 'reset' deletes it)
EOF
}

cmd_run() {
    local show_key=0 live_web=0 arg env_lines rc id queue_rc=0 link_rc=0 link_document
    local -a paths=()
    for arg in "$@"; do
        case "$arg" in
            --show-key) show_key=1 ;;
            --live-web) live_web=1 ;;
            -h | --help) usage 0 ;;
            -*) say "unknown option: $arg"; usage ;;
            *)
                [[ -e "$arg" ]] || die "no such file or folder: $arg"
                paths+=("$(realpath -m "$arg")")
                ;;
        esac
    done
    command -v dotnet >/dev/null || die "dotnet not found: install the .NET SDK named in global.json"
    cd "$REPO_DIR"

    bash "$LOCAL_DIR/services.sh" up
    env_lines="$(bash "$LOCAL_DIR/services.sh" env)" || die "services.sh env failed"
    eval "$env_lines"
    ensure_master_key
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

    # Stopped before the build: the build overwrites the assemblies a running host has loaded.
    stop_host || true
    stop_simulated_web || true
    if port_in_use; then
        die "another process listens on $LOOPBACK:$HOST_PORT (not a host this script started); stop it and run again ('ss -ltnp' shows which)"
    fi
    step "building Serverless.sln (Release)"
    dotnet build Serverless.sln -c Release -nologo -v quiet || die "build failed (errors above); the host is not running"
    link_document="$LINK_OWN_SAMPLE"
    [[ -f "$LINK_CORPUS_SAMPLE" ]] && link_document="$(realpath "$LINK_CORPUS_SAMPLE")"
    ((live_web == 1)) || start_simulated_web "$link_document"
    start_host

    REPORT="$(mktemp)"
    trap 'rm -f "$REPORT"' EXIT
    if ((${#paths[@]} == 0)); then
        paths=("infra/local/samples")
        step "ingesting the samples over HTTP (bad/not-a-notice.xml is meant to be rejected)"
    else
        step "ingesting ${#paths[@]} path(s) over HTTP"
    fi
    rc=0
    cli ingest "${paths[@]}" | tee "$REPORT" || rc=$?
    if [[ "${paths[0]}" == "infra/local/samples" ]]; then
        queue_demo || queue_rc=1
    else
        say "queue path: skipped (PATHs given; the queue sample goes only with the default samples)"
    fi

    link_demo "$link_document" || link_rc=1

    # An id to show the API with: the French sample's, else the first one the run reported.
    id="$(sed -n 's/^\(ingested\|duplicate\) \+\S*eforms-cn16\S* \+\([0-9a-f-]\{36\}\).*/\2/p' "$REPORT" | head -n 1)"
    [[ -n "$id" ]] || id="$(sed -n 's/^\(ingested\|duplicate\) \+\S\+ \+\([0-9a-f-]\{36\}\).*/\2/p' "$REPORT" | head -n 1)"
    print_usage_hints "${id:-ID}" "$show_key"

    if ((rc != INGEST_OK && rc != INGEST_REJECTED)); then
        die "ingest exited with $rc: some files failed (see above, and $HOST_LOG)"
    fi
    ((queue_rc == 0)) || die "the queue path did not work (see above, and $HOST_LOG)"
    ((link_rc == 0)) || die "the link report did not finish (see above, and $HOST_LOG)"
}

case "${1:-}" in
    stop)
        (($# == 1)) || usage
        stop_host || say "no host running"
        stop_simulated_web || true
        ;;
    *) cmd_run "$@" ;;
esac
