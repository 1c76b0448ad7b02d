// What the store reports for the operator dashboard: a day's figure counts read from the aggregates, the open
// shipments that need attention, and a node's open shipments.

import SameDayCore

/// A range of hours' counts, summed from the aggregate rows (`Store.kpiCounts`).
public struct KPICounts: Sendable, Equatable {
    /// The figures' counts (with `overdue` when asked for).
    public var figures: FigureCounts
    /// Orders of the range cancelled since.
    public var cancelledOrders: Int
    /// The range's shipments by their status now.
    public var shipmentsByStatus: [ShipmentStatus: Int]

    public init(
        figures: FigureCounts = FigureCounts(), cancelledOrders: Int = 0, shipmentsByStatus: [ShipmentStatus: Int] = [:]
    ) {
        self.figures = figures
        self.cancelledOrders = cancelledOrders
        self.shipmentsByStatus = shipmentsByStatus
    }
}

/// A shipment not yet delivered, as a node's list and the attention list show it.
public struct OpenShipment: Sendable, Equatable {
    public var id: ShipmentID
    public var order: OrderID
    public var node: NodeID
    public var status: ShipmentStatus
    public var deliverBy: Instant
    public var modifiableUntil: Instant
    public var units: Int

    public init(
        id: ShipmentID, order: OrderID, node: NodeID, status: ShipmentStatus, deliverBy: Instant,
        modifiableUntil: Instant, units: Int
    ) {
        self.id = id
        self.order = order
        self.node = node
        self.status = status
        self.deliverBy = deliverBy
        self.modifiableUntil = modifiableUntil
        self.units = units
    }
}

/// A node out of one of the day's top SKUs.
public struct Stockout: Sendable, Equatable {
    public var node: NodeID
    public var sku: SKU
    public init(node: NodeID, sku: SKU) {
        self.node = node
        self.sku = sku
    }
}
