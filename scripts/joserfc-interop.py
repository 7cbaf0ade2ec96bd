#!/usr/bin/env python3
"""Checks that Python's joserfc decrypts the JWEs inside meshkey escrow entries.

Usage: scripts/joserfc-interop.py [path/to/meshkey]   (default .build/debug/meshkey; needs joserfc)

In a throwaway store: generates Ed25519, X25519 and X448 keys; seals an offline entry (dir + A256GCM)
and an online entry to the X25519 and X448 keys (ECDH-ES+A256KW + A256GCM); then decrypts the offline
JWE with the key recovered from two shares (`meshkey recover`) and the online JWE with the exported
private JWKs, all with joserfc, and checks that the key UDFs come back. The other direction (joserfc's
JWEs decrypted by meshkey) is in Tests/MeshJOSETests (JoserfcFixtures). The online entry is signed
(Docs/formats.md §19.4): joserfc verifies its detached JWS over the document re-serialized with sorted keys,
and is told about meshkey's two header parameters (`meshkey_signer` in the JWE, `meshkey_seal` in the JWS),
since joserfc refuses header parameters it does not know unless they are registered.
"""
import base64, json, os, subprocess, sys, tempfile

from joserfc import jwe, jws
from joserfc.jwk import KeySet, OctKey, OKPKey
from joserfc.registry import HeaderParameter

meshkey = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/meshkey"

with tempfile.TemporaryDirectory() as folder:
    os.chmod(folder, 0o700)
    passphrase = os.path.join(folder, "passphrase")
    with open(passphrase, "w") as f:
        f.write("interop\n")
    store = ["--store", os.path.join(folder, "store"), "--passphrase-file", passphrase]

    def run(*arguments, use_store=True):
        result = subprocess.run([meshkey, *arguments, *(store if use_store else [])], capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"meshkey {' '.join(arguments)} failed: {result.stderr.strip()}")
        return result.stdout.strip().splitlines()

    run("store", "init", "--kdf-cost", "10")
    keys = {alg: run("store", "generate", "--alg", alg)[0] for alg in ["Ed25519", "X25519", "X448"]}
    escrowed = sorted(keys.values())

    offline, online = os.path.join(folder, "offline.json"), os.path.join(folder, "online.json")
    lines = run("escrow", "seal", "--offline", *sum([["--key", k] for k in escrowed], []), "--out", offline)
    secret = run("recover", lines[1], lines[3], use_store=False)[0].replace("-", "")
    cek = base64.b32decode(secret + "=" * (-len(secret) % 8))
    data = json.load(open(offline))["OfflineEscrowEntry"]["EncryptedData"]
    plaintext = jwe.decrypt_json(data, OctKey.import_key(cek), algorithms=["dir", "A256GCM"]).plaintext
    assert sorted(k["udf"] for k in json.loads(plaintext)["keys"]) == escrowed
    print("offline: joserfc decrypted dir + A256GCM with the key recovered from 2 of 3 shares")

    signer = run("store", "generate", "--alg", "Ed448")[0]
    run("escrow", "seal", "--online", "--to", keys["X25519"], "--to", keys["X448"], "--key", keys["Ed25519"],
        "--sign-with", signer, "--out", online)
    document = json.load(open(online))
    signature = document["OnlineEscrowEntry"].pop("Signature")
    payload = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    header = json.loads(base64.urlsafe_b64decode(signature["protected"] + "=="))
    assert header["kid"] == signer and header["alg"] == "EdDSA"
    registry = jws.JWSRegistry(header_registry={"meshkey_seal": HeaderParameter("meshkey seal signature version", "int")},
                               algorithms=["EdDSA"])
    signed = {"payload": base64.urlsafe_b64encode(payload).rstrip(b"=").decode(), **signature}
    jws.deserialize_json(signed, OKPKey.import_key(header["jwk"]), registry=registry)
    print("online: joserfc verified the entry's EdDSA (Ed448) signature over the re-serialized document")
    data = document["OnlineEscrowEntry"]["EncryptedData"]
    jwks = []
    for alg in ["X25519", "X448"]:
        path = os.path.join(folder, alg + ".jwk")
        run("store", "export", keys[alg], "--format", "jwk", "--private", "--out", path)
        jwks.append(OKPKey.import_key(json.load(open(path))))
    # joserfc decrypts every recipient of a general JWE, so it is given both keys (found by kid).
    jwe_registry = jwe.JWERegistry(header_registry={"meshkey_signer": HeaderParameter("meshkey signer UDF", "str")},
                                   algorithms=["ECDH-ES+A256KW", "A256GCM"])
    plaintext = jwe.decrypt_json(data, KeySet(jwks), registry=jwe_registry).plaintext
    assert [k["udf"] for k in json.loads(plaintext)["keys"]] == [keys["Ed25519"]]
    print("online: joserfc decrypted ECDH-ES+A256KW (X25519 and X448 recipients) + A256GCM")
