// Field-by-field validation of a parsed request body, with JSON paths.
//
// Every check records a problem naming its path (`lines[2].qty`) and what to
// send instead; `finish()` throws one `APIError` listing all of them, so a
// client fixes everything in one round trip.

import SameDayCore

/// One rejected field.
public struct FieldProblem: Sendable, Equatable {
    public var code: ProblemCode
    public var path: String
    public var reason: String
}

/// Collects field problems while reading values out of a `JSON` body.
struct FieldValidator {
    private(set) var problems: [FieldProblem] = []

    var isValid: Bool { problems.isEmpty }

    mutating func fail(_ code: ProblemCode, _ path: String, _ reason: String) {
        // Bound the list: a fuzzed body with 10,000 bad lines needs no 10,000 reasons.
        if problems.count < 20 { problems.append(FieldProblem(code: code, path: path, reason: reason)) }
    }

    /// The members of `value` if it is an object; records a problem otherwise.
    mutating func object(_ value: JSON, _ path: @autoclosure () -> String) -> [(key: String, value: JSON)]? {
        guard case .object(let members) = value else {
            let path = path()
            fail(.invalidField, path.isEmpty ? "body" : path, "must be a JSON object, got \(value.typeDescription)")
            return nil
        }
        return members
    }

    /// Records `unknown-field` for each member of `members` not in `allowed`.
    mutating func rejectUnknown(
        _ members: [(key: String, value: JSON)], allowed: [String], _ path: @autoclosure () -> String
    ) {
        for member in members where !allowed.contains(member.key) {
            let path = path()
            let shown = member.key.count > 64 ? String(member.key.prefix(64)) + "…" : member.key
            let accepted = allowed.sorted().joined(separator: ", ")
            fail(.unknownField, join(path, shown), "is not a field of this request (accepted: \(accepted))")
        }
    }

    /// A string member. `maxLength` counts characters; `allowed` checks each UTF-8 byte (the id and digit
    /// alphabets are ASCII, so any other byte is refused).
    mutating func string(
        _ members: [(key: String, value: JSON)], _ key: String, _ path: @autoclosure () -> String,
        required: Bool = true,
        maxLength: Int = 200, allowed: ((UInt8) -> Bool)? = nil, allowedDescription: String = ""
    ) -> String? {
        // The path is only built for a problem (most requests have none).
        var fieldPath: String { join(path(), key) }
        guard let value = members.first(where: { $0.key == key })?.value, value != .null else {
            if required { fail(.missingField, fieldPath, "is required") }
            return nil
        }
        guard case .string(let s) = value else {
            fail(.invalidField, fieldPath, "must be a string, got \(value.typeDescription)")
            return nil
        }
        if s.isEmpty {
            fail(.invalidField, fieldPath, "must not be empty")
            return nil
        }
        if s.utf8.count > maxLength, s.count > maxLength {
            fail(.invalidField, fieldPath, "is \(s.count) characters long; at most \(maxLength) are allowed")
            return nil
        }
        if let allowed, !s.utf8.allSatisfy(allowed) {
            fail(.invalidField, fieldPath, "must be \(allowedDescription)")
            return nil
        }
        return s
    }

    /// An integer member within `range` (both ends inclusive).
    mutating func int(
        _ members: [(key: String, value: JSON)], _ key: String, _ path: @autoclosure () -> String,
        range: ClosedRange<Int>,
        required: Bool = true, rangeHint: String = ""
    ) -> Int? {
        // The path is only built for a problem (most requests have none).
        var fieldPath: String { join(path(), key) }
        guard let value = members.first(where: { $0.key == key })?.value, value != .null else {
            if required { fail(.missingField, fieldPath, "is required") }
            return nil
        }
        let int: Int
        switch value {
        case .integer(let i): int = i
        case .number(let d) where d.rounded() == d && abs(d) < 9e15: int = Int(d)
        case .number:
            fail(.invalidField, fieldPath, "must be a whole number, got \(value.jsonText.prefix(32))")
            return nil
        default:
            fail(.invalidField, fieldPath, "must be an integer, got \(value.typeDescription)")
            return nil
        }
        guard range.contains(int) else {
            let hint = rangeHint.isEmpty ? "" : " (\(rangeHint))"
            fail(
                .invalidField, fieldPath,
                "is \(int); it must be between \(range.lowerBound) and \(range.upperBound)\(hint)")
            return nil
        }
        return int
    }

    /// An array member with at most `maxCount` elements and at least `minCount`.
    mutating func array(
        _ members: [(key: String, value: JSON)], _ key: String, _ path: @autoclosure () -> String, minCount: Int,
        maxCount: Int
    ) -> [JSON]? {
        // The path is only built for a problem (most requests have none).
        var fieldPath: String { join(path(), key) }
        guard let value = members.first(where: { $0.key == key })?.value, value != .null else {
            fail(.missingField, fieldPath, "is required")
            return nil
        }
        guard case .array(let elements) = value else {
            fail(.invalidField, fieldPath, "must be an array, got \(value.typeDescription)")
            return nil
        }
        guard elements.count >= minCount else {
            fail(.invalidField, fieldPath, "must have at least \(minCount) element\(minCount == 1 ? "" : "s")")
            return nil
        }
        guard elements.count <= maxCount else {
            fail(.invalidField, fieldPath, "has \(elements.count) elements; at most \(maxCount) are allowed")
            return nil
        }
        return elements
    }

    /// Throws the collected problems as one `APIError` (code of the first problem).
    func finish() throws(APIError) {
        guard let first = problems.first else { return }
        let detail = problems.map { "\($0.path) \($0.reason)" }.joined(separator: "; ")
        let list = JSON.array(
            problems.map {
                .object([
                    ("path", .string($0.path)), ("code", .string($0.code.rawValue)), ("reason", .string($0.reason)),
                ])
            }
        )
        throw APIError(first.code, detail, extensions: [("errors", list.jsonText)])
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// Character classes used by validation (ASCII, tested byte by byte on UTF-8).
enum Characters {
    static func isDigitByte(_ a: UInt8) -> Bool { a >= 0x30 && a <= 0x39 }
}
