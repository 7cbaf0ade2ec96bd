import Foundation
import Testing

@testable import MeshPortal

/// Docs/portal.md and Docs/portal-openapi.yaml name every error code and every message the portal has.
@Suite struct DocumentationTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Docs")

    @Test func everyCodeAndMessageIsDocumented() throws {
        let guide = try String(contentsOf: Self.docs.appendingPathComponent("portal.md"), encoding: .utf8)
        let openAPI = try String(contentsOf: Self.docs.appendingPathComponent("portal-openapi.yaml"), encoding: .utf8)
        for code in PortalError.Code.allCases {
            #expect(
                guide.contains("| `\(code.rawValue)` | \(PortalError(code, "").httpStatus) |"),
                "portal.md: \(code.rawValue)"
            )
            #expect(openAPI.contains(code.rawValue), "portal-openapi.yaml: \(code.rawValue)")
        }
        for name in PortalService.transactions {
            #expect(guide.contains("`\(name)Request`"), "portal.md: \(name)Request")
            #expect(
                openAPI.contains("\(name)Request:") && openAPI.contains("\(name)Response:"),
                "portal-openapi.yaml: \(name)"
            )
        }
        #expect(guide.contains("(version \(PortalSchema.currentVersion);"))
    }
}
