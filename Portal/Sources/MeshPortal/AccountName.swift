/// The account-name rule that `ValidateAccount` reports and `CreateAccount` enforces: 3 to 64 characters,
/// lower-case ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit.
public enum AccountName {
    public static let minimum = 3
    public static let maximum = 64
    public static let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")

    /// Nil when `name` is valid; else the characters that are not allowed (possibly empty) and the reason.
    public static func problem(_ name: String) -> (invalidCharacters: String, reason: String)? {
        let invalid = String(Set(name.filter { !allowed.contains($0) }).sorted())
        if !invalid.isEmpty { return (invalid, "the name has characters other than a-z, 0-9, '-', '_' and '.'") }
        if name.count < minimum { return ("", "the name is shorter than \(minimum) characters") }
        if name.count > maximum { return ("", "the name is longer than \(maximum) characters") }
        if let first = name.first, !(first.isLetter || first.isNumber) {
            return (String(first), "the name must start with a letter or a digit")
        }
        return nil
    }
}
