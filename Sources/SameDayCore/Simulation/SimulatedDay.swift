// What a simulated day produced, as flat columns: one row per order, order line, shipment, shipment line and
// container. A million orders take about 150 MB this way, against several times that as arrays of structs.

/// How an order of the day ended.
public enum OrderOutcome: UInt8, Sendable {
    case placed = 0
    case outOfStock = 1
    case notDeliverable = 2
}

/// The orders and shipments of one simulated day, and how each shipment moved.
///
/// Rows are addressed by dense indexes; a parent's children are the range between its predecessor's end and
/// its own (`lines(ofOrder:)`, `shipments(ofOrder:)` …). Instants are minutes since the epoch (`Int32` holds
/// them until the year 6053). Memory per order, about: 18 bytes, plus 9 per line, plus 56 per shipment, plus
/// 8 per shipment line and 10 per container.
public struct SimulatedDay: Sendable {
    // Orders, by instant.
    public internal(set) var orderZip: [Int32] = []
    public internal(set) var orderAt: [Int32] = []
    public internal(set) var orderOutcome: [OrderOutcome] = []
    /// `Speed` by its position in `Speed.allCases` (placed orders only).
    public internal(set) var orderSpeed: [UInt8] = []
    public internal(set) var orderDeliverBy: [Int32] = []
    public internal(set) var orderOrderBy: [Int32] = []
    var orderLineEnd: [Int32] = []
    var orderShipmentEnd: [Int32] = []
    // Order lines.
    public internal(set) var lineSKU: [Int32] = []
    public internal(set) var lineQty: [Int32] = []
    /// 0 for a line that was promised, else the `UnavailableReason` (1 out of stock, 2 not deliverable).
    public internal(set) var lineUnavailable: [UInt8] = []
    // Shipments.
    public internal(set) var shipmentOrder: [Int32] = []
    public internal(set) var shipmentNode: [Int32] = []
    public internal(set) var shipmentPath: [DeliveryPath] = []
    public internal(set) var shipmentDeliverBy: [Int32] = []
    public internal(set) var shipmentOrderBy: [Int32] = []
    public internal(set) var shipmentModifiableUntil: [Int32] = []
    public internal(set) var shipmentDepartsAt: [Int32] = []
    /// Great-circle distance node → destination, as the promise computed it (km).
    public internal(set) var shipmentKm: [Double] = []
    public internal(set) var shipmentInRegion: [Bool] = []
    public internal(set) var shipmentUnits: [Int32] = []
    var shipmentLineEnd: [Int32] = []
    var shipmentContainerEnd: [Int32] = []
    // Shipment lines and containers.
    public internal(set) var shipmentLineSKU: [Int32] = []
    public internal(set) var shipmentLineQty: [Int32] = []
    /// Index into `boxes`, or -1 for a unit in its own container.
    public internal(set) var containerBox: [Int16] = []
    public internal(set) var containerUnits: [Int32] = []
    /// The container catalog's ids, by `containerBox`.
    public internal(set) var boxes: [ContainerID] = []
    // The flow, filled by `FlowModel`.
    /// The start of the hour in which the shipment's node picked it.
    public internal(set) var shipmentPickedIn: [Int32] = []
    public internal(set) var shipmentDepartedAt: [Int32] = []
    /// When it was delivered; `SimulatedDay.never` when no schedule takes it (counted late).
    public internal(set) var shipmentDeliveredAt: [Int32] = []

    /// The delivery instant of a shipment no departure or wave takes.
    public static let never = Int32.max

    public var orderCount: Int { orderAt.count }
    public var shipmentCount: Int { shipmentNode.count }

    /// The order-line rows of order `i`.
    public func lines(ofOrder i: Int) -> Range<Int> { range(orderLineEnd, i) }
    /// The shipment rows of order `i`.
    public func shipments(ofOrder i: Int) -> Range<Int> { range(orderShipmentEnd, i) }
    /// The shipment-line rows of shipment `s`.
    public func lines(ofShipment s: Int) -> Range<Int> { range(shipmentLineEnd, s) }
    /// The container rows of shipment `s`.
    public func containers(ofShipment s: Int) -> Range<Int> { range(shipmentContainerEnd, s) }

    /// Packages shipment `s` counts against departures and waves: its containers, at least one.
    public func packages(ofShipment s: Int) -> Int { max(1, containers(ofShipment: s).count) }

    /// Great-circle metres of shipment `s`, rounded to the metre (what unit·km sums are made of).
    public func metres(ofShipment s: Int) -> Int { Int((shipmentKm[s] * 1000).rounded()) }

    private func range(_ ends: [Int32], _ i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i])
    }

    mutating func reserve(orders: Int) {
        for column in [
            \SimulatedDay.orderZip, \.orderAt, \.orderDeliverBy, \.orderOrderBy, \.orderLineEnd, \.orderShipmentEnd,
        ] {
            self[keyPath: column].reserveCapacity(orders)
        }
        orderOutcome.reserveCapacity(orders)
        orderSpeed.reserveCapacity(orders)
    }
}
