@_exported import MeshJSON

/// The CLI's `--json` output: MeshJSON's value written on one line (``JSONValue/text``), members in the
/// order the command gives them.
typealias JSONValueOut = JSONValue
