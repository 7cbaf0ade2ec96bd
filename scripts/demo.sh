#!/usr/bin/env bash
# The main job end to end. Part 1: split a fresh secret 3-of-5, recover it from three shares, then from all
# five with one share corrupted and see that share named. Part 2: create a master profile in a throwaway key
# store, escrow it 3 of 5, recover it on "new hardware" (a second, empty store) from three shares with
# --expect, check the profile UDFs match, and see a wrong share refused.
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

echo
echo "================ the master profile: create, escrow, recover on new hardware ================"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
# A throwaway passphrase for the demo (real use: a terminal prompt, or --passphrase-file).
export MESHKEY_PASSPHRASE="demo passphrase, not for real use"
old="$work/old-laptop"
new="$work/new-laptop"

echo "== meshkey store init --store $old"
"$meshkey" store init --store "$old" || exit 1
echo "== meshkey profile create --store $old"
profile=$("$meshkey" profile create --store "$old") || exit 1
echo "$profile"
echo "== meshkey profile escrow --store $old --threshold 3 --shares 5"
escrow=$("$meshkey" profile escrow --store "$old" --threshold 3 --shares 5) || exit 1
echo "$escrow"
mapfile -t escrowLines <<< "$escrow"
paper=("${escrowLines[@]:1:5}")

echo
echo "== new hardware: an empty store"
"$meshkey" store init --store "$new" || exit 1
echo "== meshkey profile recover --store $new --expect $profile <share 2> <share 4> <share 5>"
"$meshkey" profile recover --store "$new" --expect "$profile" "${paper[1]}" "${paper[3]}" "${paper[4]}" || exit 1
recovered=$("$meshkey" profile verify "$new/$profile.profile" --expect "$profile") || exit 1
echo "profile document on the new laptop verifies: $recovered"
[ "$recovered" = "$profile" ] && echo "(the profile UDFs match)" || { echo "MISMATCH"; exit 1; }

echo
echo "== a wrong share: a share of another secret in place of share 4"
other=$("$meshkey" split --threshold 3 --shares 5 --bits 280 | sed -n 6p)  # its share x = 4
"$meshkey" store init --store "$work/third-laptop" >/dev/null || exit 1
if "$meshkey" profile recover --store "$work/third-laptop" --expect "$profile" \
        "${paper[0]}" "${paper[1]}" "${paper[2]}" "$other" "${paper[4]}"; then
    echo "UNEXPECTED: a wrong share was accepted"
    exit 1
fi
echo "(refused; the store was not touched: $("$meshkey" store status --store "$work/third-laptop" | grep -i entries))"
