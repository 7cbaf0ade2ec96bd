import Foundation
import MeshCrypto
import TestSupport
import Testing

/// The exact `--json` output of commands whose output is fixed by their input (a seed, fixed shares): a change
/// of JSON writer must not change one byte (member order, spacing, escapes).
@Suite struct GoldenJSONOutputCLITests {
    static let seed = "ZAAQ-FKAT-PL72-4IHW-GIKY-IG5T-2IJG-JHC2-PMI7-44XR-HSBH-TKZI-WPNZ-F2XT"

    static func sha256(_ text: String) -> String {
        Hex.encode(Digest.hash(.sha256, Array(text.utf8)))
    }

    @Test func keyDeriveJSON() throws {
        for alg in ["Ed25519", "X448"] {
            let result = try CommandRunner.run([
                "key", "derive", "--seed", Self.seed, "--name", "Golden \"name\" / é", "--alg", alg,
                "--show-private", "--json",
            ])
            #expect(result.exitCode == 0, "\(result.standardError)")
            #expect(
                Self.sha256(result.standardOutput)
                    == [
                        "Ed25519": "df0276c7ca7021e96304e3f05e6ad961fb20f01b7725a7b3cfce53d8610acd23",
                        "X448": "d89d88d386a3d872be1553171164b5b32b1679fccb219af93b0d19a8fc192c55",
                    ][alg],
                "\(result.standardOutput)"
            )
        }
    }

    @Test func recoverJSON() throws {
        let shares = [
            "SAQC-YE5R-BE3C-37IF-AG43-SGNT-3NLP-VURL-YWEH-FTBE-J755-IN6F-ZPXR-N6O5-3AVQ",
            "SARP-IOIN-ZN5Z-H55S-YNAM-OIQT-LKOU-YUN2-C7SG-EQDQ-BIIQ-HIS6-BV55-2NTT-WL2Q",
        ]
        let recover = try CommandRunner.run(["recover", "--json"] + shares)
        #expect(
            Self.sha256(recover.standardOutput) == "179d622c9d5003d3d2d14159991c8fc36d451b73de09e08cdd385bd607392862",
            "\(recover.standardOutput) \(recover.standardError)"
        )
    }
}
