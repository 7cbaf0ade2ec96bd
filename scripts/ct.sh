#!/bin/sh
# The constant-time check (make ct): meshkey-ct under valgrind's memcheck, secrets marked undefined with
# client requests. First the control, whose deliberate secret-dependent branch and memory index memcheck
# must report (otherwise the check would prove nothing on this machine); then every check, which must
# report 0 errors. Usage: scripts/ct.sh PATH-TO-meshkey-ct
set -eu
binary=$1
here=$(dirname "$0")
log=$(mktemp)
trap 'rm -f "$log"' EXIT
memcheck() {
    valgrind --tool=memcheck --error-exitcode=1 --suppressions="$here/ct-suppressions.supp" \
        --log-file="$log" "$@"
}

echo "control: a deliberate secret-dependent branch and memory index must be reported"
if memcheck "$binary" control >/dev/null; then
    cat "$log"
    echo "ct: memcheck reported nothing for the control; the check does not work here"
    exit 1
fi
branch=$(grep -c "Conditional jump or move depends on uninitialised value" "$log" || true)
index=$(grep -c "Use of uninitialised value of size" "$log" || true)
if [ "$branch" -eq 0 ] || [ "$index" -eq 0 ]; then
    cat "$log"
    echo "ct: the control's branch ($branch reports) or index ($index reports) was missed"
    exit 1
fi
echo "control: reported as expected ($branch branch and $index index reports); $(grep -o 'ERROR SUMMARY.*' "$log")"

echo "all checks: must report 0 errors"
if ! memcheck "$binary" all; then
    cat "$log"
    echo "ct: memcheck reported secret-dependent branches or memory indices (above)"
    exit 1
fi
echo "all checks: $(grep -o 'ERROR SUMMARY.*' "$log")"
