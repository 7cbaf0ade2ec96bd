#!/usr/bin/env python3
"""Independent generator of Vectors/vss.json: Feldman commitments for Mesh share sets.

Plain Python integers, no meshkey code: the Schnorr group derivation of Docs/formats.md §22.1, the Shamir
polynomial of §8.2 (evaluated directly, not by Lagrange), share UDFs (§9.1) and Base32 presentation.
Usage: python3 scripts/vss-vectors.py > Vectors/vss.json
"""
import base64, hashlib, json, random

OFFSETS = [1, 1, 43, 15, 15, 21, 81, 13, 15, 13, 7, 61, 111, 25, 451, 51, 85, 175, 253, 7, 87, 427, 27, 133,
           235, 375, 423, 735, 357, 115, 81, 297, 175, 57, 45, 127, 61, 37, 91, 27, 15, 241, 231, 55, 105,
           127, 115, 231, 207, 181, 37, 235, 163, 1093, 187, 211, 21, 841, 445, 165, 777, 583, 133, 75]
LABEL = "meshkey share commitments v1"
QBITS = 3072

def prime(L): return 2 ** (8 * L) + OFFSETS[L - 1]

def shake(text, n): return int.from_bytes(hashlib.shake_256(text.encode()).digest(n), "big")

def is_probable_prime(n, rounds=24):
    if n % 2 == 0: return n == 2
    for sp in (3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47):
        if n % sp == 0: return n == sp
    d, s = n - 1, 0
    while d % 2 == 0: d //= 2; s += 1
    rng = random.Random(n)
    for _ in range(rounds):
        a = rng.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1): continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1: break
        else: return False
    return True

def group(L, counter):
    p = prime(L)
    rbits = QBITS - 8 * L - 1
    r = shake(f"{LABEL}|q|L={L}|{counter}", (rbits + 7) // 8) % 2 ** (rbits - 1) + 2 ** (rbits - 1)
    q = 2 * r * p + 1
    assert q.bit_length() == QBITS and is_probable_prime(q), "not the tabulated counter"
    h = shake(f"{LABEL}|g|L={L}|0", QBITS // 8 + 16) % q
    g = pow(h, 2 * r, q)
    assert g != 1 and pow(g, p, q) == 1
    return p, q, g

COUNTERS = {32: 43, 35: 2306, 64: 710}

def evaluate(coefficients, x, p): return sum(a * x ** j for j, a in enumerate(coefficients)) % p

def b32(data):
    text = base64.b32encode(data).decode().rstrip("=")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))

def share(k, x, y, L): return b32(bytes([0x90, (k << 4) | (x - 1)]) + y.to_bytes(L, "big"))

def hx(v, n): return v.to_bytes(n, "big").hex()

def coefficients(L, k, label):
    secret = shake(f"vss vector secret|{label}", L)
    if L == 35: secret = int.from_bytes(bytes([0xC8, 0x01, 0x02]) + secret.to_bytes(35, "big")[3:], "big")
    rest = [shake(f"vss vector coefficient|{label}|{j}", L) >> 1 for j in range(1, k)]
    return [secret] + rest

vectors = []
for L in (32, 35, 64):
    p, q, g = group(L, COUNTERS[L])
    vectors.append({"id": f"vss-parameters-L{L}", "kind": "vss_parameters", "source": "meshkey formats.md §22.1 (scripts/vss-vectors.py)",
                    "input": {"secret_length": L},
                    "expected": {"parameters": f"feldman-q3072-L{L}-v1", "modulus_counter": COUNTERS[L], "generator_counter": 0,
                                 "modulus_hex": hx(q, 384), "generator_hex": hx(g, 384)}})

for (L, k, n) in ((32, 2, 3), (35, 3, 5), (64, 4, 6)):
    p, q, g = group(L, COUNTERS[L])
    a = coefficients(L, k, f"commit-{L}")
    ys = [evaluate(a, x, p) for x in range(1, n + 1)]
    assert all(y < 2 ** (8 * L) for y in ys)
    A = [pow(g, aj, q) for aj in a]
    for x, y in zip(range(1, n + 1), ys):
        rhs = 1
        for j, Aj in enumerate(A): rhs = rhs * pow(Aj, x ** j, q) % q
        assert pow(g, y, q) == rhs
    vectors.append({"id": f"vss-commit-L{L}-{k}of{n}", "kind": "vss_commit", "source": "meshkey formats.md §22.2 (scripts/vss-vectors.py)",
                    "input": {"secret_hex": hx(a[0], L), "share_count": n, "coefficients_dec": [str(c) for c in a[1:]]},
                    "expected": {"shares": [share(k, x, y, L) for x, y in zip(range(1, n + 1), ys)],
                                 "commitments_hex": [hx(c, 384) for c in A]}})

