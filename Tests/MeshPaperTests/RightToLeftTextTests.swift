import Testing

@testable import MeshPaper

/// Arabic as cairo's toy text API can draw it: joined forms, right-to-left runs in visual order.
@Suite struct RightToLeftTextTests {
    func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test func lettersTakeTheirJoinedForms() {
        // بيت (house): beh initial, yeh medial, teh final; drawn right to left, so reversed.
        #expect(scalars(RightToLeftText.visual("بيت")) == [0xFE96, 0xFEF4, 0xFE91])
        // دار: dal and alef join only to the letter before them, so all three stand isolated.
        #expect(scalars(RightToLeftText.visual("دار")) == [0xFEAD, 0xFE8D, 0xFEA9])
        // لا is one ligature; hamza joins neither side.
        #expect(scalars(RightToLeftText.visual("لا")) == [0xFEFB])
        #expect(scalars(RightToLeftText.visual("بء")) == [0xFE80, 0xFE8F])
    }

    @Test func onlyRightToLeftRunsAreReversed() {
        #expect(RightToLeftText.visual("Ada Lovelace") == "Ada Lovelace")
        let mixed = RightToLeftText.visual("box بيت 12")
        #expect(mixed.hasPrefix("box ") && mixed.hasSuffix(" 12"))
        #expect(scalars(mixed).dropFirst(4).prefix(3) == [0xFE96, 0xFEF4, 0xFE91])
        // Two words: the space stays between them, the words swap places.
        #expect(scalars(RightToLeftText.visual("دار بيت")) == [0xFE96, 0xFEF4, 0xFE91, 0x20, 0xFEAD, 0xFE8D, 0xFEA9])
    }
}
