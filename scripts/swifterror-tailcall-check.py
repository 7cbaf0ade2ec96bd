#!/usr/bin/env python3
"""Scans an x86-64 binary for the swifterror tail-call miscompile (swiftlang/swift#90477; LLVM fix
llvm/llvm-project#214590, not in the Swift 6.3 toolchain): a function that receives the Swift error
register (r12 on x86-64) keeps its value in a stack slot, and one of its exits jumps straight into
memset/memcpy/memmove (a tail call) without reloading r12 from that slot. The caller then reads whatever
r12 last held as a thrown error. Docs/optimizer-rethrows.md explains it.

Usage: scripts/swifterror-tailcall-check.py BINARY. Prints each affected function (marked OURS when it is in
meshkey's own modules) and exits 1 if there is any, 0 otherwise.
"""
import re
import subprocess
import sys

binary = sys.argv[1]
disassembly = subprocess.run(["objdump", "-d", "--no-show-raw-insn", binary], check=True,
                             capture_output=True, text=True).stdout
function_re = re.compile(r"^[0-9a-f]+ <(.+)>:$")
save_re = re.compile(r"\bmov\s+%r12,(-?0x[0-9a-f]+)\(%rbp\)")
tail_re = re.compile(r"\bjmp\s+[0-9a-f]+ <(memset|memcpy|memmove)(@plt)?>")

def scan(name, lines):
    slot = None
    for line in lines[:12]:
        match = save_re.search(line)
        if match:
            slot = match.group(1)
            break
    if slot is None:
        return []
    restore = re.compile(r"\bmov\s+" + re.escape(slot) + r"\(%rbp\),%r12\b")
    # Harmless unless the function itself writes r12 (as a scratch register) somewhere other than the reload:
    # the calls it makes preserve r12 on their normal return.
    writes = re.compile(r",%r12[dwb]?\s*$|\bpop\s+%r12\b")
    if not any(writes.search(line) and not restore.search(line) for line in lines):
        return []
    findings = []
    # Walk each straight-line path back from a tail jump to the previous branch target or jump: if no reload
    # of r12 is on it, the tail call leaves r12 as the function last set it.
    for index, line in enumerate(lines):
        match = tail_re.search(line)
        if not match:
            continue
        reloaded = False
        for back in range(index - 1, max(index - 40, 0), -1):
            if restore.search(lines[back]):
                reloaded = True
                break
            if re.search(r"\b(ret|jmp|ud2)\b", lines[back]):
                break
        if not reloaded:
            findings.append(match.group(1))
    return findings

current, body, found = None, [], []
def finish():
    if current is not None:
        for callee in scan(current, body):
            found.append((current, callee))
for line in disassembly.splitlines():
    match = function_re.match(line)
    if match:
        finish()
        current, body = match.group(1), []
    elif current is not None and line.strip():
        body.append(line)
finish()

ours = [f for f in found if re.search(r"(Mesh|meshkey|FuzzHarness)", f[0])]
demangled = {}
if found:
    names = "\n".join(f[0] for f in found)
    output = subprocess.run(["swift", "demangle", "--simplified"], input=names, capture_output=True, text=True).stdout
    demangled = dict(zip([f[0] for f in found], output.splitlines()))
for name, callee in found:
    marker = "OURS " if (name, callee) in ours else "other"
    print(f"{marker} tail-jumps to {callee} with r12 not reloaded: {demangled.get(name, name)}")
print(f"swifterror tail-call check: {len(found)} function(s) affected, {len(ours)} in meshkey's modules")
sys.exit(1 if found else 0)
