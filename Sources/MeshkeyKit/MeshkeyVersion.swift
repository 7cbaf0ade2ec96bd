/// The version of meshkey these libraries are (printed by `meshkey --version` and on every paper sheet).
public enum MeshkeyVersion {
    public static let current = "0.2.0-dev"
}
