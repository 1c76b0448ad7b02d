// The problem+json document every refusal is (RFC 9457), with SameDay's stable `code`.

import SameDayCore

/// The schema of every 4xx/5xx answer; `APIError.problemJSON` writes it.
enum ProblemBody {
    static let schemaName = "Problem"

    static var schema: JSONSchema {
        .object(
            [
                .init(
                    "type", .string("`urn:sameday:problem:` and the code.", example: "urn:sameday:problem:out-of-stock")
                ),
                .init("title", .string("A short title, the same for every occurrence of the code.")),
                .init("status", .integer(400...599, "The HTTP status.")),
                .init("code", .oneOf(ProblemCode.allCases.map(\.rawValue), "The stable problem code.")),
                .init("detail", .string("What is wrong, in a sentence a person can act on.")),
                .init(
                    "errors",
                    .array(
                        .ref(FieldProblemBody.schemaName), maxItems: Limits.maxReportedProblems,
                        "Every problem found in the request, with its path (at most 20)."), required: false),
                .init(
                    "promise",
                    .ref(PromiseBody.schemaName).described("With `promise-changed`: the promise as it stands now."),
                    required: false),
            ], "A refusal: application/problem+json.")
    }
}

/// One field problem inside a problem document's `errors`.
enum FieldProblemBody {
    static let schemaName = "FieldProblem"

    static var schema: JSONSchema {
        .object([
            .init("path", .string("Where: `lines[2].qty`, `body`, or a parameter's name.")),
            .init("code", .oneOf(ProblemCode.allCases.map(\.rawValue))),
            .init("reason", .string("What is wrong with it.")),
        ])
    }
}
