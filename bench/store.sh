#!/usr/bin/env bash
# Key store figures: `store list` and `store show` with 10 000 entries, and `profile recover` end to end
# (whole process, store without a passphrase so that the KDF is excluded). Installs hyperfine when missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
"$here/scripts/install-packages.sh" hyperfine
swift build -c release --static-swift-stdlib --product meshkey >/dev/null
swift build -c release --product meshkey-bench >/dev/null
meshkey="$here/.build/release/meshkey"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
count=${1:-10000}
echo "creating a store with $count entries…"
last=$(.build/release/meshkey-bench --make-store "$work/store" "$count")
hyperfine --warmup 3 --runs 20 \
    "$meshkey store list --unprotected --store $work/store > /dev/null" \
    "$meshkey store show $last --unprotected --store $work/store > /dev/null"
# profile recover, whole process: shares of a fresh profile into an unprotected store.
"$meshkey" store init --store "$work/source" --insecure-no-passphrase >/dev/null
profile=$("$meshkey" profile create --unprotected --store "$work/source")
mapfile -t lines < <("$meshkey" profile escrow --unprotected --store "$work/source" -t 3 -n 5)
"$meshkey" store init --store "$work/target" --insecure-no-passphrase >/dev/null
hyperfine --warmup 3 --runs 50 \
    "$meshkey profile recover --unprotected --store $work/target --expect $profile ${lines[1]} ${lines[3]} ${lines[5]} > /dev/null"
