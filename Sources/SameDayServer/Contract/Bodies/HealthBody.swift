// GET /health's answer.

import SameDayCore

/// `{"status": "ok"}`: the server is up and answering.
struct HealthBody: ResponseBody {
    static let schemaName = "Health"
    static var schema: JSONSchema { .object([.init("status", .oneOf(["ok"]))]) }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("status", "ok")
        writer.endObject()
    }
}
