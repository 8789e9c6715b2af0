#!/usr/bin/env bash
# Flashes one provisioned ESP32 with nanoff: firmware, then the files of a folder written by
# `LinkKit.Flash provision` (identity slots, tsl.json, settings.json) onto I:\, then the application.
# Needs nanoff (dotnet tool install -g nanoff) and a board on a serial port. Never runs in CI.
#
#   tools/flash/flash-device.sh --dir OUT --port /dev/ttyUSB0 --image LinkKit.Esp32Sample.bin
#                               [--target ESP32_PSRAM_REV0] [--masserase] [--skip-firmware]
set -euo pipefail

if [ -n "${CI:-}" ]; then
  echo "flash-device.sh talks to real hardware; it does not run in CI" >&2
  exit 2
fi

usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

dir="" port="" image="" target="ESP32_PSRAM_REV0" masserase="" skip_firmware=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="${2:-}"; shift 2 ;;
    --port) port="${2:-}"; shift 2 ;;
    --image) image="${2:-}"; shift 2 ;;
    --target) target="${2:-}"; shift 2 ;;
    --masserase) masserase="--masserase"; shift ;;
    --skip-firmware) skip_firmware=1; shift ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[ -n "$dir" ] && [ -n "$port" ] && [ -n "$image" ] || usage
[ -f "$dir/deploy.json" ] || { echo "$dir/deploy.json not found: run LinkKit.Flash provision first" >&2; exit 2; }
[ -f "$image" ] || { echo "application image $image not found (build samples/esp32 first)" >&2; exit 2; }

nanoff="${NANOFF:-nanoff}"   # NANOFF: another nanoff (a wrapper, or a fake in the station tests)
if ! command -v "$nanoff" >/dev/null 2>&1; then
  echo "nanoff is not installed: dotnet tool install -g nanoff (and put ~/.dotnet/tools on PATH)" >&2
  exit 2
fi

export NANOFRAMEWORK_TELEMETRY_OPTOUT=1

if [ -z "$skip_firmware" ]; then
  echo "== 1/3 firmware ($target)"
  # Without --masserase nanoff backs up and restores the config partition (I:\), so a provisioned identity survives.
  "$nanoff" --update --target "$target" --serialport "$port" $masserase
fi

echo "== 2/3 files onto I:\\ (secret-store slots, tsl.json, settings.json)"
"$nanoff" --serialport "$port" --filedeployment "$dir/deploy.json"

echo "== 3/3 application"
# --nanodevice asks the running firmware for its deployment address. nanoff's own default (0x1B0000) is wrong for
# classic ESP32 4 MB images since the IDF 5.4 layout, which deploy at 0x1E0000.
"$nanoff" --nanodevice --deploy --serialport "$port" --image "$image"

echo "done: watch the board's output for 'connect result 0'"
