public import MeshCrypto
public import MeshJOSE
import MeshJSON
public import MeshKeyStore
import MeshKeys
import MeshUDF

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A key store as a Mesh device: where the device's seeds are kept (sealed store entries) and its
/// public records (files next to the entries, like the master profile's `<UDF>.profile`):
///
/// * seed entries: the device seed (`MeshProfileDevice`, label `device <device UDF>`, not exportable) and
///   each accepted activation seed (`MeshActivationAccount`, label `activation <device UDF> <account UDF>`);
/// * `<device UDF>.device` (device profile), `.connection`, `.service`, `.revocation` (signed records in
///   JWS JSON), `.activation` (the activation JWE) and `.grant` (an administrator device's grant JWE);
/// * `<account UDF>.devices`: the account's device catalog chain.
public struct DeviceStore: Sendable {
    public let store: KeyStore
    public init(store: KeyStore) { self.store = store }

    static let deviceLabel = "device "
    static let activationLabel = "activation "

    public func path(_ udf: String, _ suffix: String) -> String { "\(store.path)/\(udf).\(suffix)" }

    // MARK: Files

    func read(_ path: String, what: String) throws(DeviceError) -> [UInt8]? {
        guard access(path, F_OK) == 0 else { return nil }
        do { return try SecureFile.read(path: path, maximumCount: 4 << 20).unprotectedBytes } catch {
            throw DeviceError("io", "cannot read the \(what) \(path): \(error)")
        }
    }

    func record(_ udf: String, _ suffix: String, what: String) throws(DeviceError) -> SignedRecord? {
        guard let bytes = try read(path(udf, suffix), what: what) else { return nil }
        return try SignedRecord.parse(bytes, what: what)
    }

    func required(_ udf: String, _ suffix: String, what: String) throws(DeviceError) -> SignedRecord {
        guard let record = try record(udf, suffix, what: what) else {
            throw DeviceError("not_found", "no \(what) for \(udf) in \(store.path) (\(udf).\(suffix))")
        }
        return record
    }

    /// Writes the device files atomically, under the store's exclusive lock (`KeyStore.writeDocuments`). If one
    /// fails, the files this call created are removed again.
    func write(_ files: [(path: String, bytes: [UInt8])]) throws(DeviceError) {
        let prefix = store.path + "/"
        var documents: [(name: String, bytes: [UInt8])] = []
        for file in files {
            guard file.path.hasPrefix(prefix) else {
                throw DeviceError("io", "cannot write \(file.path): not in \(store.path)")
            }
            documents.append((String(file.path.dropFirst(prefix.count)), file.bytes))
        }
        do { try KeyStore.writeDocuments(documents, at: store.path) } catch {
            throw DeviceError("io", "cannot write the device records: \(error)")
        }
    }

    // MARK: Seeds

    func seeds(_ specifier: SeedUDF.KeySpecifier, label prefix: String) throws(DeviceError) -> [StoreEntry] {
        do {
            return try store.list().entries.filter { $0.kind == .seed(specifier) && ($0.label ?? "").hasPrefix(prefix) }
        } catch { throw DeviceError("store", error.description) }
    }

    func seed(_ entry: StoreEntry) throws(DeviceError) -> SeedUDF {
        do { return try SeedUDF(binary: store.privateBytes(udf: entry.udf)) } catch {
            throw DeviceError("store", "cannot read the seed entry \(entry.udf): \(error)")
        }
    }

    /// This store's own device (its device seed), if it has one.
    public func ownDevice() throws(DeviceError) -> DeviceKeys? {
        let entries = try seeds(.meshProfileDevice, label: Self.deviceLabel)
        guard let entry = entries.first else { return nil }
        guard entries.count == 1 else {
            throw DeviceError("store", "the store holds \(entries.count) device seeds; one is expected")
        }
        let keys = try DeviceKeys(seed: seed(entry))
        guard entry.label == Self.deviceLabel + keys.udf else {
            throw DeviceError("store", "the device seed entry's label does not name its device")
        }
        return keys
    }

    func requireOwnDevice() throws(DeviceError) -> DeviceKeys {
        guard let device = try ownDevice() else {
            throw DeviceError(
                "no_device",
                "\(store.path) has no device profile (run `meshkey device request` or `device enroll`)"
            )
        }
        return device
    }

