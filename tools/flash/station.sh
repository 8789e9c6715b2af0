#!/usr/bin/env bash
# A factory station: board after board, read the board id, take its identity from the ledger (assign), write its
# folder (provision-board), flash it (flash-device.sh), check what it prints at boot (done), delete the folder.
# Import the console's CSV into the ledger first: LinkKit.Flash provision-batch --csv FILE --ledger LEDGER.
# Needs nanoff and a board on a serial port. Never runs in CI.
#
#   tools/flash/station.sh --ledger LEDGER --tsl tsl.json --image LinkKit.Esp32Sample.bin --port /dev/ttyUSB0
#       [--board-id ID | --board-id-cmd CMD] [--check-cmd CMD] [--check-seconds 30] [--settings settings.json]
#       [--target ESP32_PSRAM_REV0] [--masserase] [--skip-firmware] [--station NAME] [--work DIR] [--keep]
#
#   --board-id ID       one board, then stop. --board-id-cmd CMD: run for each board (PORT set); prints the id
#                       (e.g. the chip MAC); empty output or a failure stops the station. Neither: the operator types
#                       or scans each board's label; an empty line stops.
#   --check-cmd CMD     prints what the flashed board shows at boot (PORT, BOARD_ID set). Default: capture the serial
#                       port for --check-seconds while the operator presses the board's reset button.
#   --keep              keep each board's folder (it holds the secret in clear); by default it is deleted after the
#                       board, and leftovers of an earlier run are deleted at start.
# Exit: 0 every board done; 1 a board failed (it keeps its identity: run it again); 3 the ledger has no free identity.
set -euo pipefail

if [ -n "${CI:-}" ]; then
  echo "station.sh talks to real hardware; it does not run in CI" >&2
  exit 2
fi

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

here="$(cd "$(dirname "$0")" && pwd)"
ledger="" tsl="" image="" port="" settings="" target="ESP32_PSRAM_REV0" board_id="" board_id_cmd="" check_cmd=""
check_seconds=30 station="${HOSTNAME:-$(uname -n)}" work="${HOME:-/tmp}/.cache/linkkit-station" keep="" flash_flags=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ledger) ledger="${2:-}"; shift 2 ;;
    --tsl) tsl="${2:-}"; shift 2 ;;
    --image) image="${2:-}"; shift 2 ;;
    --port) port="${2:-}"; shift 2 ;;
    --settings) settings="${2:-}"; shift 2 ;;
    --target) target="${2:-}"; shift 2 ;;
    --board-id) board_id="${2:-}"; shift 2 ;;
    --board-id-cmd) board_id_cmd="${2:-}"; shift 2 ;;
    --check-cmd) check_cmd="${2:-}"; shift 2 ;;
    --check-seconds) check_seconds="${2:-}"; shift 2 ;;
    --station) station="${2:-}"; shift 2 ;;
    --work) work="${2:-}"; shift 2 ;;
    --keep) keep=1; shift ;;
    --masserase|--skip-firmware) flash_flags+=("$1"); shift ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[ -n "$ledger" ] && [ -n "$tsl" ] && [ -n "$image" ] && [ -n "$port" ] || usage
[ -z "$board_id" ] || [ -z "$board_id_cmd" ] || { echo "give at most one of --board-id and --board-id-cmd" >&2; exit 2; }
[ -f "$ledger" ] || { echo "no ledger $ledger: import the console's CSV first (LinkKit.Flash provision-batch)" >&2; exit 2; }

# The tool, built once (dotnet build tools/flash/LinkKit.Flash -c Release); LINKKIT_FLASH_DLL points elsewhere.
dll="${LINKKIT_FLASH_DLL:-$here/LinkKit.Flash/bin/Release/net10.0/LinkKit.Flash.dll}"
[ -f "$dll" ] || { echo "$dll not found: dotnet build tools/flash/LinkKit.Flash -c Release" >&2; exit 2; }
tool() { dotnet "$dll" "$@"; }

# Board folders hold secrets in clear: a private work folder, emptied at start (a crash runs no clean-up) and at exit.
mkdir -p "$work"
chmod 700 "$work"
clean() { [ -n "$keep" ] || rm -rf "$work"/board-*; }
clean
trap clean EXIT

next_board() {
  if [ -n "$board_id_cmd" ]; then
    PORT="$port" bash -c "$board_id_cmd" || true
  else
    local id=""
    read -r -p "board id (scan or type the label; empty line to stop): " id || true
    echo "$id"
  fi
}

read_back() {   # $1 board id; prints what the board shows at boot
  if [ -n "$check_cmd" ]; then
    PORT="$port" BOARD_ID="$1" bash -c "$check_cmd"
  else
    # The firmware prints "identity from the secret store: SecretRecord(DeviceSecret, productKey=…, deviceName=…, …)".
    stty -F "$port" 921600 raw -echo
    echo "   press RESET on the board (waiting up to ${check_seconds} s for its identity line)" >&2
    timeout "$check_seconds" grep -a -m 1 -o 'SecretRecord([^)]*)' < "$port" || true
  fi
}

steps() {   # $1 board id, $2 its folder
  local board="$1" dir="$2" out provision
  tool assign --ledger "$ledger" --board-id "$board" --station "$station" || return $?
  provision=(--ledger "$ledger" --board-id "$board" --tsl "$tsl" --out "$dir" --target "$target" --serialport "$port" --image "$image")
  [ -z "$settings" ] || provision+=(--settings "$settings")
  out="$(tool provision-board "${provision[@]}")" || return 1
  echo "${out%%$'\n'*}"
  "$here/flash-device.sh" --dir "$dir" --port "$port" --image "$image" --target "$target" ${flash_flags[@]+"${flash_flags[@]}"} || return 1
  read_back "$board" > "$dir/boot.log" || return 1
  tool done --ledger "$ledger" --board-id "$board" --boot-log "$dir/boot.log" --station "$station"
}

one_board() {   # $1 board id; returns 0 done, 3 no free identity, else failed
  local dir rc=0
  dir="$work/board-$(printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_')"
  rm -rf "$dir"
  steps "$1" "$dir" || rc=$?
  [ -n "$keep" ] || rm -rf "$dir"   # done or failed: the ledger keeps the identity, the folder is made again
  return $rc
}

done_count=0 failed=()
while true; do
  if [ -n "$board_id" ]; then
    board="$board_id"
  else
    board="$(next_board | head -n 1 | tr -d '\r')"
    [ -n "$board" ] || break
  fi
  echo "== board $board"
  rc=0
  one_board "$board" || rc=$?
  if [ "$rc" -eq 0 ]; then
    done_count=$((done_count + 1))
  elif [ "$rc" -eq 3 ]; then
    echo "the ledger has no free identity: import the next CSV" >&2
    echo "station $station: $done_count boards done, ${#failed[@]} failed${failed[*]+: ${failed[*]}}"
    exit 3
  else
    echo "board $board FAILED (exit $rc); it keeps its identity: put it back on the station to run it again" >&2
    failed+=("$board")
  fi
  [ -z "$board_id" ] || break   # --board-id: one board only
done

echo "station $station: $done_count boards done, ${#failed[@]} failed${failed[*]+: ${failed[*]}}"
[ "${#failed[@]}" -eq 0 ]
