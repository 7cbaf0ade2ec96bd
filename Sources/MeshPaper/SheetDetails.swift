/// What the person printing a set says about it, printed on every sheet: what the secret protects
/// (`purpose`) and whose it is (`owner`); and which meshkey made it.
public struct SheetDetails: Sendable, Equatable {
    public var purpose: String?
    public var owner: String?
    public var meshkeyVersion: String?

    public init(purpose: String? = nil, owner: String? = nil, meshkeyVersion: String? = nil) {
        self.purpose = purpose
        self.owner = owner
        self.meshkeyVersion = meshkeyVersion
    }
}
