// Packing a placed shipment's lines into containers: what the store records for every shipment and what the
// simulator counts, computed here once so both pack identically.

/// One container of a placed shipment: a box of the container catalog, or none for units that ship as they are.
public struct PlacedContainer: Sendable, Hashable {
    /// The catalog container's id; nil for a unit in its own container (or one no container takes).
    public var box: ContainerID?
    /// Units in it.
    public var units: Int
    /// The container's empty weight plus its units, in grams.
    public var weightG: Int
    /// Where each unit lies, one per unit; empty (counts only) for a shipment packed line by line
    /// (more than `ShipmentContainers.wholeUnitLimit` units).
    public var placements: [Placement]

    public init(box: ContainerID?, units: Int, weightG: Int, placements: [Placement]) {
        self.box = box
        self.units = units
        self.weightG = weightG
        self.placements = placements
    }

    /// One packed container of a `Packing`, with its placements.
    public init(_ packed: PackedContainer) {
        self.init(
            box: packed.container?.id, units: packed.placements.count, weightG: packed.weightG,
            placements: packed.placements)
    }
}

/// How a placed shipment is packed (the store's orders and the day simulator alike).
public enum ShipmentContainers {
    /// Shipments of up to this many units are packed whole (SKUs mixed) with every placement kept; larger
    /// ones (rare, and slow to pack inside an order's transaction) line by line, keeping counts only.
    public static let wholeUnitLimit = 200

    /// Packs a shipment's lines (dimensions, weights and temperatures from `catalog`) into containers. A unit no
    /// container takes ships in its own container: packing never fails. Lines of a SKU the catalog lacks are
    /// skipped (a placed order's SKUs are all in the catalog). Deterministic: the same lines in the same order
    /// give the same containers.
    /// - Complexity: the packer's, on the shipment's units (`Packer.pack`).
    public static func pack(_ lines: [OrderLine], catalog: Catalog, packer: Packer) -> [PlacedContainer] {
        let items = self.items(lines, catalog: catalog)
        guard items.reduce(0, { $0 + $1.qty }) > wholeUnitLimit else {
            return packer.packShipping(items).packing.containers.map(PlacedContainer.init)
        }
        return items.flatMap { item in
            packer.packShipping([item]).packing.containers.map { packed in
                var container = PlacedContainer(packed)
                container.placements = []
                return container
            }
        }
    }

    /// The lines as packing items, one per SKU (repeated SKUs add up), in line order.
    static func items(_ lines: [OrderLine], catalog: Catalog) -> [Item] {
        var items: [Item] = []
        items.reserveCapacity(lines.count)
        for line in lines {
            if let i = items.firstIndex(where: { $0.sku == line.sku }) {
                items[i].qty += line.qty
            } else if let item = catalog.item(line.sku) {
                items.append(Item(item, qty: line.qty))
            }
        }
        return items
    }
}
