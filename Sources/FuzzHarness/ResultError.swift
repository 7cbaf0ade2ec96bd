import MeshUDF

extension Result {
    /// The error, if this is one.
    var error: Failure? { if case .failure(let error) = self { error } else { nil } }
}

extension Result where Failure == UDFError {
    /// The UDF error code, if this is an error.
    var errorCode: UDFError.Code? { error?.code }
}
