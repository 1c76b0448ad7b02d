// Packing a shipment that must ship: orders never fail because a unit fits no container.

extension Packer {
    /// Packs units that are going to ship whatever happens (a placed order's shipment).
    ///
    /// `pack` throws for an item no container of the catalog takes (too large, too heavy, or cold with no
    /// insulated container), and for any item when the catalog is empty. Here such an item is marked
    /// `ownContainer` (each unit travels as it is, `"box": null`) and the rest is packed again, so the result
    /// always holds every unit. Deterministic, like `pack`.
    /// - Returns: the packing and the items as packed (with `ownContainer` set on the items that fit nothing),
    ///   which is what `PackingVerifier` must be given to check it.
    public func packShipping(_ items: [Item]) -> (packing: Packing, items: [Item]) {
        var items = items
        // Each round marks at least one more item own-container, so at most `items.count + 1` rounds.
        for _ in 0...items.count {
            do throws(PackingError) {
                return (try pack(items), items)
            } catch {
                var marked = false
                if case .itemFitsNoContainer(let sku, _) = error {
                    for i in items.indices where items[i].sku == sku && !items[i].ownContainer {
                        items[i].ownContainer = true
                        marked = true
                    }
                }
                if !marked {
                    for i in items.indices { items[i].ownContainer = true }
                }
            }
        }
        // Unreachable: with every item own-container, `pack` has nothing that can fail.
        for i in items.indices { items[i].ownContainer = true }
        return ((try? pack(items)) ?? Packing(containers: [], lowerBound: 0), items)
    }
}

extension Item {
    /// `qty` units of a catalog SKU, with its dimensions, weight and temperature (the catalog has no handling
    /// flags: every unit may turn any way, bear load and share its container).
    public init(_ item: CatalogItem, qty: Int) {
        self.init(
            sku: item.sku, lengthMm: item.lengthMm, widthMm: item.widthMm, heightMm: item.heightMm,
            weightG: item.weightG, qty: qty, temperature: item.temperature)
    }
}
