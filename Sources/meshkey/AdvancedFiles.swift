import ArgumentParser
import Glibc
import MeshCrypto
import MeshKeys
import MeshMath

/// Files and values shared by `meshkey overlay`, `recrypt` and `threshold`.
enum AdvancedFiles {
    /// Prints `meshkey <command>: <message>` on standard error and returns exit code 1.
    static func fail(_ command: String, _ message: String) -> ExitCode {
        Terminal.error("meshkey \(command): \(message)")
        return ExitCode(1)
    }

    static func read(_ path: String, command: String) throws -> SecureBytes {
        do { return try SecureFile.read(path: path, maximumCount: 1 << 16) } catch { throw fail(command, "\(error)") }
    }

    /// A private key: unencrypted PKCS#8 PEM (as `meshkey key generate --out` writes it) or a JSON key file
    /// (formats.md section 19).
    static func readKey(_ path: String, command: String) throws -> ScalarKey {
        let bytes = try read(path, command: command)
        do {
            if bytes.count > 10 && bytes.slice(0..<10).unprotectedBytes == Array("-----BEGIN".utf8) {
                let key = try OpenSSLPrivateKey(pemRepresentation: bytes)
                return try ScalarKey(standardPrivate: key.rawRepresentation(), curve: key.algorithm)
            }
            return try ScalarKeyFile(json: bytes).key()
        } catch {
            throw fail(command, "\(path): \(error)")
        }
    }

    /// Creates `path` with mode 0600 (never overwrites), warning when its folder is readable by others.
    static func write(_ contents: SecureBytes, to path: String, command: String) throws {
        do {
            if try !SecureFile.create(path: path, contents: contents) {
                Terminal.error("meshkey \(command): warning: the folder holding \(path) can be read by other users; keep private keys in a folder with mode 0700")
            }
        } catch { throw fail(command, "\(error)") }
    }

    /// Writes several new files, all or none: when one cannot be created or written, the files this call
    /// already created are removed before the error is thrown.
    static func writeAll(_ files: [(contents: SecureBytes, path: String)], command: String) throws {
        var created: [String] = []
        do {
            for file in files {
                try write(file.contents, to: file.path, command: command)
                created.append(file.path)
            }
        } catch {
            for path in created { unlink(path) }
            throw error
        }
    }

    static func hex(_ text: String, _ name: String, command: String) throws -> [UInt8] {
        guard let bytes = Hex.decode(text) else { throw fail(command, "\(name) is not hexadecimal") }
        return bytes
    }

    /// The sum of partial results given in hex; prints the agreement (RFC 8032 encoding, or u for X).
    static func combine(_ partials: [String], curve: KeyAlgorithm, json: Bool, command: String) throws {
        guard partials.count >= 2 else { throw fail(command, "give at least two partial results") }
        let agreement: GroupElement
        do {
            agreement = try Recryption.combine(partials.enumerated().map { try hex($0.element, "partial \($0.offset + 1)", command: command) },
                                               curve: curve)
        } catch let error as ExitCode { throw error } catch { throw fail(command, "\(error)") }
        if json {
            var members: [(String, JSONValueOut)] = [("algorithm", .string(curve.rawValue)),
                                                     ("agreement_hex", .string(Hex.encode(agreement.agreementBytes)))]
            if !curve.isEdwards { members.append(("agreement_ext_hex", .string(Hex.encode(agreement.encoded)))) }
            Terminal.print(JSONValueOut.object(members).text)
        } else {
            Terminal.print(Hex.encode(agreement.agreementBytes))
        }
    }

    /// Prints a partial result (RFC 8032 or extended encoding).
    static func printPartial(_ partial: GroupElement, json: Bool) {
        if json {
            Terminal.print(JSONValueOut.object([("algorithm", .string(partial.curve.rawValue)),
                                                ("partial_hex", .string(Hex.encode(partial.encoded)))]).text)
        } else {
            Terminal.print(Hex.encode(partial.encoded))
        }
    }
}
