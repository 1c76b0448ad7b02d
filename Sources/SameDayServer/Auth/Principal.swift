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

    /// The customer a request is about, for routes where a customer key acts for itself and an operator key names
    /// the customer: a customer key's own (403 when it names another, or has none), else `named` (nil when the
    /// operator named none: each route decides what that means). `what` names the resource in the message.
    func customerScope(named: CustomerID?, _ what: String) throws(APIError) -> CustomerID? {
        guard role == .customer else { return named }
        guard let own = customer else { throw APIError(.forbidden, "This customer key names no customer.") }
        if let named, named != own {
            throw APIError(.forbidden, "A customer key reaches only its own \(what); omit 'customer'.")
        }
        return own
    }

    /// `customerScope` for a request body's `customer` member, which an operator key must give (422
    /// `missing-field` at path `customer` otherwise).
    func customerNamed(inBody named: CustomerID?, _ what: String) throws(APIError) -> CustomerID {
        guard let customer = try customerScope(named: named, what) else {
            var problems = FieldProblems()
            problems.add(.missingField, "customer", "is required with an operator key: name the customer")
            try problems.throwIfAny()
            throw APIError(.missingField, "customer is required with an operator key.")
        }
        return customer
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
