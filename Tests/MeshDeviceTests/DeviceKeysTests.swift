import MeshCrypto
import MeshDevice
import MeshKeys
import MeshMath
import MeshUDF
import Testing

@Suite struct DeviceKeysTests {
    @Test func baseKeysAreDerivedByNameAndTheUDFIsTheProfileKeyFingerprint() throws {
        let device = DeviceKeys.generate()
        #expect(device.seed.specifier == .meshProfileDevice)
        for role in DeviceKeys.Role.allCases {
            let direct = try DerivedKey(seed: device.seed, keyName: "BaseDevice" + role.operation, curve: role.curve)
            #expect(device.key(role).publicKeyExtended == direct.publicKeyExtended)
        }
        #expect(device.udf == KeyFingerprint.udf(curve: .ed448, key: device.key(.profileSignature).publicKey))
        #expect(DeviceKeys.generate().udf != device.udf)
    }

    @Test func otherSeedTypesAreRefused() {
        #expect(throws: DeviceError.self) { try DeviceKeys(seed: SeedUDF.random(.meshProfileAccount)) }
        #expect(throws: DeviceError.self) {
            try DeviceKeys(seed: SeedUDF.random(.meshProfileDevice, secretByteCount: 8))
        }
    }

    @Test func administratorAndDeviceComputeTheSameComposites() throws {
        let device = DeviceKeys.generate()
        let activation = try ActivationKeys.generate(basePublic: ActivationKeys.basePublic(of: device))
        for role in ActivationKeys.roles {
            let composite = activation.composite(role)
            let key = try activation.compositePrivate(
                role,
                device: device,
                publishedComposite: composite.compositePublic
            )
            #expect(key.publicKeyExtended == composite.compositePublic)
            #expect(key.udf() == composite.compositeUDF)
            #expect(composite.compositePublic != composite.basePublic)
        }
        // Another device's keys do not fit this activation.
        #expect(throws: DeviceError.self) { try activation.compositePrivate(.signature, device: DeviceKeys.generate()) }
    }
}