    /// The own device's activation in `account` (its seed entry), if accepted.
    func activationSeed(device: String, account: String?) throws(DeviceError) -> (seed: SeedUDF, account: String)? {
        let entries = try seeds(.meshActivationAccount, label: Self.activationLabel + device + " ")
        let matching = entries.filter {
            account == nil
                || AccountProfile.normalized(String($0.label!.split(separator: " ").last!))
                    == AccountProfile.normalized(account!)
        }
        guard let entry = matching.first else { return nil }
        guard matching.count == 1 else {
            throw DeviceError("store", "the device is activated in \(matching.count) accounts; name one with --profile")
        }
        return (try seed(entry), String(entry.label!.split(separator: " ").last!))
    }

    /// Makes this store's device if it has none (a fresh device seed, stored sealed and not exportable,
    /// and its signed profile `<device UDF>.device`), and returns its profile.
    public func request() throws(DeviceError) -> (profile: DeviceProfileDocument, created: Bool) {
        if let device = try ownDevice() {
            return (try DeviceProfileDocument.verify(required(device.udf, "device", what: "device_profile")), false)
        }
        let device = DeviceKeys.generate()
        let profile = try DeviceProfileDocument(device: device)
        let entry: StoreEntry
        do { entry = try store.add(seed: device.seed, exportable: false, label: Self.deviceLabel + device.udf) } catch {
            throw DeviceError("store", error.description)
        }
        do { try write([(path(device.udf, "device"), profile.record.json)]) } catch {
            try? store.purge(udf: entry.udf)
            throw error
        }
        return (profile, true)
    }

    // MARK: Account and administrator

    /// The account seeds in this store (profiles it can administer directly).
    func accountSeeds() throws(DeviceError) -> [StoreEntry] { try seeds(.meshProfileAccount, label: "") }

    /// The account this store works for: `profile` if given, else the only account seed, else the only
    /// account the own device is activated in.
    public func accountUDF(_ profile: String?) throws(DeviceError) -> String {
        if let profile { return profile }
        let accounts = try accountSeeds()
        if accounts.count == 1 { return accounts[0].udf }
        if accounts.count > 1 {
            throw DeviceError("no_account", "the store holds \(accounts.count) account seeds; name one with --profile")
        }
        if let device = try ownDevice(), let activation = try activationSeed(device: device.udf, account: nil) {
            return activation.account
        }
        throw DeviceError("no_account", "\(store.path) holds no account seed and its device is in no account")
    }

    /// The verified account profile document `<account UDF>.profile`.
    public func accountProfile(_ udf: String, expect: String? = nil) throws(DeviceError) -> AccountProfile {
        guard let bytes = try read("\(store.path)/\(udf).profile", what: "account profile") else {
            throw DeviceError("not_found", "no account profile document \(udf).profile in \(store.path)")
        }
        return try AccountProfile(document: bytes, expect: expect ?? udf)
    }

    /// The verified device catalog of `account` (empty if there is none yet).
    public func catalog(_ account: AccountProfile) throws(DeviceError) -> DeviceCatalog {
        guard let bytes = try read(path(account.udf, "devices"), what: "device catalog") else { return .empty }
        return try DeviceCatalog.verify(versions: DeviceCatalog.parseVersions(bytes), account: account)
    }

    /// The AdministratorSignature signer: from the account seed in this store, or from the own device's
    /// administrator grant.
    public func administrator(_ account: AccountProfile) throws(DeviceError) -> Administrator {
        if let entry = try accountSeeds().first(where: {
            AccountProfile.normalized($0.udf) == AccountProfile.normalized(account.udf)
        }) {
            let profile: MeshProfile
            let accountSeed = try seed(entry)
            do { profile = try MeshProfile(accountSeed: accountSeed) } catch {
                throw DeviceError("store", error.description)
            }
            return try Administrator(account: account, signer: .derived(profile.key(.administratorSignature)))
        }
        if let device = try ownDevice(), let jwe = try read(path(device.udf, "grant"), what: "administrator grant") {
            let (activation, _) = try ownActivation(device: device, account: account)
            let grant: JWE
            do { grant = try JWE.parse(String(decoding: jwe, as: UTF8.self)) } catch {
                throw DeviceError("grant_malformed", "\(error)")
            }
            let key = try activation.compositePrivate(.encryption, device: device)
            return try Administrator(
                account: account,
                signer: AdministratorGrant.open(
                    grant,
                    compositeEncryption: key,
                    account: account,
                    deviceUDF: device.udf
                )
            )
        }
        throw DeviceError(
            "not_administrator",
            "\(store.path) holds neither the account seed of \(account.udf) nor an administrator grant"
        )
    }

