import Foundation
import MeshUDF
import Testing

/// UDF and kid comparisons by bytes (item 9): KELVIN SIGN (U+212A) is canonically equivalent to
/// "K", so Swift's `==` calls them equal; a UDF with it must not match.
@Suite struct UDFMatchTests {
    static let udf = "MBKX-2AKD-QHQJ-5XXS-KR7N-IWKD-ZU6T"
    static let kelvin = udf.replacingOccurrences(of: "K", with: "\u{212A}")

    @Test func swiftStringEqualityIsTheHazard() {
        // The reason for UDFMatch: this holds in Swift.
        #expect(Self.kelvin == Self.udf)
        #expect(Array(Self.kelvin.utf8) != Array(Self.udf.utf8))
    }

    @Test func identicalComparesBytes() {
        #expect(UDFMatch.identical(Self.udf, Self.udf))
        #expect(!UDFMatch.identical(Self.kelvin, Self.udf))
        // A decomposed letter against the precomposed one (canonically equivalent too).
        #expect(!UDFMatch.identical("\u{00C5}", "A\u{030A}"))
        #expect(!UDFMatch.identical(Self.udf.lowercased(), Self.udf))
    }

    @Test func sameIgnoresCaseAndDashesOfASCIIOnly() {
        #expect(UDFMatch.same(Self.udf.lowercased(), Self.udf))
        #expect(UDFMatch.same(Self.udf.replacingOccurrences(of: "-", with: ""), Self.udf))
        #expect(UDFMatch.same(Self.udf.replacingOccurrences(of: "-", with: " "), Self.udf))
        #expect(!UDFMatch.same(Self.kelvin, Self.udf))
        #expect(!UDFMatch.same(Self.udf, Self.kelvin))
        #expect(!UDFMatch.same(Self.udf + "A", Self.udf))
        #expect(UDFMatch.normalized(Self.kelvin) == nil)
        #expect(UDFMatch.normalized("ab-c d") == Array("ABCD".utf8))
        // Fullwidth letters are not ASCII either.
        #expect(!UDFMatch.same("\u{FF2D}BKX-2AKD-QHQJ-5XXS-KR7N-IWKD-ZU6T", Self.udf))
    }

    @Test func matchesAcceptsPrefixesOfSixteenCharactersOrMore() {
        let prefix = String(Self.udf.prefix(19))  // 16 characters without dashes
        #expect(UDFMatch.matches(prefix, Self.udf))
        #expect(!UDFMatch.matches(String(Self.udf.prefix(18)), Self.udf))
        #expect(!UDFMatch.matches(prefix.replacingOccurrences(of: "K", with: "\u{212A}"), Self.udf))
        #expect(!UDFMatch.matches(Self.kelvin, Self.udf))
    }
}
