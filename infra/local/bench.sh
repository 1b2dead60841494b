#!/usr/bin/env bash
# Runs the benchmarks against the project's own services (PostgreSQL, Ceph RGW), started here, and prints one line
# per figure ("name: ours X unit, floor Y unit, ratio Z (target ...: met|MISSED)") and a short machine description.
#
#   bench.sh [--quick] [--only NAME,...]   --quick: a smoke run (under a minute, figures too short to trust);
#                                          NAME: http, cold-start, ingestion, large-document, queue, parsing
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

dotnet build tests/Serverless.Benchmarks/Serverless.Benchmarks.csproj -c Release -nologo -v quiet >&2
# exec: Ctrl-C and SIGTERM reach the benchmark process, which kills the servers it started.
exec dotnet tests/Serverless.Benchmarks/bin/Release/net10.0/Serverless.Benchmarks.dll run "$@"