# Verification and refusals, L = 35, 3 of 5; epoch 2 is a reshare of the same secret.
L, k, n = 35, 3, 5
p, q, g = group(L, COUNTERS[L])
a1 = coefficients(L, k, "verify-epoch1")
a2 = [a1[0]] + coefficients(L, k, "verify-epoch2")[1:]
other = coefficients(L, k, "verify-other")
A1 = [pow(g, c, q) for c in a1]
A2 = [pow(g, c, q) for c in a2]
y1 = {x: evaluate(a1, x, p) for x in range(1, 6)}
y2 = {x: evaluate(a2, x, p) for x in range(1, 6)}
yo = evaluate(other, 3, p)
b = [a1[0]] + coefficients(L, 2, "verify-2of3")[1:]
assert all(v < 2 ** 280 for v in list(y1.values()) + list(y2.values()) + [yo, evaluate(b, 1, p)])
cases = [(share(k, x, y2[x], L), "valid") for x in range(1, 6)]
cases += [(share(k, 2, (y2[2] + 1) % 2 ** 280, L), "mismatch"),
          (share(k, 3, yo, L), "mismatch"),
          (share(k, 3, y2[4], L), "mismatch"),
          (share(k, 4, y1[4], L), "previous_epoch"),
          (share(2, 1, evaluate(b, 1, p), L), "foreign"),
          (share(k, 1, y2[1] % 2 ** 256, 32), "foreign")]
vectors.append({"id": "vss-verify-L35-3of5-epoch2", "kind": "vss_verify", "source": "meshkey formats.md §22.4 (scripts/vss-vectors.py)",
                "input": {"secret_length": L, "threshold": k, "share_count": n,
                          "commitments_hex": [hx(c, 384) for c in A2],
                          "previous_threshold": k, "previous_commitments_hex": [hx(c, 384) for c in A1],
                          "shares": [c[0] for c in cases]},
                "expected": {"verdicts": [c[1] for c in cases]}})

# Upkeep: recreate 2 from {1, 3, 4}; extend 6, 7 from {1, 4, 5}.
a = coefficients(L, k, "upkeep")
ys = {x: evaluate(a, x, p) for x in range(1, 8)}
assert all(v < 2 ** 280 for v in ys.values())
A = [hx(pow(g, c, q), 384) for c in a]
for mode, given, targets in (("recreate", [1, 3, 4], [2]), ("extend", [1, 4, 5], [6, 7])):
    vectors.append({"id": f"vss-{mode}-L35-3of5-{''.join(map(str, targets))}", "kind": "vss_upkeep",
                    "source": "meshkey formats.md §22.5 (scripts/vss-vectors.py)",
                    "input": {"mode": mode, "secret_length": L, "threshold": k, "share_count": n, "commitments_hex": A,
                              "shares": [share(k, x, ys[x], L) for x in given], "targets": targets},
                    "expected": {"shares": [share(k, x, ys[x], L) for x in targets]}})

# Groups of holders: 2 of {2-of-3, 1-of-1, 3-of-5}, 32-byte secret; member shares split the group share's
# binary form (90 || k*16 + x-1 || f(x), 34 bytes) as a 34-byte secret.
def split_shares(secret_int, L, k, n, label):
    p = prime(L)
    a = [secret_int] + [shake(f"vss vector group|{label}|{j}", L) >> 1 for j in range(1, k)]
    ys = [evaluate(a, x, p) for x in range(1, n + 1)]
    assert all(y < 2 ** (8 * L) for y in ys)
    return [bytes([0x90, (k << 4) | (x - 1)]) + y.to_bytes(L, "big") for x, y in zip(range(1, n + 1), ys)]

L = 32
secret = shake("vss vector group secret", L)
top = split_shares(secret, L, 2, 3, "top")
policy = [(2, 3), (1, 1), (3, 5)]
members = [[b32(m) for m in split_shares(int.from_bytes(top[i], "big"), L + 2, k, n, f"group{i + 1}")] for i, (k, n) in enumerate(policy)]
for label, groups, expected in (
        ("family-and-lawyer", [members[0][:2], members[1], []], {"secret_hex": hx(secret, L)}),
        ("friends-and-family", [[members[0][2], members[0][0]], [], members[2][1:4]], {"secret_hex": hx(secret, L)}),
        ("one-family-and-lawyer", [members[0][1:2], members[1], []], {"error": "insufficient_shares", "short_groups": [1]})):
    vectors.append({"id": f"vss-groups-{label}", "kind": "share_group_recover", "source": "meshkey formats.md §22.6 (scripts/vss-vectors.py)",
                    "input": {"groups": groups}, "expected": expected})

print(json.dumps({"suite": "vss", "format": 1,
                  "description": "Verifiable share sets: Schnorr group parameters, Feldman commitments from fixed coefficients, one-share verification with refusals, recreate and extend, groups of holders. Generated by scripts/vss-vectors.py with plain Python integers.",
                  "vectors": vectors}, indent=2))