    func ownActivation(
        device: DeviceKeys,
        account: AccountProfile
    ) throws(DeviceError) -> (ActivationKeys, ConnectionRecord) {
        guard let (seed, _) = try activationSeed(device: device.udf, account: account.udf) else {
            throw DeviceError(
                "not_activated",
                "this store's device \(device.udf) has no activation in account \(account.udf)"
            )
        }
        let connection = try ConnectionRecord.verify(
            required(device.udf, "connection", what: "connection_device"),
            service: false,
            account: account
        )
        let activation = try ActivationKeys(seed: seed, basePublic: ActivationKeys.basePublic(of: device))
        for role in ActivationKeys.roles {
            _ = try activation.compositePrivate(
                role,
                device: device,
                publishedComposite: connection.compositeKeys[role]
            )
        }
        return (activation, connection)
    }

    // MARK: Enrolment

    /// Enrols a device as administrator: the device whose profile is `request`, or (without one) this
    /// store's own device, made if needed, which is then also activated here and granted the
    /// AdministratorSignature key. Writes the device's public records and the new catalog version.
    public func enroll(
        name: String,
        request: SignedRecord?,
        profile: String?
    ) throws(DeviceError) -> (udf: String, answer: EnrolmentAnswer) {
        try Administrator.checkName(name)
        let account = try accountProfile(accountUDF(profile))
        let administrator = try administrator(account)
        let catalog = try catalog(account)
        let own = request == nil
        if own, let device = try ownDevice(), try activationSeed(device: device.udf, account: account.udf) != nil {
            throw DeviceError(
                "already_enrolled",
                "this store's device \(device.udf) is already enrolled in \(account.udf)"
            )
        }
        // Check the request before anything (including a device seed for this store) is written.
        if let request { _ = try DeviceProfileDocument.verify(request) }
        let (ownProfile, created) = own ? try self.request() : (nil, false)
        let requestRecord = request ?? ownProfile!.record
        do throws(DeviceError) {
            let enrolment = try administrator.enroll(
                request: requestRecord,
                name: name,
                roles: own ? ["administrator", "user"] : ["user"],
                catalog: catalog
            )
            if own {
                let device = try requireOwnDevice()
                let composite = enrolment.activation.composite(.encryption).compositePublic
                let secret: SecureBytes
                switch administrator.signer {
                case .secret(let bytes): secret = bytes
                case .scalar: throw DeviceError("not_administrator", "the administrator key is not a standard key")
                }
                let grant = try AdministratorGrant.seal(
                    administratorSecret: secret,
                    account: account,
                    deviceUDF: device.udf,
                    compositeEncryption: composite
                )
                _ = try accept(enrolment.answer, expect: account.udf, grant: grant)
            } else {
                try write([
                    (path(enrolment.deviceUDF, "device"), requestRecord.json),
                    (path(enrolment.deviceUDF, "connection"), enrolment.answer.connection.json),
                    (path(enrolment.deviceUDF, "service"), enrolment.answer.service.json),
                    (path(account.udf, "devices"), enrolment.answer.catalog.json),
                ])
            }
            return (enrolment.deviceUDF, enrolment.answer)
        } catch {
            if created, let device = try? ownDevice() { forgetDevice(device) }
            throw error
        }
    }

    func forgetDevice(_ device: DeviceKeys) {
        unlink(path(device.udf, "device"))
        if let entries = try? seeds(.meshProfileDevice, label: Self.deviceLabel + device.udf) {
            for entry in entries { try? store.purge(udf: entry.udf) }
        }
    }

