// Stock: levels per (node, SKU), and the receipts and adjustments that move it.

import SameDayCore
import SameDayStore

/// Stock of one SKU at one node.
struct StockLevelBody: ResponseBody {
    var level: StockLevel

    static let schemaName = "StockLevel"

    static var schema: JSONSchema {
        .object([
            .init("node", .string()),
            .init("sku", .string()),
            .init("onHand", .integer(minimum: 0, "Units physically at the node.")),
            .init("reserved", .integer(minimum: 0, "Units held for open orders.")),
            .init("available", .integer(minimum: 0, "onHand − reserved: what can be promised.")),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("node", level.node.rawValue)
        writer.member("sku", level.sku.rawValue)
        writer.member("onHand", level.onHand)
        writer.member("reserved", level.reserved)
        writer.member("available", level.available)
        writer.endObject()
    }
}

/// What a receipt or an adjustment asks: the node, the SKU, the change and why.
struct StockMovement: Sendable {
    enum Kind: String, Sendable {
        case receipt, adjustment
    }

    var kind: Kind
    var node: NodeID
    var sku: SKU
    /// Receipt: units received (> 0). Adjustment: signed change (≠ 0).
    var quantity: Int
    var reason: String

    static func schema(_ quantity: JSONSchema.Property) -> JSONSchema {
        .object([
            .init("node", .id("A shipping node of the network.", example: "FC-WA-01")),
            .init("sku", .id("A SKU of the catalog.", example: "HH-00001")),
            quantity,
            .init(
                "reason",
                .text(maxBytes: Limits.maxTextBytes, "Why, for the ledger (UTF-8 bytes).", example: "truck 12")),
        ])
    }

    init?(_ kind: Kind, validated json: JSONValue, references: ReferenceCheck, problems: inout FieldProblems) {
        guard let node = json.member("node")?.stringValue, let sku = json.member("sku")?.stringValue,
            let quantity = json.member(kind == .receipt ? "qty" : "delta")?.intValue,
            let reason = json.member("reason")?.stringValue
        else { return nil }
        if !references.knowsShippingNode(NodeID(node)) {
            problems.add(.unknownNode, "node", "'\(node)' is not a shipping node of the network (see GET /v1/nodes)")
        }
        if !references.knowsSKU(SKU(sku)) {
            problems.add(.unknownSKU, "sku", "'\(sku)' is not in the catalog")
        }
        self.kind = kind
        self.node = NodeID(node)
        self.sku = SKU(sku)
        self.quantity = quantity
        self.reason = reason
    }
}

/// `POST /v1/inventory/receipts`: units arriving at a node.
struct ReceiptRequest: RequestBody {
    var movement: StockMovement

    static let schemaName = "ReceiptRequest"
    static var schema: JSONSchema {
        StockMovement.schema(.init("qty", .integer(1...Limits.maxStockMovement, "units received", example: 12)))
    }

    init?(validated json: JSONValue, references: ReferenceCheck, problems: inout FieldProblems) {
        guard let movement = StockMovement(.receipt, validated: json, references: references, problems: &problems)
        else {
            return nil
        }
        self.movement = movement
    }
}

/// `POST /v1/inventory/adjustments`: a correction of on-hand units.
struct AdjustmentRequest: RequestBody {
    var movement: StockMovement

    static let schemaName = "AdjustmentRequest"
    static var schema: JSONSchema {
        StockMovement.schema(
            .init(
                "delta",
                JSONSchema(
                    .anyOf([
                        .integer(-Limits.maxStockMovement...(-1)), .integer(1...Limits.maxStockMovement),
                    ]), description: "a signed change of on-hand units, not 0", examples: [.integer(-2)])))
    }

    init?(validated json: JSONValue, references: ReferenceCheck, problems: inout FieldProblems) {
        guard let movement = StockMovement(.adjustment, validated: json, references: references, problems: &problems)
        else {
            return nil
        }
        self.movement = movement
    }
}

/// The answer to a receipt or an adjustment: the movement and the stock after it.
struct StockMovementBody: ResponseBody {
    var movement: StockMovement
    var level: StockLevel

    static let schemaName = "StockMovement"

    static var schema: JSONSchema {
        .object([
            .init("node", .string()),
            .init("sku", .string()),
            .init("kind", .oneOf(["receipt", "adjustment"])),
            .init("delta", .integer(minimum: nil, "The change of on-hand units.")),
            .init("reason", .string()),
            .init("onHand", .integer(minimum: 0)),
            .init("reserved", .integer(minimum: 0)),
            .init("available", .integer(minimum: 0)),
        ])
    }

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("node", level.node.rawValue)
        writer.member("sku", level.sku.rawValue)
        writer.member("kind", movement.kind.rawValue)
        writer.member("delta", movement.quantity)
        writer.member("reason", movement.reason)
        writer.member("onHand", level.onHand)
        writer.member("reserved", level.reserved)
        writer.member("available", level.available)
        writer.endObject()
    }
}
