#!/usr/bin/env bash
# Runs the whole test suite against the project's own services (PostgreSQL, Ceph RGW), started here.
# Ends with the plain line "N passed, N failed" (totals over all test projects); exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

# Tests may lose data on a crash; nothing else uses this cluster.
export SERVERLESS_PG_FSYNC="${SERVERLESS_PG_FSYNC:-off}"
bash infra/local/services.sh up
eval "$(bash infra/local/services.sh env)"
# The tests get a database and a bucket of their own (services.sh creates the database; the tests migrate it and make
# the bucket): what they leave behind (reports, link history, Save Page Now requests, queue messages) never mixes
# with the data of a host started by run.sh, and that host never takes the tests' messages.
export ConnectionStrings__Postgres="${ConnectionStrings__Postgres/Database=serverless;/Database=serverless_test;}"
[[ "$ConnectionStrings__Postgres" == *"Database=serverless_test;"* ]] || { echo "cannot point the tests at database serverless_test"; echo "0 passed, 1 failed"; exit 1; }
export S3__Bucket="${S3__Bucket}-test"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

status=0
dotnet build Serverless.sln -c Release -nologo -v quiet || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
dotnet test Serverless.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=3000000 || status=$?

passed=0; failed=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  a=$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
done

expected=$(ls tests/*/*.Tests.csproj | wc -l)
if [ "$files" -lt "$expected" ]; then
  echo "only $files of $expected test projects reported results"
  failed=$((failed + expected - files))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status"
  failed=1
fi

# The quick benchmark run (infra/local/bench.sh --quick) keeps the benchmark project working. Its figures never fail
# CI (the machines are shared and noisy); a run that crashes counts as one failure.
echo "quick benchmarks (a smoke run; figures are not checked):"
if ! dotnet tests/Serverless.Benchmarks/bin/Release/net10.0/Serverless.Benchmarks.dll run --quick; then
  echo "the quick benchmark run crashed (the reason is above): counted as 1 failure"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
