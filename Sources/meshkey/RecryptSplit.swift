import ArgumentParser
import MeshCrypto
import MeshKeys
import MeshMath

extension Meshkey.Recrypt {
    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "split",
            abstract: "Split a group private key into a member share and a service share.",
            discussion: """
                The member share is the scalar of --member-key, or random; the service share is (group − member) \
                mod L. Writes the member's KeyComposite {Public, Part, Service} to --member-out and the service \
                share ({crv: "<alg>z", Private}) to --service-out, both JSON with mode 0600, and prints the group \
                key's UDF and public key.
                """)

        @Option(name: .customLong("group-key"), help: "The group private key (PKCS#8 PEM or JSON key file).")
        var groupKey: String

        @Option(name: .customLong("member-key"), help: "The member's own private key, used as its share.")
        var memberKey: String?

        @Option(help: "Who holds the service share (stored in the KeyComposite).")
        var service: String

        @Option(name: .customLong("member-out"), help: "File to create for the member's KeyComposite (JSON).")
        var memberOut: String

        @Option(name: .customLong("service-out"), help: "File to create for the service share (JSON).")
        var serviceOut: String

        func run() throws {
            let command = "recrypt split"
            let group = try AdvancedFiles.readKey(groupKey, command: command)
            let member = try memberKey.map { try AdvancedFiles.readKey($0, command: command) }
            if let member, member.curve != group.curve {
                throw AdvancedFiles.fail(command, "the member key is \(member.curve.rawValue), the group key \(group.curve.rawValue)")
            }
            let shares: (member: CurveScalar, service: CurveScalar)
            do { shares = try Recryption.split(group: group, member: member?.scalar) } catch {
                throw AdvancedFiles.fail(command, "\(error)")
            }
            let record = KeyComposite(curve: group.curve, groupPublic: group.publicKeyExtended, part: shares.member, service: service)
            try AdvancedFiles.writeAll([(contents: SecureBytes(record.json + [0x0A]), path: memberOut),
                                        (contents: ScalarKeyFile(scalar: shares.service, curve: group.curve).json, path: serviceOut)],
                                       command: command)
            Terminal.print("\(group.udf())\n\(Hex.encode(group.publicKeyExtended))")
        }
    }
}
