#!/usr/bin/env bash
# Recryption across three parties, each with its own key store, through the meshkey CLI only
# (OpenSSL's command line is used once, as the independent check of the final agreement).
#
#   admin    holds the group key G in its store; splits it into a member share and a service share,
#            each sealed to the public key of the party that will hold it.
#   service  imports its sealed share into its own store; computes s·E for a message to the group.
#   member   imports its sealed share (a DeviceRecryptionKey) into its own store; computes m·E and
#            adds the service's partial: m·E + s·E = g·E, whose u is X448(g, E).
#
# Only public data travels between the parties: JWK public keys, the two sealed share files, E, and the
# service's partial result. Usage: Docs/recryption-demo.sh [path/to/meshkey] [X25519|X448]
set -euo pipefail
meshkey=${1:-meshkey}
alg=${2:-X448}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"

step() { printf '\n== %s\n' "$*"; }

# Each party: a store (scrypt cost 12 to keep the demo quick; the default is higher) and its passphrase file.
for party in admin service member; do
    umask 077
    printf '%s passphrase for the demo\n' "$party" > "$work/$party.pass"
    "$meshkey" store init --store "$work/$party-store" --passphrase-file "$work/$party.pass" --kdf-cost 12 >/dev/null
done
as() { local party=$1; shift; "$meshkey" "$@" --store "$work/$party-store" --passphrase-file "$work/$party.pass"; }

step "admin: generate the group key $alg in the admin store"
group=$(as admin store generate --alg "$alg" --label group)
echo "group key $group"
# The admin signs the sealed shares; the holders check the signer's UDF, which they get from the admin.
admin_signer=$(as admin store generate --alg Ed25519 --label "admin signing")
echo "admin signing key $admin_signer"

step "service and member: a key of their own, exported as a public JWK for the admin"
service_key=$(as service store generate --alg "$alg" --label "service key")
member_key=$(as member store generate --alg "$alg" --label "member device")
as service store export "$service_key" --format jwk --out "$work/service.jwk"
as member store export "$member_key" --format jwk --out "$work/member.jwk"
echo "service key $service_key, member device key $member_key"

step "admin: recrypt split --group-entry $group --member-device member.jwk --service-key service.jwk"
as admin recrypt split --group-entry "$group" --service "service@example.com" \
    --member-device "$work/member.jwk" --service-key "$work/service.jwk" --sign-with "$admin_signer" \
    --member-out "$work/member-share.json" --service-out "$work/service-share.json"
# Neither file holds a secret in clear: each is a JWE to its holder's key plus public points.
grep -q '"DeviceRecryptionKey"' "$work/member-share.json"
grep -q '"ServiceRecryptionKey"' "$work/service-share.json"
if grep -q '"Private"' "$work/member-share.json" "$work/service-share.json"; then echo "a share travels in clear"; exit 1; fi

step "service and member: store import --file <their sealed share> --expect-signer <admin> (signature, then opened and checked against the group key)"
service_share=$(as service store import --file "$work/service-share.json" --expect-signer "$admin_signer")
member_share=$(as member store import --file "$work/member-share.json" --expect-signer "$admin_signer")
as member store show "$member_share"
# A share sealed to someone else is refused, and nothing is added to the store.
before=$(as service store list | wc -l)
if as service store import --file "$work/member-share.json" --expect-signer "$admin_signer" 2>"$work/refused.txt"; then echo "a foreign share was imported"; exit 1; fi
echo "service importing the member's file: $(cat "$work/refused.txt")"
[ "$(as service store list | wc -l)" = "$before" ]

step "sender: encrypts to the group: ephemeral key E"
ephemeral=$("$meshkey" key generate --alg "$alg" --out "$work/sender.pem" | sed -n 2p)
echo "E = $ephemeral"

step "service: recrypt partial --share <its share> --ephemeral E"
service_partial=$(as service recrypt partial --share "$service_share" --ephemeral "$ephemeral")
echo "s·E = $service_partial"

step "member: recrypt partial --share <its share>, then recrypt combine with the service's partial"
member_partial=$(as member recrypt partial --share "$member_share" --ephemeral "$ephemeral")
agreement=$("$meshkey" recrypt combine --alg "$alg" "$member_partial" "$service_partial")
echo "m·E + s·E → $agreement"

step "check: the sender's ordinary $alg agreement with the group public key (OpenSSL)"
as admin store export "$group" --format pkcs8 --out "$work/group-public.pem"
expected=$(openssl pkeyutl -derive -inkey "$work/sender.pem" -peerkey "$work/group-public.pem" | od -An -v -tx1 | tr -d ' \n')
echo "$alg(e, G) = $expected"
if [ "$agreement" != "$expected" ]; then echo "MISMATCH"; exit 1; fi
echo "(equal: the member and the service together decrypt what was sent to the group; neither could alone)"
