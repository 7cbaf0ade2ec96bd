#!/usr/bin/env bash
# Whole-process timings of meshkey against Debian's ssss (ssss-split/ssss-combine) and libgfshare
# (gfsplit/gfcombine): 3-of-5 split and recover of a 16- and a 32-byte secret, the three tools side by side
# in one hyperfine run per operation, then meshkey-bench --quick for the library figures. Prints the medians
# and the meshkey/peer ratios. Installs ssss, libgfshare-bin and hyperfine when missing.
#
#   bench/peers.sh [meshkey binary] [meshkey-bench binary]     (make bench-peers builds both, release)
#
# All three read the secret from a file (meshkey --secret-file, gfsplit's input file, ssss-split's standard
# input in hex mode) and write the shares: to standard output (meshkey, ssss) or five files (gfsplit).
# Recovery reads three shares: meshkey and ssss from standard input, gfcombine from three files.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
meshkey=$(cd "$here" && realpath "${1:-.build/release/meshkey}")
bench=$(cd "$here" && realpath "${2:-.build/release/meshkey-bench}")
runs=${RUNS:-200}
"$here/scripts/install-packages.sh" ssss libgfshare-bin hyperfine
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

median() {  # median in ms of command $2 in hyperfine JSON $1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]; print("%.2f" % (r["median"]*1000))' "$1" "$2"
}

summary=()
for bytes in 16 32; do
    head -c "$bytes" /dev/urandom > "secret-$bytes.bin"
    od -An -tx1 "secret-$bytes.bin" | tr -d ' \n' > "secret-$bytes.hex"
    echo >> "secret-$bytes.hex"
    # Shares for the recover runs, and a check that each tool gives its secret back.
    ssss-split -t 3 -n 5 -x -q < "secret-$bytes.hex" 2>/dev/null | head -3 > "ssss-$bytes.txt"
    [ "$(ssss-combine -t 3 -x -q < "ssss-$bytes.txt" 2>&1)" = "$(cat "secret-$bytes.hex")" ] || { echo "ssss round trip failed"; exit 1; }
    mkdir -p "gf-$bytes"
    gfsplit -n 3 -m 5 "secret-$bytes.bin" "gf-$bytes/share"
    gfshares=$(ls "gf-$bytes"/share.* | head -3 | tr '\n' ' ')
    # shellcheck disable=SC2086
    gfcombine -o "gf-$bytes.out" $gfshares
    cmp -s "gf-$bytes.out" "secret-$bytes.bin" || { echo "gfshare round trip failed"; exit 1; }
    "$meshkey" split -t 3 -n 5 --secret-file "secret-$bytes.bin" | tail -n 5 | head -3 > "mesh-$bytes.txt"
    "$meshkey" recover < "mesh-$bytes.txt" > /dev/null
    mkdir -p "gfrun-$bytes"

    # Debian 12's hyperfine 1.15 has no --input: standard input is redirected through the shell (hyperfine
    # subtracts the shell's own start-up time from every measurement).
    hyperfine --warmup 20 --runs "$runs" --export-json "split-$bytes.json" --export-markdown "split-$bytes.md" \
        "$meshkey split -t 3 -n 5 --secret-file secret-$bytes.bin" \
        "ssss-split -t 3 -n 5 -x -q < secret-$bytes.hex" \
        "gfsplit -n 3 -m 5 secret-$bytes.bin gfrun-$bytes/share"
    hyperfine --warmup 20 --runs "$runs" --export-json "recover-$bytes.json" --export-markdown "recover-$bytes.md" \
        "$meshkey recover < mesh-$bytes.txt" \
        "ssss-combine -t 3 -x -q < ssss-$bytes.txt" \
        "gfcombine -o /dev/null $gfshares"
    for operation in split recover; do
        m=$(median "$operation-$bytes.json" 0); s=$(median "$operation-$bytes.json" 1); g=$(median "$operation-$bytes.json" 2)
        summary+=("$(printf '%-8s %2s bytes  meshkey %6s ms  ssss %6s ms  gfshare %6s ms  meshkey/ssss %5s  meshkey/gfshare %5s' \
            "$operation" "$bytes" "$m" "$s" "$g" \
            "$(python3 -c "print('%.2f' % ($m/$s))")" "$(python3 -c "print('%.2f' % ($m/$g))")")")
    done
done

for bytes in 16 32; do cat "split-$bytes.md" "recover-$bytes.md"; done
echo
echo "medians, whole process ($runs runs each):"
printf '%s\n' "${summary[@]}"
echo
echo "library (meshkey-bench --quick):"
"$bench" --quick
