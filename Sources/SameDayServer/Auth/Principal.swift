// Who is calling: the role and identity behind an API key.

import SameDayCore
import SameDayStore

/// The authenticated caller.
public struct Principal: Sendable, Equatable {
    public var role: Role
    /// Set for customer keys: the customer whose orders this key sees.
    public var customer: CustomerID?
    /// Set for seller keys: the seller whose SKUs this key manages.
    public var seller: SellerID?

    public init(role: Role, customer: CustomerID? = nil, seller: SellerID? = nil) {
        self.role = role
        self.customer = customer
        self.seller = seller
    }

    /// Throws 403 unless the role is one of `roles`.
    func require(_ roles: Role..., to action: String) throws(APIError) {
        guard roles.contains(role) else {
            let allowed = roles.map(\.rawValue).joined(separator: " or ")
            throw APIError(.forbidden, "A \(role.rawValue) key may not \(action); this needs an \(allowed) key.")
        }
    }

    /// Who moved stock, for the ledger (never the key itself).
    var actor: String {
        switch role {
        case .operator: "operator"
        case .seller: "seller:\(seller?.rawValue ?? "?")"
        case .customer: "customer:\(customer?.rawValue ?? "?")"
        }
    }
}

/// Resolves a presented API key to its principal. The store implements it over hashed keys.
public protocol KeyAuthenticator: Sendable {
    /// The principal for `key`, or nil when no such key exists (or it was revoked).
    func principal(forKey key: String) async throws -> Principal?
}
