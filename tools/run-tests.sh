#!/usr/bin/env bash
# The README test command: installs what the tests need, builds the nanoFramework gate (the portable
# core and the portable tests against nanoFramework's mscorlib 1.17.11), then runs every test project.
# Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The interop tests start their own mosquitto brokers on 127.0.0.1 (never the system service).
if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  echo "== installing mosquitto (interop tests)"
  if [ "$(id -u)" -ne 0 ]; then echo "mosquitto is missing and installing it needs root" >&2; exit 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mosquitto >/dev/null
fi

echo "== nanoFramework gate: portable core and portable tests against mscorlib 1.17.11"
dotnet build nf-tests/gate/NFUnitTest.Gate.csproj -c Release -nologo -v q

echo "== benchmarks: built (so they keep compiling), not run: timings never gate CI"
dotnet build nf-tests/benchmarks/LinkKit.Nano.Benchmarks.csproj -c Release -nologo -v q

results=$(mktemp -d)
status=0
for project in nf-tests/host/LinkKit.Nano.Tests.csproj tools/emulator/LinkKit.Emulator.Tests/LinkKit.Emulator.Tests.csproj tools/emulator/LinkKit.EndToEnd.Tests/LinkKit.EndToEnd.Tests.csproj tools/flash/LinkKit.Flash.Tests/LinkKit.Flash.Tests.csproj; do
  echo "== dotnet test $project"
  dotnet test "$project" -c Release -nologo --logger "trx" --results-directory "$results" || status=1
done

# Sum the counters of every TRX file (dotnet test prints a per-project summary, not one CI reads).
# Plain grep/sed: a fresh machine has only the .NET SDK.
passed=0; failed=0
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || status=1
exit $status
