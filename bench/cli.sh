#!/usr/bin/env bash
# Whole-process timings, meshkey against Debian's ssss, 3-of-5 with a 32-byte secret, side by side in one
# hyperfine run per operation (hyperfine runs each command's batch in turn). Installs ssss and hyperfine when
# missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
meshkey=$(cd "$here" && realpath "${1:-.build/release/meshkey}")
"$here/scripts/install-packages.sh" ssss hyperfine
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
secret_hex=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$secret_hex" > "$work/secret.txt"
ssss-split -t 3 -n 5 -x -q < "$work/secret.txt" > "$work/ssss-shares.txt" 2>/dev/null
head -3 "$work/ssss-shares.txt" > "$work/ssss-3.txt"
mapfile -t mesh < <("$meshkey" split -t 3 -n 5 | tail -n 5)
printf '%s\n' "${mesh[@]:0:3}" > "$work/mesh-3.txt"
cd "$work"
# Debian 12's hyperfine has no --input: redirect through the shell (hyperfine subtracts the shell's own
# start-up time from every measurement).
hyperfine --warmup 30 --runs 300 --export-markdown split.md \
    "ssss-split -t 3 -n 5 -x -q < secret.txt" \
    "$meshkey split -t 3 -n 5 < /dev/null"
hyperfine --warmup 30 --runs 300 --export-markdown recover.md \
    "ssss-combine -t 3 -x -q < ssss-3.txt" \
    "$meshkey recover < mesh-3.txt"
cat split.md recover.md
