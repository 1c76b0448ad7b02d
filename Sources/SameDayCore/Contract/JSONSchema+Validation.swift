// Checking a JSON value against a schema, with every problem named by its JSON path.
//
// This is how the server validates request bodies, query parameters and headers, and how the tests check every
// answer: one implementation of the keywords `JSONSchema` models, exactly as JSON Schema defines them.

/// One rejected part of a request: its path (`lines[2].qty`), its code and what to send instead.
public struct FieldProblem: Sendable, Equatable {
    public var code: ProblemCode
    public var path: String
    public var reason: String

    public init(code: ProblemCode, path: String, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }
}

/// Problems found so far, at most `Limits.maxReportedProblems` (a fuzzed body with 10,000 bad lines needs no
/// 10,000 reasons, and validation stops early once the list is full).
public struct FieldProblems: Sendable {
    public private(set) var list: [FieldProblem] = []

    public init() {}

    public var isEmpty: Bool { list.isEmpty }
    public var isFull: Bool { list.count >= Limits.maxReportedProblems }

    public mutating func add(_ code: ProblemCode, _ path: String, _ reason: String) {
        if !isFull { list.append(FieldProblem(code: code, path: path, reason: reason)) }
    }
}

/// A position in a JSON document, kept as a stack and rendered only for a problem.
public struct JSONPath: Sendable {
    enum Step: Sendable {
        case key(String)
        case index(Int)
    }

    var steps: [Step] = []
    /// Prefix of every rendered path (`body`, `query.limit`, ...); empty for a body's members.
    let root: String

    public init(root: String = "") { self.root = root }

    /// `lines[2].qty`, or the root's name (`body`) for the value itself.
    public var rendered: String {
        var out = root
        for step in steps {
            switch step {
            case .key(let key):
                let shown = key.utf8.count > 64 ? String(decoding: key.utf8.prefix(64), as: UTF8.self) + "…" : key
                out += out.isEmpty ? shown : ".\(shown)"
            case .index(let i): out += "[\(i)]"
            }
        }
        return out.isEmpty ? "body" : out
    }
}

extension JSONSchema {
    /// Checks `value`, adding a problem for each violation; `resolve` finds a `reference`'s schema.
    /// - Complexity: O(size of `value` × properties per object), stopping once `problems` is full.
    public func validate(
        _ value: JSONValue, at path: inout JSONPath, into problems: inout FieldProblems,
        resolve: (String) -> JSONSchema? = { _ in nil }
    ) {
        guard !problems.isFull else { return }
        if case .null = value {
            if nullable || { if case .null = kind { true } else { false } }() { return }
            if case .any = kind { return }
        }
        switch kind {
        case .any: return
        case .reference(let name):
            guard let target = resolve(name) else {
                problems.add(.internalError, path.rendered, "has a schema the server cannot find (\(name))")
                return
            }
            var target2 = target
            target2.nullable = target.nullable || nullable
            target2.validate(value, at: &path, into: &problems, resolve: resolve)
        case .anyOf(let options):
            for option in options {
                var trial = FieldProblems()
                option.validate(value, at: &path, into: &trial, resolve: resolve)
                if trial.isEmpty { return }
            }
            problems.add(
                .invalidField, path.rendered,
                description.map { "must be \($0)" } ?? "matches none of the shapes this field may have")
        case .null:
            problems.add(.invalidField, path.rendered, "must be null, got \(value.typeDescription)")
        case .boolean:
            guard case .bool = value else { return mismatch("a boolean", value, &path, &problems) }
        case .integer(let minimum, let maximum):
            validateInteger(value, minimum, maximum, &path, &problems)
        case .number(let minimum, let maximum):
            validateNumber(value, minimum, maximum, &path, &problems)
        case .string(let rule):
            guard case .string(let s) = value else { return mismatch("a string", value, &path, &problems) }
            rule.validate(s, &path, &problems)
        case .array(let items, let minItems, let maxItems):
            validateArray(value, items, minItems, maxItems, &path, &problems, resolve)
        case .object(let properties, let additional):
            validateObject(value, properties, additional, &path, &problems, resolve)
        case .map(let values):
            guard case .object(let members) = value else { return mismatch("a JSON object", value, &path, &problems) }
            for member in members {
                path.steps.append(.key(member.key))
                values.validate(member.value, at: &path, into: &problems, resolve: resolve)
                path.steps.removeLast()
            }
        }
    }

    private func mismatch(
        _ expected: String, _ value: JSONValue, _ path: inout JSONPath, _ problems: inout FieldProblems
    ) {
        if case .null = value {
            problems.add(.invalidField, path.rendered, "must be \(expected), not null")
        } else {
            problems.add(.invalidField, path.rendered, "must be \(expected), got \(value.typeDescription)")
        }
    }

    private func validateInteger(
        _ value: JSONValue, _ minimum: Int?, _ maximum: Int?, _ path: inout JSONPath, _ problems: inout FieldProblems
    ) {
        let int: Int
        switch value {
        case .integer(let i): int = i
        case .number(let d) where d.rounded() == d && abs(d) < 9e15: int = Int(d)
        case .number:
            problems.add(.invalidField, path.rendered, "must be a whole number, got \(value.jsonText.prefix(32))")
            return
        default:
            return mismatch("an integer", value, &path, &problems)
        }
        if let minimum, int < minimum { return outOfRange(int, minimum, maximum, &path, &problems) }
        if let maximum, int > maximum { return outOfRange(int, minimum, maximum, &path, &problems) }
    }

