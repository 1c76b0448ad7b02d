// A schema as the JSON the OpenAPI 3.1 document prints (JSON Schema draft 2020-12).

extension JSONSchema {
    /// The schema as JSON; references point at `#/components/schemas/NAME`.
    public var document: JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let description { members.append(("description", .string(description))) }
        switch kind {
        case .reference(let name):
            let ref = JSONValue.object([("$ref", .string("#/components/schemas/\(name)"))])
            guard nullable else { return .object([("$ref", .string("#/components/schemas/\(name)"))] + members) }
            return .object(members + [("anyOf", .array([ref, .object([("type", .string("null"))])]))])
        case .anyOf(let options):
            var all = options.map(\.document)
            if nullable { all.append(.object([("type", .string("null"))])) }
            members.append(("anyOf", .array(all)))
        case .any:
            break
        default:
            members += typedMembers()
        }
        if !examples.isEmpty { members.append(("examples", .array(examples))) }
        return .object(members)
    }

    private func type(_ name: String) -> (key: String, value: JSONValue) {
        ("type", nullable ? .array([.string(name), .string("null")]) : .string(name))
    }

    private func typedMembers() -> [(key: String, value: JSONValue)] {
        switch kind {
        case .string(let rule): return [type("string")] + rule.documentMembers
        case .integer(let minimum, let maximum):
            return [type("integer")] + bounds(minimum.map(JSONValue.integer), maximum.map(JSONValue.integer))
        case .number(let minimum, let maximum):
            return [type("number")] + bounds(minimum.map(JSONValue.number), maximum.map(JSONValue.number))
        case .boolean: return [type("boolean")]
        case .null: return [("type", .string("null"))]
        case .array(let items, let minItems, let maxItems):
            var out = [type("array"), ("items", items.document)]
            if minItems > 0 { out.append(("minItems", .integer(minItems))) }
            if let maxItems { out.append(("maxItems", .integer(maxItems))) }
            return out
        case .object(let properties, let additional):
            var out = [
                type("object"),
                ("properties", JSONValue.object(properties.map { ($0.name, $0.schema.document) })),
            ]
            let required = properties.filter(\.required).map { JSONValue.string($0.name) }
            if !required.isEmpty { out.append(("required", .array(required))) }
            out.append(("additionalProperties", .bool(additional)))
            return out
        case .map(let values): return [type("object"), ("additionalProperties", values.document)]
        case .reference, .anyOf, .any: return []
        }
    }

    private func bounds(_ minimum: JSONValue?, _ maximum: JSONValue?) -> [(key: String, value: JSONValue)] {
        var out: [(key: String, value: JSONValue)] = []
        if let minimum { out.append(("minimum", minimum)) }
        if let maximum { out.append(("maximum", maximum)) }
        return out
    }
}

extension StringRule {
    var documentMembers: [(key: String, value: JSONValue)] {
        var out: [(key: String, value: JSONValue)] = []
        if minLength > 0 { out.append(("minLength", .integer(minLength))) }
        if let maxLength { out.append(("maxLength", .integer(maxLength))) }
        if let maxBytes { out.append(("x-maxBytes", .integer(maxBytes))) }
        if let syntax { out.append(("pattern", .string(syntax.pattern))) }
        if let format { out.append(("format", .string(format))) }
        if let allowed { out.append(("enum", .array(allowed.map(JSONValue.string)))) }
        return out
    }
}