    /// Installs an enrolment answer on this store's device after checking all of it: the account profile
    /// is `expect`, the answer is for this device's profile, the activation decrypts with the device's base
    /// key and is signed by AdministratorSignature, the whole chain verifies with the composite keys the
    /// activation gives, the catalog lists this activation, and it extends any catalog already here.
    public func accept(
        _ answer: EnrolmentAnswer,
        expect: String,
        grant: JWE? = nil
    ) throws(DeviceError) -> DeviceVerification.Report {
        let device = try requireOwnDevice()
        let account = try AccountProfile(document: answer.accountProfile, expect: expect)
        guard answer.deviceProfile == (try required(device.udf, "device", what: "device_profile")) else {
            throw DeviceError(
                "device_profile_mismatch",
                "the answer is for another device profile than this store's \(device.udf)"
            )
        }
        if try activationSeed(device: device.udf, account: account.udf) != nil {
            throw DeviceError("already_enrolled", "this store's device is already activated in \(account.udf)")
        }
        let (activation, _) = try ActivationRecord.open(answer.activation, device: device, account: account)
        let catalog = try DeviceCatalog.verify(versions: answer.catalog.versions, account: account)
        if let existing = try read(path(account.udf, "devices"), what: "device catalog") {
            let local = try DeviceCatalog.verify(versions: DeviceCatalog.parseVersions(existing), account: account)
            guard catalog.extends(local) else {
                throw DeviceError(
                    "catalog_rollback",
                    "the answer's catalog does not extend the catalog already in \(store.path)"
                )
            }
        }
        let report = try DeviceVerification.verify(
            account: account,
            profile: answer.deviceProfile,
            connection: answer.connection,
            service: answer.service,
            catalog: catalog,
            revocation: nil,
            own: (device, activation)
        )
        guard catalog.entry(device: device.udf)?.activation_digest == ActivationRecord.digest(answer.activation) else {
            throw DeviceError("activation_mismatch", "the catalog does not list this activation")
        }
        var files: [(path: String, bytes: [UInt8])] = [
            (path(device.udf, "connection"), answer.connection.json),
            (path(device.udf, "service"), answer.service.json),
            (path(device.udf, "activation"), Array((answer.activation.json.pretty() + "\n").utf8)),
            (path(account.udf, "devices"), catalog.json),
        ]
        if access("\(store.path)/\(account.udf).profile", F_OK) != 0 {
            files.append(("\(store.path)/\(account.udf).profile", answer.accountProfile))
        }
        if let grant {
            // The grant must open with the composite key before it is kept.
            _ = try AdministratorGrant.open(
                grant,
                compositeEncryption: activation.compositePrivate(.encryption, device: device),
                account: account,
                deviceUDF: device.udf
            )
            files.append((path(device.udf, "grant"), Array((grant.json.pretty() + "\n").utf8)))
        }
        try write(files)
        do {
            _ = try store.add(
                seed: activation.seed,
                exportable: false,
                label: "\(Self.activationLabel)\(device.udf) \(account.udf)"
            )
        } catch {
            for file in files { unlink(file.path) }
            throw DeviceError("store", error.description)
        }
        return report
    }

    // MARK: Catalog operations

    func resolve(_ device: String?, catalog: DeviceCatalog) throws(DeviceError) -> DeviceCatalog.Entry {
        if let device {
            if let entry = catalog.entry(device: device) ?? catalog.devices.first(where: {
                AccountProfile.normalized($0.device_udf) == AccountProfile.normalized(device)
            })
                ?? catalog.entry(name: device)
            {
                return entry
            }
            throw DeviceError("not_in_catalog", "no device \(device) in the account's device catalog")
        }
        guard let own = try ownDevice() else {
            throw DeviceError("no_device", "name a device (this store has none of its own)")
        }
        guard let entry = catalog.entry(device: own.udf) else {
            throw DeviceError("not_in_catalog", "this store's device \(own.udf) is not in the account's device catalog")
        }
        return entry
    }

    /// Revokes a device (by name or UDF): a revocation record `<device UDF>.revocation` and a new catalog version.
    public func revoke(device: String, profile: String?) throws(DeviceError) -> DeviceCatalog.Entry {
        let account = try accountProfile(accountUDF(profile))
        let administrator = try administrator(account)
        let catalog = try catalog(account)
        let entry = try resolve(device, catalog: catalog)
        let (revocation, next) = try administrator.revoke(device: entry.device_udf, catalog: catalog)
        try write([
            (path(entry.device_udf, "revocation"), revocation.record.json), (path(account.udf, "devices"), next.json),
        ])
        return next.entry(device: entry.device_udf)!
    }

    /// The verified catalog's devices.
    public func list(
        profile: String?
    ) throws(DeviceError) -> (account: String, sequence: Int, devices: [DeviceCatalog.Entry]) {
        let account = try accountProfile(accountUDF(profile))
        let catalog = try catalog(account)
        return (account.udf, catalog.sequence, catalog.devices)
    }