    private func outOfRange(
        _ value: Int, _ minimum: Int?, _ maximum: Int?, _ path: inout JSONPath, _ problems: inout FieldProblems
    ) {
        let bounds =
            switch (minimum, maximum) {
            case (let low?, let high?): "between \(low) and \(high)"
            case (let low?, nil): "at least \(low)"
            case (nil, let high?): "at most \(high)"
            case (nil, nil): "a number"
            }
        let hint = description.map { " (\($0))" } ?? ""
        problems.add(.invalidField, path.rendered, "is \(value); it must be \(bounds)\(hint)")
    }

    private func validateNumber(
        _ value: JSONValue, _ minimum: Double?, _ maximum: Double?, _ path: inout JSONPath,
        _ problems: inout FieldProblems
    ) {
        let number: Double
        switch value {
        case .integer(let i): number = Double(i)
        case .number(let d): number = d
        default: return mismatch("a number", value, &path, &problems)
        }
        if let minimum, number < minimum {
            problems.add(.invalidField, path.rendered, "is \(number); it must be at least \(minimum)")
        } else if let maximum, number > maximum {
            problems.add(.invalidField, path.rendered, "is \(number); it must be at most \(maximum)")
        }
    }

    private func validateArray(
        _ value: JSONValue, _ items: JSONSchema, _ minItems: Int, _ maxItems: Int?, _ path: inout JSONPath,
        _ problems: inout FieldProblems, _ resolve: (String) -> JSONSchema?
    ) {
        guard case .array(let elements) = value else { return mismatch("an array", value, &path, &problems) }
        if elements.count < minItems {
            return problems.add(
                .invalidField, path.rendered, "must have at least \(minItems) element\(minItems == 1 ? "" : "s")")
        }
        if let maxItems, elements.count > maxItems {
            return problems.add(
                .invalidField, path.rendered, "has \(elements.count) elements; at most \(maxItems) are allowed")
        }
        for (i, element) in elements.enumerated() {
            guard !problems.isFull else { return }
            path.steps.append(.index(i))
            items.validate(element, at: &path, into: &problems, resolve: resolve)
            path.steps.removeLast()
        }
    }

    private func validateObject(
        _ value: JSONValue, _ properties: [Property], _ additional: Bool, _ path: inout JSONPath,
        _ problems: inout FieldProblems, _ resolve: (String) -> JSONSchema?
    ) {
        guard case .object(let members) = value else { return mismatch("a JSON object", value, &path, &problems) }
        var seen = [Bool](repeating: false, count: properties.count)
        for member in members {
            guard !problems.isFull else { return }
            path.steps.append(.key(member.key))
            defer { path.steps.removeLast() }
            guard let index = properties.firstIndex(where: { $0.name == member.key }) else {
                if !additional {
                    let accepted = properties.map(\.name).sorted().joined(separator: ", ")
                    problems.add(
                        .unknownField, path.rendered,
                        "is not a field of this request (accepted: \(accepted.isEmpty ? "none" : accepted))")
                }
                continue
            }
            seen[index] = true
            let property = properties[index]
            if case .null = member.value, property.required, !property.schema.nullable {
                problems.add(.missingField, path.rendered, "is required (null is not a value here)")
                continue
            }
            property.schema.validate(member.value, at: &path, into: &problems, resolve: resolve)
        }
        for (index, property) in properties.enumerated() where property.required && !seen[index] {
            path.steps.append(.key(property.name))
            problems.add(.missingField, path.rendered, "is required")
            path.steps.removeLast()
        }
    }
}

extension StringRule {
    func validate(_ s: String, _ path: inout JSONPath, _ problems: inout FieldProblems) {
        let bytes = s.utf8.count
        if bytes == 0, minLength > 0 {
            return problems.add(.invalidField, path.rendered, "must not be empty")
        }
        if let maxBytes, bytes > maxBytes {
            return problems.add(
                .invalidField, path.rendered, "is \(bytes) bytes long (UTF-8); at most \(maxBytes) are allowed")
        }
        // Code points are counted only where bytes could exceed the cap (most strings are short ASCII).
        if let maxLength, bytes > maxLength, s.unicodeScalars.count > maxLength {
            return problems.add(
                .invalidField, path.rendered,
                "is \(s.unicodeScalars.count) characters long; at most \(maxLength) are allowed")
        }
        if minLength > 1, bytes < minLength, s.unicodeScalars.count < minLength {
            return problems.add(.invalidField, path.rendered, "must be at least \(minLength) characters long")
        }
        if let syntax, !syntax.check(s.utf8) {
            return problems.add(.invalidField, path.rendered, "must be \(syntax.words)")
        }
        if let allowed, !allowed.contains(s) {
            return problems.add(.invalidField, path.rendered, "must be one of \(allowed.joined(separator: ", "))")
        }
    }
}

extension JSONValue {
    /// The JSON type as API messages name it; unlike `typeName` it tells integers from other numbers.
    public var typeDescription: String {
        switch self {
        case .integer: "an integer"
        case .number: "a number"
        default: typeName
        }
    }
}
