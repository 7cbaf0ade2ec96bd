// MeshkeyKit: the operations a user of meshkey runs, each one library call. The `meshkey` CLI parses its
// options, makes one of these calls and writes the result; a Swift program does the same without CLI code.
