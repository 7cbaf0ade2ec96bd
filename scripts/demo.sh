#!/usr/bin/env bash
# The main job end to end: split a fresh secret 3-of-5, recover it from three shares, then recover from
# all five with one share corrupted and see that share named.
set -uo pipefail
meshkey=${1:-.build/release/meshkey}

echo "== meshkey split --threshold 3 --shares 5   (a fresh 256-bit secret)"
output=$("$meshkey" split --threshold 3 --shares 5) || exit 1
echo "$output"
mapfile -t lines <<< "$output"
secret=${lines[0]}
shares=("${lines[@]:2:5}")

echo
echo "== meshkey recover <share 5> <share 1> <share 3>"
recovered=$("$meshkey" recover "${shares[4]}" "${shares[0]}" "${shares[2]}") || exit 1
echo "$recovered"
[ "$recovered" = "$secret" ] && echo "(matches the secret)" || { echo "MISMATCH"; exit 1; }

echo
bad=${shares[3]}
position=7
replacement=A
[ "${bad:$position:1}" = "A" ] && replacement=B
corrupted="${bad:0:$position}$replacement${bad:$((position + 1))}"
echo "== share 4 with one character changed: $bad -> $corrupted"
echo "== meshkey recover <all five shares, share 4 corrupted>"
printed=$("$meshkey" recover "${shares[0]}" "${shares[1]}" "${shares[2]}" "$corrupted" "${shares[4]}")
status=$?
if [ $status -eq 0 ] || [ -n "$printed" ]; then
    echo "UNEXPECTED: a corrupted set was accepted"
    exit 1
fi
echo "(refused with exit code $status; nothing was printed on standard output)"
