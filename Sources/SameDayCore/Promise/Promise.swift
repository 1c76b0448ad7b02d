// The answer to "if I order this now, when does it arrive, and from where?" (spec/promise.md "Result").

/// One order line: a SKU and a quantity.
public struct OrderLine: Hashable, Sendable, Codable {
    public var sku: SKU
    public var qty: Int
    public init(sku: SKU, qty: Int) {
        self.sku = sku
        self.qty = qty
    }
}

/// How fast a promise is, on the destination's clock.
public enum Speed: String, Sendable, Codable, CaseIterable {
    /// Delivered within 120 minutes of ordering.
    case now
    /// Delivered on the local date of the order.
    case sameDay = "same-day"
    /// Delivered on the local date after the order.
    case nextDay = "next-day"
    /// Later.
    case standard
}

/// Why a line cannot be promised.
public enum UnavailableReason: String, Sendable, Codable {
    /// No node holds the quantity.
    case outOfStock = "out-of-stock"
    /// Stock exists, but no path reaches the destination.
    case notDeliverable = "not-deliverable"
}

/// A line the promise cannot cover, and why.
public struct UnavailableLine: Hashable, Sendable {
    public var sku: SKU
    public var reason: UnavailableReason
    public init(sku: SKU, reason: UnavailableReason) {
        self.sku = sku
        self.reason = reason
    }
}

/// How a shipment reaches the customer.
public enum DeliveryPath: String, Sendable, Codable, CaseIterable {
    case now, station, carrier
}

/// One shipment of a plan: the lines one node sends.
public struct PlannedShipment: Hashable, Sendable {
    public var node: NodeID
    /// This shipment's earliest delivery (`E(n, t)`, the latest over its lines).
    public var deliverBy: Instant
    /// The last minute one can order and still get this shipment by the plan's `deliverBy`.
    public var orderBy: Instant
    /// When the node starts picking: the latest start that still makes the departure. The shipment can be changed
    /// until then (`modifiableUntil`).
    public var pickStartsAt: Instant
    /// When it leaves the node: the lane departure, the carrier pickup, or the order time for a now-site.
    public var departsAt: Instant
    /// The path that gives `deliverBy`.
    public var path: DeliveryPath
    /// Great-circle distance from the node to the destination, km.
    public var distanceKm: Double
    public var lines: [OrderLine]
}

/// A delivery promise: available with a plan, or unavailable with a reason per line.
public struct Promise: Sendable {
    public var available: Bool
    public var speed: Speed?
    public var deliverBy: Instant?
    public var orderBy: Instant?
    public var shipments: [PlannedShipment]
    public var unavailable: [UnavailableLine]
    /// The destination's clock: instants are shown on it.
    public var destinationZone: ZoneTable

    public init(
        available: Bool, speed: Speed?, deliverBy: Instant?, orderBy: Instant?, shipments: [PlannedShipment],
        unavailable: [UnavailableLine], destinationZone: ZoneTable
    ) {
        self.available = available
        self.speed = speed
        self.deliverBy = deliverBy
        self.orderBy = orderBy
        self.shipments = shipments
        self.unavailable = unavailable
        self.destinationZone = destinationZone
    }

    /// `instant` as ISO 8601 on the destination's clock.
    public func format(_ instant: Instant) -> String { ISO8601.format(instant, in: destinationZone) }

    /// The JSON object `sameday promise --json` prints (spec/promise.md), on one line.
    public func json() -> String {
        var out: [UInt8] = []
        writeJSON(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `json()`'s text in UTF-8 (the HTTP route writes it straight into its response).
    public func writeJSON(to out: inout [UInt8]) {
        out.reserveCapacity(out.count + 128 + 320 * shipments.count + 48 * unavailable.count)
        guard available, let speed, let deliverBy, let orderBy else {
            JSONText.raw(#"{"available":false,"unavailable":["#, to: &out)
            for (i, line) in unavailable.enumerated() {
                JSONText.raw(i == 0 ? #"{"sku":"# : #",{"sku":"#, to: &out)
                JSONText.write(line.sku.rawValue, to: &out)
                JSONText.raw(#","reason":"#, to: &out)
                JSONText.write(line.reason.rawValue, to: &out)
                JSONText.raw("}", to: &out)
            }
            JSONText.raw("]}", to: &out)
            return
        }
        JSONText.raw(#"{"available":true,"speed":"#, to: &out)
        JSONText.write(speed.rawValue, to: &out)
        instant(#","deliverBy":"#, deliverBy, &out)
        instant(#","orderBy":"#, orderBy, &out)
        JSONText.raw(#","shipments":["#, to: &out)
        for (k, s) in shipments.enumerated() {
            JSONText.raw(k == 0 ? #"{"node":"# : #",{"node":"#, to: &out)
            JSONText.write(s.node.rawValue, to: &out)
            instant(#","deliverBy":"#, s.deliverBy, &out)
            instant(#","orderBy":"#, s.orderBy, &out)
            instant(#","modifiableUntil":"#, s.pickStartsAt, &out)
            JSONText.raw(#","path":"#, to: &out)
            JSONText.write(s.path.rawValue, to: &out)
            JSONText.raw(#","lines":["#, to: &out)
            for (i, line) in s.lines.enumerated() {
                JSONText.raw(i == 0 ? #"{"sku":"# : #",{"sku":"#, to: &out)
                JSONText.write(line.sku.rawValue, to: &out)
                JSONText.raw(#","qty":"#, to: &out)
                JSONText.write(line.qty, to: &out)
                JSONText.raw("}", to: &out)
            }
            JSONText.raw("]}", to: &out)
        }
        JSONText.raw("]}", to: &out)
    }

    /// `key` (with its leading comma and colon) and the instant as a quoted ISO 8601 string.
    private func instant(_ key: StaticString, _ value: Instant, _ out: inout [UInt8]) {
        JSONText.raw(key, to: &out)
        out.append(UInt8(ascii: "\""))
        ISO8601.write(value, in: destinationZone, to: &out)
        out.append(UInt8(ascii: "\""))
    }
}
