import MeshCrypto

extension CommandFailure {
    /// A library error printed as its description always read: a `CodedError` keeps its code, and its
    /// description (without a leading `code: `) is the reason; another error whose description has the form
    /// `code: reason` keeps that code and reason; any other description becomes the reason under `code`.
    init(describing error: any Error, code: String) {
        let text = String(describing: error)
        if let coded = error as? any CodedError {
            let prefix = coded.errorCode + ": "
            self.init(coded.errorCode, text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)
        } else if let colon = text.firstRange(of: ": "), !text[..<colon.lowerBound].isEmpty,
            text[..<colon.lowerBound].allSatisfy({ $0 == "_" || ("a"..."z").contains($0) })
        {
            self.init(String(text[..<colon.lowerBound]), String(text[colon.upperBound...]))
        } else {
            self.init(code, text)
        }
    }
}
