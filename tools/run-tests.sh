#!/usr/bin/env bash
# The README test command: installs what the tests need, builds the nanoFramework gate (the portable
# core and the portable tests against nanoFramework's mscorlib 1.17.11), runs every portable test on the
# real nanoFramework runtime (nanoCLR), compiles the device code against the real nanoFramework libraries,
# fuzzes every parser that reads bytes from outside for a short while (tools/fuzz/run-fuzz.sh, afl++), then runs
# every desktop test project. Ends with "N passed, N failed" over both runtimes and the fuzz targets.
#
# The nanoFramework toolchain comes from NF_CLR, NF_MDP, NF_TF_DIR and NF_REFS, else from
# ../shared/nanoframework beside the repository; without either the nanoCLR stage fails and says what to set.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# need BINARY PACKAGE WHAT: PACKAGE (Debian) is installed below unless BINARY is there; WHAT says which tests use it.
missing=()
need() {
  [ -x "$1" ] && return 0
  echo "== installing $2 ($3)"
  if [ "$(id -u)" -ne 0 ]; then echo "$2 is missing and installing it needs root" >&2; exit 1; fi
  missing+=("$2")
}

# The interop tests start their own mosquitto brokers on 127.0.0.1 (never the system service).
need "$(command -v mosquitto || echo /usr/sbin/mosquitto)" mosquitto "interop tests"
# The web console's tests drive Debian's chromium headless through Playwright (its own browser download is not used).
need /usr/bin/chromium chromium "web console tests"
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== nanoFramework gate: portable core and portable tests against mscorlib 1.17.11"
dotnet build nf-tests/gate/NFUnitTest.Gate.csproj -c Release -nologo -v q

echo "== benchmarks: built (so they keep compiling), not run: timings never gate CI"
dotnet build nf-tests/benchmarks/LinkKit.Nano.Benchmarks.csproj -c Release -nologo -v q

results=$(mktemp -d)
status=0

echo "== nanoCLR: device code compiled against the real nanoFramework libraries, every portable test on the real runtime (tools/nanoclr)"
dotnet build tools/nanoclr/LinkKit.NanoClr/LinkKit.NanoClr.csproj -c Release -nologo -v q
dotnet tools/nanoclr/LinkKit.NanoClr/bin/Release/net10.0/linkkit-nanoclr.dll \
  --lib LinkKit.Nano=nf/src --lib LinkKit.Nano.Registration=nf/registration --lib LinkKit.Nano.Ota=nf/ota --lib nf/LinkKit.Nano.Json.nfproj \
  --device nf/LinkKit.Nano.nfproj --device nf/LinkKit.Nano.Registration.nfproj --device nf/LinkKit.Nano.Ota.nfproj --device nf/LinkKit.Nano.Json.nfproj \
  --device samples/esp32/LinkKit.Esp32Sample.nfproj --device samples/esp32-app/LinkKit.Esp32App.nfproj \
  nf-tests/NFUnitTest.*.nfproj --benchmark nf-tests/nano-benchmarks/NFUnitTest.Benchmarks.nfproj \
  | tee "$results/nanoclr.log" || status=1
nanoclr_summary=$(grep '^nanoclr: ' "$results/nanoclr.log" | tail -n 1)
nano_passed=$(echo "$nanoclr_summary" | sed -n 's/^nanoclr: \([0-9]*\) passed.*/\1/p')
nano_failed=$(echo "$nanoclr_summary" | sed -n 's/.* \([0-9]*\) failed$/\1/p')
nano_passed=${nano_passed:-0}; nano_failed=${nano_failed:-1}

echo "== fuzzing: a short afl++ run of each parser's target (tools/fuzz/run-fuzz.sh; a crash, a hang or an allocation on a per-message path fails it)"
bash tools/fuzz/run-fuzz.sh | tee "$results/fuzz.log" || status=1
fuzz_summary=$(grep '^fuzz: ' "$results/fuzz.log" | tail -n 1)
fuzz_passed=$(echo "$fuzz_summary" | sed -n 's/^fuzz: \([0-9]*\) passed.*/\1/p')
fuzz_failed=$(echo "$fuzz_summary" | sed -n 's/.* \([0-9]*\) failed$/\1/p')
fuzz_passed=${fuzz_passed:-0}; fuzz_failed=${fuzz_failed:-1}
unrun=0
for project in nf-tests/host/LinkKit.Nano.Tests.csproj tools/emulator/LinkKit.Emulator.Tests/LinkKit.Emulator.Tests.csproj tools/emulator/LinkKit.EndToEnd.Tests/LinkKit.EndToEnd.Tests.csproj tools/emulator/LinkKit.Console.Tests/LinkKit.Console.Tests.csproj tools/flash/LinkKit.Flash.Tests/LinkKit.Flash.Tests.csproj tools/fuzz/LinkKit.Fuzz.Tests/LinkKit.Fuzz.Tests.csproj tools/package/LinkKit.Package.Tests/LinkKit.Package.Tests.csproj; do
  echo "== dotnet test $project"
  before=$(find "$results" -name "*.trx" | wc -l)
  if ! dotnet test "$project" -c Release -nologo --logger "trx" --results-directory "$results"; then
    status=1
    # No new TRX: the project did not build or the run died; count it, so the summary cannot read 0 failed.
    [ "$(find "$results" -name "*.trx" | wc -l)" -gt "$before" ] || { echo "FAILED $project: no test results"; unrun=$((unrun + 1)); }
  fi
done

# Sum the counters of every TRX file (dotnet test prints a per-project summary, not one CI reads).
# Plain grep/sed: a fresh machine has only the .NET SDK.
passed=0; failed=$unrun
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
done
echo "== summary"
echo "on nanoCLR: $nano_passed passed, $nano_failed failed (device compile failures count here too)"
echo "fuzz targets (afl++): $fuzz_passed passed, $fuzz_failed failed"
echo "on desktop .NET: $passed passed, $failed failed"
passed=$((passed + nano_passed + fuzz_passed)); failed=$((failed + nano_failed + fuzz_failed))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || status=1
exit $status