    /// Checks a device's whole chain (``DeviceVerification``) against the account profile `expect`; the
    /// device by name or UDF, or this store's own device (then also its composite private keys).
    public func verify(expect: String, device: String?) throws(DeviceError) -> DeviceVerification.Report {
        let account = try accountProfile(expect, expect: expect)
        let catalog = try catalog(account)
        guard catalog.sequence > 0 else {
            throw DeviceError("catalog_missing", "\(store.path) has no device catalog for \(account.udf)")
        }
        let entry = try resolve(device, catalog: catalog)
        let udf = entry.device_udf
        var own: (DeviceKeys, ActivationKeys)?
        if let mine = try ownDevice(), mine.udf == udf,
            let (seed, _) = try activationSeed(device: udf, account: account.udf)
        {
            own = (mine, try ActivationKeys(seed: seed, basePublic: ActivationKeys.basePublic(of: mine)))
            // The own device's activation record: it still opens, is signed by AdministratorSignature, holds
            // the stored activation seed, and is the one the catalog lists.
            guard let bytes = try read(path(udf, "activation"), what: "activation") else {
                throw DeviceError("not_found", "no activation record \(udf).activation in \(store.path)")
            }
            let jwe: JWE
            do { jwe = try JWE.parse(String(decoding: bytes, as: UTF8.self)) } catch {
                throw DeviceError("activation_malformed", "not a JWE: \(error)")
            }
            let (opened, _) = try ActivationRecord.open(jwe, device: mine, account: account)
            guard opened.seed == seed else {
                throw DeviceError("activation_mismatch", "the activation record holds another seed than the store")
            }
            guard entry.activation_digest == ActivationRecord.digest(jwe) else {
                throw DeviceError("activation_mismatch", "the catalog does not list this activation record")
            }
        }
        return try DeviceVerification.verify(
            account: account,
            profile: required(udf, "device", what: "device_profile"),
            connection: required(udf, "connection", what: "connection_device"),
            service: required(udf, "service", what: "connection_service"),
            catalog: catalog,
            revocation: record(udf, "revocation", what: "revocation"),
            own: own
        )
    }

    // MARK: Using the composite keys

    func ownComposite(
        _ role: DeviceKeys.Role,
        profile: String?
    ) throws(DeviceError) -> (key: ScalarKeyHandle, udf: String) {
        let device = try requireOwnDevice()
        let account = try accountProfile(accountUDF(profile))
        let (activation, connection) = try ownActivation(device: device, account: account)
        let key = try activation.compositePrivate(
            role,
            device: device,
            publishedComposite: connection.compositeKeys[role]
        )
        return (ScalarKeyHandle(key: key), connection.compositeUDF(role) ?? "")
    }

    /// Signs with the own device's composite Signature key (Ed448 with a secret nonce prefix derived from
    /// the scalar). Returns the signature and the composite key's UDF.
    public func sign(_ message: [UInt8], profile: String?) throws(DeviceError) -> (signature: [UInt8], keyUDF: String) {
        let (handle, udf) = try ownComposite(.signature, profile: profile)
        do { return (try handle.key.sign(message: message), udf) } catch {
            throw DeviceError("invalid_key", error.description)
        }
    }

    /// Decrypts a JWE to the own device's composite Encryption key.
    public func decrypt(_ jwe: JWE, profile: String?) throws(DeviceError) -> SecureBytes {
        try CompositeDecryption.decrypt(jwe, key: ownComposite(.encryption, profile: profile).key.key)
    }

    /// Encrypts to a device's composite Encryption key, taken from its connection record (verified under
    /// AdministratorSignature first).
    public func encrypt(_ plaintext: SecureBytes, device: String?, profile: String?) throws(DeviceError) -> JWE {
        let account = try accountProfile(accountUDF(profile))
        let udf = try resolve(device, catalog: catalog(account)).device_udf
        let connection = try ConnectionRecord.verify(
            required(udf, "connection", what: "connection_device"),
            service: false,
            account: account
        )
        return try CompositeDecryption.encrypt(
            plaintext,
            to: connection.compositeKeys[.encryption]!,
            kid: connection.compositeUDF(.encryption)
        )
    }
}

/// A composite private key (kept out of the public API's tuple types).
struct ScalarKeyHandle { let key: ScalarKey }
