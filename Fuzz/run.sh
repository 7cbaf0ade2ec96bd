#!/usr/bin/env bash
# make fuzz: build the fuzz package with libFuzzer (and AddressSanitizer), seed each target's corpus, run each
# target for a while, print its executions, and keep every crashing input as a regression input.
#
#   Fuzz/run.sh SECONDS [TARGET ...]      (all six targets when none is named)
#
# Corpora grow in Fuzz/corpus/<target>/ (git-ignored) and are reused by the next run. libFuzzer stops a target
# at its first crash; the input is copied to Tests/FuzzRegressions/<target>/, which `make test` replays, and
# the script fails at the end. Environment: SWIFT (default swift), FUZZ_SANITIZERS (default "fuzzer,address"),
# FUZZ_RUNS (stop a target after this many executions even if time is left; default: no limit).
set -euo pipefail

seconds=${1:?usage: Fuzz/run.sh SECONDS [TARGET ...]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
swift=${SWIFT:-swift}
all_targets=(udf_base32 share_parse_recover jwe_escrow_entry keystore_entry curve_point vector_file)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

# Longest input per target: room for the largest seed (escrow entries with four keys, a kind's vectors).
max_len() {
    case $1 in
        udf_base32) echo 4096 ;;
        share_parse_recover) echo 4096 ;;
        jwe_escrow_entry) echo 16384 ;;
        keystore_entry) echo 4096 ;;
        curve_point) echo 1024 ;;
        vector_file) echo 16384 ;;
        *) echo "unknown fuzz target $1" >&2; exit 2 ;;
    esac
}

# --sanitize=fuzzer makes SwiftPM link the executables for libFuzzer's main. The sanitizers themselves come in
# one -sanitize flag naming both: swiftc keeps only the last of several -sanitize flags, so SwiftPM's
# `--sanitize=fuzzer --sanitize=address` builds without coverage instrumentation.
build=("$swift" build -c release --package-path Fuzz --sanitize=fuzzer -Xswiftc -sanitize="${FUZZ_SANITIZERS:-fuzzer,address}")
"${build[@]}"
bin=$("${build[@]}" --show-bin-path)

# Swift's runtime keeps metadata caches for the life of the process; LeakSanitizer would report them.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
export SWIFT_BACKTRACE=enable=no

failed=0
summary=()
for target in "${targets[@]}"; do
    length=$(max_len "$target")
    corpus=Fuzz/corpus/$target
    artifacts=Fuzz/artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    MESHKEY_FUZZ_SEEDS=$corpus MESHKEY_FUZZ_VECTORS=$root/Vectors "$bin/$target"
    log=$artifacts/last-run.log
    echo "$target: fuzzing for $seconds s (log: $log)"
    status=0
    "$bin/$target" "$corpus" -max_total_time="$seconds" -max_len="$length" -rss_limit_mb=2048 -timeout=60 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 -detect_leaks=0 ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    elapsed=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    corpus_size=$(find "$corpus" -type f | wc -l)
    crashes=()
    for file in "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-*; do
        [ -e "$file" ] || continue
        mkdir -p "Tests/FuzzRegressions/$target"
        cp "$file" "Tests/FuzzRegressions/$target/"
        crashes+=("Tests/FuzzRegressions/$target/$(basename "$file")")
        rm "$file"
    done
    if [ $status -ne 0 ] || [ ${#crashes[@]} -gt 0 ]; then
        failed=1
        grep -m 3 -E "ERROR|Fatal error|deadly signal|timeout" "$log" || true
        line="$target: FAILED (exit $status) after ${runs:-?} runs; kept: ${crashes[*]:-none}"
    else
        line="$target: ${runs:-?} runs in ${elapsed:-?} s, corpus $corpus_size inputs, no crash"
    fi
    echo "$line"
    summary+=("$line")
done

echo
printf '%s\n' "${summary[@]}"
if [ $failed -ne 0 ]; then
    echo "fuzz: crash inputs were kept under Tests/FuzzRegressions/; add a test for each, then fix" >&2
    exit 1
fi
