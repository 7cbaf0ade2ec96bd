/// An option whose value is one of an enumeration's raw values, parsed with the other arguments
/// (`@Option(help: …, transform: EnumeratedOption.parse("--format"))`). A value that is none of them is
/// refused before the command runs, on the one failure path: `meshkey <command>: invalid_input: --format
/// must be pkcs8, openssh, age, jwk or udf (got pem)`.
enum EnumeratedOption {
    static func parse<Value: RawRepresentable & CaseIterable & SendableMetatype>(
        _ option: String
    ) -> @Sendable (String) throws -> Value
    where Value.RawValue == String {
        { text in
            guard let value = Value(rawValue: text) else {
                throw CommandFailure("invalid_input", "\(option) must be \(choices(Value.self)) (got \(text))")
            }
            return value
        }
    }

    /// `a, b or c`.
    static func choices<Value: RawRepresentable & CaseIterable>(_ type: Value.Type) -> String
    where Value.RawValue == String {
        let names = Value.allCases.map(\.rawValue)
        return names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
