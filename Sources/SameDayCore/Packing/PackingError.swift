// Why an order cannot be packed.

/// An order that cannot be packed, with what a person needs to fix it.
public enum PackingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No container of the catalog can take a unit of `sku`.
    case itemFitsNoContainer(sku: SKU, reason: UnfitReason)
    /// The catalog has no containers at all (and the order has units that need one).
    case noContainers

    /// Why no container takes an item.
    public enum UnfitReason: Equatable, Sendable {
        /// No container may hold this temperature (chilled and frozen need an insulated one).
        case noContainerForTemperature(Temperature)
        /// The unit's dimensions fit no container of an allowed kind in any allowed orientation.
        case tooLarge(lengthMm: Int, widthMm: Int, heightMm: Int, upright: Bool)
        /// Containers that are large enough carry at most `maxLoadG` grams.
        case tooHeavy(weightG: Int, maxLoadG: Int)
    }

    public var description: String {
        switch self {
        case .noContainers:
            return "the container catalog is empty"
        case .itemFitsNoContainer(let sku, let reason):
            switch reason {
            case .noContainerForTemperature(let t):
                return "item \(sku) fits no container: it is \(t.rawValue) and the catalog has no insulated container"
            case .tooLarge(let l, let w, let h, let upright):
                return "item \(sku) fits no container: \(l)×\(w)×\(h) mm\(upright ? " upright" : "")"
                    + " is larger than every allowed container in every allowed orientation"
            case .tooHeavy(let weight, let maxLoad):
                return "item \(sku) fits no container: it weighs \(weight) g and containers large enough"
                    + " carry at most \(maxLoad) g"
            }
        }
    }
}
