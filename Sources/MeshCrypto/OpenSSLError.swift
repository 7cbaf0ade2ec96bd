internal import COpenSSL

/// A failure reported by OpenSSL, with the call that failed and OpenSSL's own reasons.
///
/// It never carries key material: OpenSSL's error strings name functions and reasons only.
///
/// Code: `openssl_failed` (every OpenSSL failure; the call and OpenSSL's reasons are in the reason).
/// Errors compare by code only.
public struct OpenSSLError: CodedError, Hashable {
    public let call: String
    public let reasons: [String]

    public var errorCode: String { "openssl_failed" }
    public var reason: String { description }

    public var description: String {
        reasons.isEmpty ? "\(call) failed" : "\(call) failed: \(reasons.joined(separator: "; "))"
    }

    /// Drains this thread's OpenSSL error queue into an error for `call`.
    static func drain(_ call: String) -> OpenSSLError {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return OpenSSLError(call: call, reasons: reasons)
    }
}

/// Checks OpenSSL's `1 means success` convention.
@inline(__always)
func check(_ result: Int32, _ call: String) throws(OpenSSLError) {
    if result != 1 { throw OpenSSLError.drain(call) }
}
