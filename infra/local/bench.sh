#!/usr/bin/env bash
# Runs the benchmarks against the project's own services (PostgreSQL, Ceph RGW), started here, and prints one line
# per figure ("name: ours X unit, floor Y unit, ratio Z (target ...: met|MISSED)") and a short machine description.
#
#   bench.sh [--quick] [--only NAME,...]   --quick: a smoke run (under a minute, figures too short to trust);
#                                          NAME: http, cold-start, ingestion, large-document, queue, parsing,
#                                          links, link-memory
#
# Every figure is a ratio against a floor measured in the same run, because these machines are shared and noisy.
# A missed target does not fail (exit 0); a benchmark that cannot run does (exit 1). Benchmark rows and objects go to
# their own schema (serverless_bench) and bucket (<bucket>-bench), both removed at the end.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

bash infra/local/services.sh up >&2
eval "$(bash infra/local/services.sh env)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# linkinator (npm, pinned, under the state folder) is the other side of the link-check figures. Without it (offline,
# say) those figures print "skipped: linkinator unavailable (reason)" and everything else runs.
only=""
for ((i = 1; i <= $#; i++)); do
    if [[ "${!i}" == --only ]]; then j=$((i + 1)); only=",${!j:-},"; fi
done
if [[ -z "$only" || "$only" == *,links,* ]]; then
    npm_log=$(mktemp)
    if prefix=$(bash infra/local/linkinator.sh 2>"$npm_log"); then
        export SERVERLESS_BENCH_LINKINATOR="$prefix"
    else
        export SERVERLESS_BENCH_LINKINATOR_UNAVAILABLE="infra/local/linkinator.sh: $(tail -n 1 "$npm_log")"
    fi
    cat "$npm_log" >&2
    rm -f "$npm_log"
fi

dotnet build tests/Serverless.Benchmarks/Serverless.Benchmarks.csproj -c Release -nologo -v quiet >&2
# exec: Ctrl-C and SIGTERM reach the benchmark process, which kills the servers it started.
exec dotnet tests/Serverless.Benchmarks/bin/Release/net10.0/Serverless.Benchmarks.dll run "$@"
