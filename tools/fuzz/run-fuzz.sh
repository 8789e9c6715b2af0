#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers that read bytes from outside (tools/fuzz/LinkKit.Fuzz, one target each).
# Builds linkkit-fuzz, instruments LinkKit.Nano.dll (the portable core with registration, as .NET builds it) and the
# emulator's parsers in a copy of the output with SharpFuzz, then runs afl-fuzz on each target in turn, seeded from
# tools/fuzz/corpus/<target>. A target fails when afl-fuzz saved any crash (an escaping exception, a broken oracle,
# an allocation on a per-message path) or hang (a run longer than --timeout), or did not run.
#
#   tools/fuzz/run-fuzz.sh                      the short run of the README test command (every target, 10 s each)
#   tools/fuzz/run-fuzz.sh --seconds 600 shadow a campaign: ten minutes on one target
#
# Findings stay in tools/fuzz/out/findings/<target>/default/{crashes,hangs}; replay one with the uninstrumented build:
#   dotnet tools/fuzz/out/bin/linkkit-fuzz.dll <target> <file>
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=10
timeout_ms=1000
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --timeout) timeout_ms="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "== installing afl++ (fuzzing)"
  if [ "$(id -u)" -ne 0 ]; then echo "afl-fuzz is missing and installing afl++ needs root" >&2; exit 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi

out=tools/fuzz/out
echo "== fuzz: building linkkit-fuzz and instrumenting the parsers with SharpFuzz"
dotnet tool restore >/dev/null
rm -rf "$out/bin" "$out/afl"
dotnet publish tools/fuzz/LinkKit.Fuzz/LinkKit.Fuzz.csproj -c Release -nologo -v q -o "$out/bin"
cp -r "$out/bin" "$out/afl"
# Only the code under test is instrumented: coverage of the harness, the runtime or the broker would be noise.
dotnet tool run sharpfuzz "$out/afl/LinkKit.Nano.dll" >/dev/null
dotnet tool run sharpfuzz "$out/afl/linkkit-emulator.dll" LinkKit.Emulator.Auth.ConnectCredentials \
  LinkKit.Emulator.ControlApi.ApiRequest LinkKit.Emulator.Alink.ThingModel LinkKit.Emulator.Alink.Tsl >/dev/null

[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(dotnet "$out/bin/linkkit-fuzz.dll" list | cut -d' ' -f1)

# No core dumps, UI, CPU binding or governor checks on a shared CI machine; SharpFuzz's map is AFL's classic 64 KiB.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 \
  AFL_MAP_SIZE=65536

field() { sed -n "s/^$1 *: *\([0-9]*\).*/\1/p" "$2" | head -n 1; }
passed=0; failed=0
for target in "${targets[@]}"; do
  findings="$out/findings/$target"
  rm -rf "$findings"
  mkdir -p "$findings"
  afl_status=0
  afl-fuzz -i "tools/fuzz/corpus/$target" -o "$findings" -x tools/fuzz/fuzz.dict -t "$timeout_ms" -m none -V "$seconds" \
    -- dotnet "$out/afl/linkkit-fuzz.dll" "$target" >"$findings/afl-fuzz.log" 2>&1 || afl_status=$?
  stats="$findings/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "fuzz $target: FAILED, afl-fuzz did not run (exit $afl_status); the end of $findings/afl-fuzz.log:"
    tail -n 15 "$findings/afl-fuzz.log" | sed 's/^/  /'
    failed=$((failed + 1)); continue
  fi
  execs=$(field execs_done "$stats"); paths=$(field corpus_count "$stats")
  crashes=$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
  line="fuzz $target: ${seconds}s, ${execs:-0} execs, ${paths:-0} paths, $crashes crashes, $hangs hangs"
  if [ "$afl_status" -eq 0 ] && [ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ]; then
    echo "$line"; passed=$((passed + 1))
  else
    echo "$line: FAILED (afl-fuzz exit $afl_status)"
    find "$findings/default/crashes" "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | head -n 5 | sed 's/^/  /'
    failed=$((failed + 1))
  fi
done

echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
