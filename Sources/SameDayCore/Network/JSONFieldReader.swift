// Reads typed fields out of a JSONValue, collecting every problem with its JSON path.

/// Collects the issues found while reading one JSON file.
struct JSONFieldReader {
    let file: String
    var issues: [LoadIssue] = []

    init(file: String) { self.file = file }

    mutating func fail(_ path: String, _ message: String) {
        issues.append(LoadIssue(file: file, location: path, message: message))
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    mutating func object(_ value: JSONValue?, _ path: String) -> JSONValue? {
        guard let value else { return nil }
        guard case .object = value else {
            fail(path, "must be an object, not \(value.typeName)")
            return nil
        }
        return value
    }

    /// A required or optional member, with a type error when present but wrong.
    mutating func string(_ obj: JSONValue, _ key: String, _ path: String, required: Bool = true) -> String? {
        let p = Self.join(path, key)
        guard let v = obj[key], v != .null else {
            if required { fail(p, "is required") }
            return nil
        }
        guard let s = v.stringValue else {
            fail(p, "must be a string, not \(v.typeName)")
            return nil
        }
        return s
    }

    mutating func id(_ obj: JSONValue, _ key: String, _ path: String, required: Bool = true) -> String? {
        guard let s = string(obj, key, path, required: required) else { return nil }
        guard Identifiers.isWellFormed(s) else {
            fail(Self.join(path, key), "'\(s)' is not a valid id ([A-Za-z0-9._-], 1 to 64 characters)")
            return nil
        }
        return s
    }

    mutating func int(_ obj: JSONValue, _ key: String, _ path: String, min: Int, max: Int = Int.max, required: Bool = true)
        -> Int?
    {
        let p = Self.join(path, key)
        guard let v = obj[key], v != .null else {
            if required { fail(p, "is required") }
            return nil
        }
        guard let i = v.intValue else {
            if case .number(let d) = v {
                fail(p, "must be a whole number, not \(d)")
            } else {
                fail(p, "must be a whole number, not \(v.typeName)")
            }
            return nil
        }
        guard i >= min, i <= max else {
            fail(p, max == Int.max ? "\(i) must be ≥ \(min)" : "\(i) must be between \(min) and \(max)")
            return nil
        }
        return i
    }

    mutating func double(
        _ obj: JSONValue, _ key: String, _ path: String, range: ClosedRange<Double>, exclusiveLower: Bool = false,
        required: Bool = true
    ) -> Double? {
        let p = Self.join(path, key)
        guard let v = obj[key], v != .null else {
            if required { fail(p, "is required") }
            return nil
        }
        guard let d = v.doubleValue, d.isFinite else {
            fail(p, "must be a number, not \(v.typeName)")
            return nil
        }
        guard range.contains(d), !(exclusiveLower && d == range.lowerBound) else {
            let lower = exclusiveLower ? "> \(range.lowerBound)" : "≥ \(range.lowerBound)"
            fail(p, "\(d) must be \(lower) and ≤ \(range.upperBound)")
            return nil
        }
        return d
    }

    mutating func time(_ obj: JSONValue, _ key: String, _ path: String, required: Bool = true) -> LocalTime? {
        guard let s = string(obj, key, path, required: required) else { return nil }
        guard let t = LocalTime(parsing: s) else {
            fail(Self.join(path, key), "'\(s)' is not a time HH:MM (00:00 to 23:59)")
            return nil
        }
        return t
    }

    mutating func array(_ obj: JSONValue, _ key: String, _ path: String, required: Bool = true) -> [JSONValue]? {
        let p = Self.join(path, key)
        guard let v = obj[key], v != .null else {
            if required { fail(p, "is required") }
            return nil
        }
        guard let a = v.arrayValue else {
            fail(p, "must be an array, not \(v.typeName)")
            return nil
        }
        return a
    }
}
