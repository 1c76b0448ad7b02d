// `sameday openapi`: prints the HTTP API's OpenAPI 3.1 document (the one `GET /openapi.json` serves).

import ArgumentParser
import SameDayServer

struct OpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract:
            "Print the HTTP API's OpenAPI 3.1 document (indented JSON; the server serves the same at /openapi.json)."
    )

    func run() throws {
        print(OpenAPIDocument.prettyJSON, terminator: "")
    }
}
