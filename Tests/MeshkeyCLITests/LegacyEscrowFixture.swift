/// An offline escrow entry written by meshkey before 0.2.0 (EscrowedKeySet version 1: no `version`, no
/// `exportable`), holding a throwaway Ed25519 test key (MDD6-BMHE-KPFV-WP5A-VQK6-KVJO-UNID, label "legacy", exportable in the store that
/// sealed it), with two of its three shares. Made once with the binary of commit e292dfc.
enum LegacyEscrowFixture {
    static let keyUDF = "MDD6-BMHE-KPFV-WP5A-VQK6-KVJO-UNID"
    static let entry = #"""
        {"OfflineEscrowEntry": {"EncryptedData": {"ciphertext": "JUlFCrEfZ3-loeewHMFoLvrvvOgAV8Y4WHJlxnZp3Hs7db79MJvSNrawZoAtYQaFvQ-u7y_es5w6KFcddRVmU1wjayGdzmJ3X-9-_VciwvJau8lMuWRYmPQiRr041N3APP74Z-iMSmBZIaQEkuilrSAkCXlZM5rkG0DHhRG-vELc1IAoQLXp22TZIMinDbIK3Xh3fYQVHosWFHp4xsstKifRFUQXlTYlPt1HzRRgZ1aFCLOxMXBYR5WtAat2QeZHjOjDqHnoY1chhJZqOMkEpGLUI9WTcGkcsQGzfHU7TA", "iv": "nIv6gP-N7dtDr1Ok", "protected": "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0", "tag": "LdQo7vHlKlXbzQdAN93L7w"}, "Identifier": "MASP-Q5AE-36BC-J5LL-ZO6K-XOUL-PF23-65U6-IW3S-MFX3-5EET-M6L3-B5H3-ZZFF-ULIJ-XFGZ-37AR-LX7C-ZOOZ-LVZR-2PKG-6TSH"}}
        """#
    static let shares = [
        "SAQB-QTPQ-ZK2X-DCI6-4TVV-G4RN-DNDB-3CNX-KSYI-Z736-3MRI-DXUU-VKDX-NIQ",
        "SARK-ALXL-2BQH-4OJU-ONB3-K6DV-2FLE-JWUO-MXXL-VIDV-KKN7-QUQL-TAHK-4EQ",
    ]
}
