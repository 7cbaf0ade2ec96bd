import MeshCrypto

extension CommandFailure {
    /// A library error that is not yet a `CodedError`, printed as it always was: a description of the form
    /// `code: reason` keeps its code and reason; any other description becomes the reason under `code`.
    init(describing error: any Error, code: String, prefix: String = "") {
        if let coded = error as? any CodedError {
            self.init(coded.errorCode, prefix + coded.reason)
            return
        }
        let text = String(describing: error)
        if prefix.isEmpty, let colon = text.firstRange(of: ": "), !text[..<colon.lowerBound].isEmpty,
           text[..<colon.lowerBound].allSatisfy({ $0 == "_" || ("a"..."z").contains($0) }) {
            self.init(String(text[..<colon.lowerBound]), String(text[colon.upperBound...]))
        } else {
            self.init(code, prefix + text)
        }
    }
}
