// libFuzzer's entry points for the jwe_escrow_entry fuzz target; the checks are in FuzzHarness (README.md).
import FuzzHarness

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    FuzzDriver.initialize(.jweEscrowEntry)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzDriver.testOneInput(.jweEscrowEntry, data, size)
}
