import ArgumentParser
import MeshCrypto
import MeshDevice
import MeshKeyStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Meshkey {
    struct Device: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "device",
            abstract:
                "Mesh devices: device profiles, activations with composite keys, connections, the signed device catalog.",
            discussion: """
                A store that holds an account seed (or an administrator device's grant) enrols devices: itself \
                (`device enroll --name NAME`) or another store's device (`device request` there, `device enroll \
                --request FILE --out ANSWER` here, `device accept ANSWER --expect PROFILE_UDF` there). The enrolled \
                device then signs and decrypts with its composite keys without the account seed.
                """,
            subcommands: [
                Enroll.self, Request.self, Accept.self, List.self, Revoke.self, Verify.self, Sign.self,
                Decrypt.self, Encrypt.self,
            ]
        )
    }
}

/// What the `device` commands share.
enum DeviceCommand {
    static func open(_ options: StoreOptions) throws -> DeviceStore {
        DeviceStore(store: try options.open())
    }

    /// A file's bytes, or standard input's when `path` is nil or `-`; `unreadable_input` when it cannot be read.
    static func input(_ path: String?, maximumCount: Int = 4 << 20) throws -> SecureBytes {
        let source = (path == nil || path == "-") ? "/dev/stdin" : path!
        do { return try SecureFile.read(path: source, maximumCount: maximumCount) } catch {
            throw CommandFailure("unreadable_input", error.description)
        }
    }

    /// Refuses an output path that exists (`output_exists`), before anything is changed.
    static func checkNew(_ path: String) throws {
        if access(path, F_OK) == 0 { throw CommandFailure("output_exists", "\(path) exists; nothing was written") }
    }

    /// Creates a new 0600 file; `io` when it cannot be written.
    static func writeNew(_ bytes: [UInt8], to path: String) throws {
        do { try SecureFile.create(path: path, contents: SecureBytes(bytes)) } catch {
            throw CommandFailure("io", error.description)
        }
    }

    static func describe(_ report: DeviceVerification.Report) -> [String] {
        var lines = [
            "device \(report.name) \(report.deviceUDF) in account \(report.accountUDF): verified",
            "  device profile self-signature, connections signed by AdministratorSignature \(report.administratorUDF),",
            "  catalog version \(report.catalogSequence): active, roles \(report.roles.joined(separator: ","))",
        ]
        for (role, udf) in report.compositeUDFs { lines.append("  \(role.rawValue.padding(to: 15)) \(udf)") }
        return lines
    }
}
