// Bad promise input: what is wrong, named so a person can fix it.

/// Why a promise request cannot be answered at all (as opposed to an unavailable promise).
public enum PromiseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The ZIP is not in the ZIP table (or not five digits).
    case unknownZIP(ZIP)
    /// The SKU is not in the catalog.
    case unknownSKU(SKU)
    /// A quantity below 1.
    case invalidQuantity(SKU, Int)
    /// A SKU on two lines.
    case repeatedSKU(SKU)
    /// An order with no lines.
    case noLines

    public var description: String {
        switch self {
        case .unknownZIP(let zip): return "unknown ZIP '\(zip)': not in the ZIP table"
        case .unknownSKU(let sku): return "unknown SKU '\(sku)': not in the catalog"
        case .invalidQuantity(let sku, let qty): return "SKU \(sku): quantity \(qty) must be at least 1"
        case .repeatedSKU(let sku): return "SKU \(sku) appears on more than one line: give each SKU once"
        case .noLines: return "no lines: give at least one SKU and quantity"
        }
    }

    /// The stable problem code this error is answered with.
    public var problemCode: ProblemCode {
        switch self {
        case .unknownZIP: .unknownZIP
        case .unknownSKU: .unknownSKU
        case .invalidQuantity, .noLines: .invalidField
        case .repeatedSKU: .repeatedSKU
        }
    }
}
