import Foundation
import MeshCrypto
import MeshDevice
import MeshJOSE
import MeshJSON
import MeshKeyStore
import MeshKeys
import MeshMath
import MeshUDF
import Testing

/// A temporary folder with key stores in it, removed at the end.
final class StoreFolder {
    let path: String
    init() {
        var template = Array("\(NSTemporaryDirectory())meshdevice-XXXXXX".utf8CString)
        path = String(cString: mkdtemp(&template)!)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func store(_ name: String) throws -> DeviceStore {
        DeviceStore(store: try KeyStore.initialize(at: "\(path)/\(name)", passphrase: nil, kdfCost: 10))
    }

    /// A store holding a fresh account seed and its profile document, as after `profile create` / `recover`.
    func adminStore(_ name: String) throws -> (store: DeviceStore, profile: MeshProfile) {
        let store = try self.store(name)
        let profile = try MeshProfile(accountSeed: SeedUDF.random(.meshProfileAccount))
        _ = try store.store.add(seed: profile.seed, exportable: false, label: "account seed")
        try Data(ProfileDocument(profile: profile).json).write(
            to: URL(fileURLWithPath: "\(store.store.path)/\(profile.udf).profile")
        )
        return (store, profile)
    }
}

func expectDeviceError(_ code: String, _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        try body()
        Issue.record("expected \(code), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as DeviceError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct EnrolmentTests {
    func read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
    func write(_ path: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

    @Test func selfEnrolmentWorksAfterThePurgeAndEnrolsAnotherDevice() throws {
        let folder = StoreFolder()
        let (admin, profile) = try folder.adminStore("b")
        let (udf, _) = try admin.enroll(name: "laptop", request: nil, profile: nil)
        let report = try admin.verify(expect: profile.udf, device: nil)
        #expect(report.deviceUDF == udf && report.name == "laptop" && report.catalogSequence == 1)
        // The account seed goes; the device still signs, decrypts and administers.
        try admin.store.purge(udf: profile.udf)
        let message = Array("hello".utf8)
        let (signature, keyUDF) = try admin.sign(message, profile: profile.udf)
        let connection = try ConnectionRecord.verify(
            SignedRecord.parse(read(admin.path(udf, "connection")), what: "c"),
            service: false,
            account: AccountProfile(document: read("\(admin.store.path)/\(profile.udf).profile"))
        )
        let composite = connection.compositeKeys[.signature]!
        #expect(keyUDF == connection.compositeUDF(.signature))
        #expect(EdDSA.verify(signature: signature, message: message, publicKey: composite, curve: .ed448))
        // An OpenSSL verification of the same signature (the composite is a standard Ed448 public key).
        let openSSL = try OpenSSLPublicKey(algorithm: .ed448, rawRepresentation: composite)
        #expect(openSSL.isValidSignature(signature, for: message))
        let jwe = try admin.encrypt(SecureBytes(Array("secret".utf8)), device: "laptop", profile: profile.udf)
        #expect(try admin.decrypt(jwe, profile: profile.udf).unprotectedBytes == Array("secret".utf8))

        // Device C requests; B (seed purged, administrator grant) enrols it; C accepts and verifies.
        let c = try folder.store("c")
        let (request, created) = try c.request()
        #expect(created)
        let (cUDF, answer) = try admin.enroll(name: "phone", request: request.record, profile: profile.udf)
        #expect(cUDF == request.deviceUDF)
        let accepted = try c.accept(EnrolmentAnswer.parse(answer.json), expect: profile.udf)
        #expect(accepted.name == "phone" && accepted.catalogSequence == 2)
        #expect(try c.verify(expect: profile.udf, device: nil).deviceUDF == cUDF)
        #expect(try admin.verify(expect: profile.udf, device: "phone").deviceUDF == cUDF)
        // Revoked: refused by name, the catalog chains on.
        let revoked = try admin.revoke(device: "phone", profile: profile.udf)
        #expect(!revoked.isActive && revoked.revocation_digest != nil)
        expectDeviceError("device_revoked") { _ = try admin.verify(expect: profile.udf, device: "phone") }
        #expect(try admin.list(profile: profile.udf).sequence == 3)
        #expect(try admin.verify(expect: profile.udf, device: "laptop").name == "laptop")
    }

    @Test func theAnswerIsBoundToTheAccountAndTheDevice() throws {
        let folder = StoreFolder()
        let (admin, profile) = try folder.adminStore("a")
        let c = try folder.store("c")
        let d = try folder.store("d")
        let (_, answer) = try admin.enroll(name: "phone", request: c.request().profile.record, profile: nil)
        _ = try d.request()
        expectDeviceError("device_profile_mismatch") { _ = try d.accept(answer, expect: profile.udf) }
        let other = try MeshProfile(accountSeed: SeedUDF.random(.meshProfileAccount))
        expectDeviceError("profile_mismatch") { _ = try c.accept(answer, expect: other.udf) }
        _ = try c.accept(answer, expect: profile.udf)
        expectDeviceError("already_enrolled") { _ = try c.accept(answer, expect: profile.udf) }
        expectDeviceError("already_enrolled") {
            _ = try admin.enroll(name: "phone2", request: c.request().profile.record, profile: nil)
        }
    }

    /// Tampering with any record is refused, by the record's name.
    @Test func tamperedRecordsAreRefusedByName() throws {
        let folder = StoreFolder()
        let (admin, profile) = try folder.adminStore("a")
        let c = try folder.store("c")
        let (udf, answer) = try admin.enroll(name: "phone", request: c.request().profile.record, profile: nil)
        let account = try AccountProfile(document: answer.accountProfile)

        // A payload changed under an unchanged signature.
        func altered(_ record: SignedRecord, _ change: (String) -> String) throws -> SignedRecord {
            let payload = String(decoding: Base64URL.decode(record.payloadText)!, as: UTF8.self)
            return try SignedRecord.parse(
                Array(
                    "\(record.protectedText).\(Base64URL.encode(Array(change(payload).utf8))).\(record.signatureText)"
                        .utf8
                ),
                what: "x"
            )
        }
        func verify(
            profile p: SignedRecord = answer.deviceProfile,
            connection: SignedRecord = answer.connection,
            service: SignedRecord = answer.service,
            catalog: [SignedRecord] = answer.catalog.versions
        ) throws {
            _ = try DeviceVerification.verify(
                account: account,
                profile: p,
                connection: connection,
                service: service,
                catalog: DeviceCatalog.verify(versions: catalog, account: account),
                revocation: nil
            )
        }
        try verify()
        expectDeviceError("device_profile_signature") {
            try verify(
                profile: altered(answer.deviceProfile) {
                    $0.replacingOccurrences(of: "\"version\":1", with: "\"version\":1 ")
                }
            )
        }
        expectDeviceError("connection_device_signature") {
            try verify(connection: altered(answer.connection) { $0.replacingOccurrences(of: "phone", with: "phony") })
        }
        expectDeviceError("connection_service_signature") { try verify(service: altered(answer.service) { $0 + " " }) }
        expectDeviceError("catalog_signature") {
            try verify(catalog: [
                altered(answer.catalog.versions[0]) { $0.replacingOccurrences(of: "active", with: "actively") }
            ])
        }
        // The activation JWE: a changed ciphertext does not decrypt; a swapped activation is not the listed one.
        var jweJSON = answer.activation.json.serialized
        let ciphertext = answer.activation.json["ciphertext"]!.stringValue!
        let flipped = (ciphertext.first == "A" ? "B" : "A") + ciphertext.dropFirst()
        jweJSON = jweJSON.replacingOccurrences(of: ciphertext, with: flipped)
        let tamperedAnswer = EnrolmentAnswer(
            accountProfile: answer.accountProfile,
            deviceProfile: answer.deviceProfile,
            connection: answer.connection,
            service: answer.service,
            activation: try JWE.parse(jweJSON),
            catalog: answer.catalog
        )
        expectDeviceError("activation_undecryptable") { _ = try c.accept(tamperedAnswer, expect: profile.udf) }
        // Files in the store: a changed connection file is refused by `verify`.
        let connectionPath = admin.path(udf, "connection")
        let original = try read(connectionPath)
        try write(
            connectionPath,
            try altered(answer.connection) { $0.replacingOccurrences(of: "phone", with: "phonf") }.json
        )
        expectDeviceError("connection_device_signature") { _ = try admin.verify(expect: profile.udf, device: udf) }
        try write(connectionPath, original)
        #expect(try admin.verify(expect: profile.udf, device: udf).deviceUDF == udf)
        // A catalog version dropped from the chain breaks it.
        _ = try admin.revoke(device: udf, profile: nil)
        let versions = try DeviceCatalog.parseVersions(read(admin.path(profile.udf, "devices")))
        expectDeviceError("catalog_chain") { _ = try DeviceCatalog.verify(versions: [versions[1]], account: account) }
        expectDeviceError("catalog_chain") {
            _ = try DeviceCatalog.verify(versions: [versions[1], versions[0]], account: account)
        }
    }

    /// A connection signed by any key other than the profile's AdministratorSignature is refused, even
    /// with kid naming the administrator key.
    @Test func connectionsSignedByAnotherKeyAreRefused() throws {
        let folder = StoreFolder()
        let (_, profile) = try folder.adminStore("a")
        let account = try AccountProfile(document: ProfileDocument(profile: profile).json)
        let device = DeviceKeys.generate()
        let activation = try ActivationKeys.generate(basePublic: ActivationKeys.basePublic(of: device))
        for signer in [profile.key(.profileSignature), profile.key(.commonSignature), device.key(.profileSignature)] {
            let forged = try ConnectionRecord(
                service: false,
                profileUDF: profile.udf,
                deviceUDF: device.udf,
                name: "x",
                roles: [],
                activation: activation,
                administrator: .derived(signer),
                administratorUDF: account.administratorUDF
            )
            expectDeviceError("connection_device_signature") {
                _ = try ConnectionRecord.verify(forged.record, service: false, account: account)
            }
        }
        let genuine = try ConnectionRecord(
            service: false,
            profileUDF: profile.udf,
            deviceUDF: device.udf,
            name: "x",
            roles: [],
            activation: activation,
            administrator: .derived(profile.key(.administratorSignature)),
            administratorUDF: account.administratorUDF
        )
        #expect(try ConnectionRecord.verify(genuine.record, service: false, account: account).deviceUDF == device.udf)
        expectDeviceError("not_administrator") {
            _ = try Administrator(account: account, signer: .derived(profile.key(.profileSignature)))
        }
    }

    /// The activation names the account (not the device, the reference's defect) and is refused by a device
    /// it was not made for.
    @Test func theActivationNamesTheAccountAndOpensOnlyOnItsDevice() throws {
        let profile = try MeshProfile(accountSeed: SeedUDF.random(.meshProfileAccount))
        let account = try AccountProfile(document: ProfileDocument(profile: profile).json)
        let device = DeviceKeys.generate()
        let document = try DeviceProfileDocument(device: device)
        let activation = try ActivationKeys.generate(basePublic: document.publicKeys)
        let sealed = try ActivationRecord.seal(
            activation: activation,
            account: account,
            device: document,
            administrator: .derived(profile.key(.administratorSignature))
        )
        let (opened, record) = try ActivationRecord.open(sealed, device: device, account: account)
        #expect(opened.seed == activation.seed)
        let payload = String(decoding: Base64URL.decode(record.payloadText)!, as: UTF8.self)
        #expect(payload.contains("\"account_udf\":\"\(profile.udf)\""))
        #expect(!payload.contains(activation.seed.text))
        expectDeviceError("activation_undecryptable") {
            _ = try ActivationRecord.open(sealed, device: DeviceKeys.generate(), account: account)
        }
        // Signed by another key than AdministratorSignature.
        let forged = try ActivationRecord.seal(
            activation: activation,
            account: account,
            device: document,
            administrator: .derived(profile.key(.profileSignature))
        )
        expectDeviceError("activation_signature") {
            _ = try ActivationRecord.open(forged, device: device, account: account)
        }
    }

    @Test func compositeSigningUsesASecretPrefixAndVerifies() throws {
        let device = DeviceKeys.generate()
        let activation = try ActivationKeys.generate(basePublic: ActivationKeys.basePublic(of: device))
        let key = try activation.compositePrivate(.signature, device: device)
        let message = Array("m".utf8)
        let signature = try key.sign(message: message)
        #expect(
            EdDSA.verify(
                signature: signature,
                message: message,
                publicKey: activation.composite(.signature).compositePublic,
                curve: .ed448
            )
        )
        // The nonce is not the reference's prefix-less one: R differs from H(M)·B (empty prefix).
        let empty = EdDSA.sign(
            message: message,
            scalar: key.scalar.bytes,
            prefix: SecureBytes(zeros: 57),
            publicKey: key.publicKeyExtended,
            curve: .ed448
        )
        #expect(Array(signature.prefix(57)) != Array(empty.prefix(57)))
    }

    /// The revocation record counts on its own: with an older catalog that still lists the device as
    /// active, the signed revocation refuses it. Enrolling the device again (a new connection) is allowed.
    @Test func aRevocationRecordRefusesEvenWithAnOlderCatalogAndReEnrolmentWorks() throws {
        let folder = StoreFolder()
        let (admin, profile) = try folder.adminStore("a")
        let c = try folder.store("c")
        let request = try c.request().profile.record
        let (udf, answer) = try admin.enroll(name: "phone", request: request, profile: nil)
        let account = try AccountProfile(document: answer.accountProfile)
        _ = try admin.revoke(device: "phone", profile: nil)
        let revocation = try SignedRecord.parse(read(admin.path(udf, "revocation")), what: "revocation")
        // The older catalog (version 1, device active) with the revocation record: refused.
        expectDeviceError("device_revoked") {
            _ = try DeviceVerification.verify(
                account: account,
                profile: answer.deviceProfile,
                connection: answer.connection,
                service: answer.service,
                catalog: DeviceCatalog.verify(versions: answer.catalog.versions, account: account),
                revocation: revocation
            )
        }
        // A revocation signed by another key does not count as one (it is refused as a record).
        let forged = try RevocationRecord(
            account: account,
            entry: answer.catalogEntry(udf),
            administrator: .derived(profile.key(.profileSignature))
        )
        expectDeviceError("revocation_signature") {
            _ = try DeviceVerification.verify(
                account: account,
                profile: answer.deviceProfile,
                connection: answer.connection,
                service: answer.service,
                catalog: DeviceCatalog.verify(versions: answer.catalog.versions, account: account),
                revocation: forged.record
            )
        }
        expectDeviceError("device_revoked") { _ = try admin.verify(expect: profile.udf, device: "phone") }
        // Enrolled again: a new activation and connection; the old revocation does not apply to them.
        let (again, _) = try admin.enroll(name: "phone", request: request, profile: nil)
        #expect(again == udf)
        let report = try admin.verify(expect: profile.udf, device: "phone")
        #expect(report.catalogSequence == 3)
    }
}

extension EnrolmentTests {
    /// A device that has seen a longer catalog refuses an answer whose catalog does not extend it.
    @Test func anOlderCatalogIsRefusedAsARollback() throws {
        let folder = StoreFolder()
        let (admin, profile) = try folder.adminStore("a")
        let c = try folder.store("c")
        let d = try folder.store("d")
        let (_, first) = try admin.enroll(name: "phone", request: c.request().profile.record, profile: nil)
        _ = try admin.enroll(name: "tablet", request: d.request().profile.record, profile: nil)
        // C has already seen versions 1 and 2 (e.g. from another copy); the answer carries version 1 only.
        let later = try read(admin.path(profile.udf, "devices"))
        try write(c.path(profile.udf, "devices"), later)
        expectDeviceError("catalog_rollback") { _ = try c.accept(first, expect: profile.udf) }
        #expect(try read(c.path(profile.udf, "devices")) == later)
        #expect(!FileManager.default.fileExists(atPath: c.path(try c.ownDevice()!.udf, "connection")))
        try FileManager.default.removeItem(atPath: c.path(profile.udf, "devices"))
        #expect(try c.accept(first, expect: profile.udf).catalogSequence == 1)
    }
}

extension EnrolmentAnswer {
    func catalogEntry(_ udf: String) throws -> DeviceCatalog.Entry {
        let account = try AccountProfile(document: accountProfile)
        return try #require(try DeviceCatalog.verify(versions: catalog.versions, account: account).entry(device: udf))
    }
}
