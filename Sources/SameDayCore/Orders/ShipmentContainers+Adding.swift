// Packing units added to a shipment that is already packed (add to delivery): the shipment keeps the containers it
// has where it can. Two packings are made and the one with fewer containers wins, the kept one on a tie:
//   kept: the added units go into the shipment's own containers, each at the first extreme point where it fits
//         beside the units already placed (same temperature and kind of container, within the load limit), and
//         the units no container has room for are packed into new containers by the order packer;
//   fresh: the whole shipment packed again by the order packer, as if it had been ordered so.
// A shipment packed line by line (more than `wholeUnitLimit` units, counts only) is packed fresh: there are no
// placements to fill around.

extension ShipmentContainers {
    /// The containers of a shipment packed as `containers` (for its `lines`) once `added` joins it (see the file's
    /// header). Never fails: a unit no container takes ships in its own, as in any order. Deterministic.
    /// - Complexity: the packer's on the shipment's units, plus O(added · placed) to fill the kept containers.
    public static func adding(
        _ added: OrderLine, to lines: [OrderLine], packedAs containers: [PlacedContainer], catalog: Catalog,
        packer: Packer
    ) -> [PlacedContainer] {
        var all = lines
        if let i = all.firstIndex(where: { $0.sku == added.sku }) {
            all[i].qty += added.qty
        } else {
            all.append(added)
        }
        let fresh = pack(all, catalog: catalog, packer: packer)
        let packedUnits = containers.reduce(0) { $0 + $1.units }
        guard let item = catalog.item(added.sku), added.qty > 0,
            packedUnits + added.qty <= wholeUnitLimit,
            packedUnits == lines.reduce(0, { $0 + $1.qty }),
            containers.allSatisfy({ $0.placements.count == $0.units })
        else { return fresh }
        let kept = fill(containers, with: item, qty: added.qty, catalog: catalog, packer: packer)
        return fresh.count < kept.count ? fresh : kept
    }

    /// `containers` with `qty` units of `item` put into those that have room, and new containers for the rest.
    private static func fill(
        _ containers: [PlacedContainer], with item: CatalogItem, qty: Int, catalog: Catalog, packer: Packer
    ) -> [PlacedContainer] {
        var kept = containers
        var left = qty
        let unit = PackUnit(line: 0, item: Item(item, qty: 1))
        // The packer's rule: cold units and ambient units no box or mailer takes travel insulated.
        let insulated =
            item.temperature != .ambient || !packer.catalog.contains { $0.kind != .insulated && unit.fits($0) }
        for i in kept.indices where left > 0 {
            guard let id = kept[i].box, let box = packer.catalog.first(where: { $0.id == id }),
                (box.kind == .insulated) == insulated, box.accepts(item.temperature),
                var space = replay(kept[i].placements, in: box, catalog: catalog, temperature: item.temperature)
            else { continue }
            while left > 0, space.place(unit, tag: kept[i].placements.count), let u = space.placed.last {
                kept[i].placements.append(
                    Placement(
                        sku: item.sku, x: u.x, y: u.y, z: u.z, lengthMm: u.extent.x, widthMm: u.extent.y,
                        heightMm: u.extent.z))
                kept[i].units += 1
                kept[i].weightG += item.weightG
                left -= 1
            }
        }
        if left > 0 {
            kept += packer.packShipping([Item(item, qty: left)]).packing.containers.map(PlacedContainer.init)
        }
        return kept
    }

    /// A container's space with its units where they lie, or nil when one of them is not of `temperature` (or no
    /// longer in the catalog): units of another temperature never share a container.
    private static func replay(
        _ placements: [Placement], in box: Container, catalog: Catalog, temperature: Temperature
    ) -> ExtremePointPacker? {
        var space = ExtremePointPacker(box)
        for (tag, p) in placements.enumerated() {
            guard let other = catalog.item(p.sku), other.temperature == temperature else { return nil }
            space.put(
                PackUnit(line: 0, item: Item(other, qty: 1)), tag: tag, at: Extent3(x: p.x, y: p.y, z: p.z),
                extent: Extent3(x: p.lengthMm, y: p.widthMm, z: p.heightMm))
        }
        return space
    }
}
