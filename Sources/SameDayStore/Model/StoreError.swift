// The store's errors: stable cases the server maps to HTTP codes and the CLI to exit status 2.

import SameDayCore

/// A promise that changed between the customer seeing it and the order being placed.
public struct ChangedPromise: Sendable, Equatable, CustomStringConvertible {
    /// The `deliverBy` the customer was shown.
    public var promisedDeliverBy: Instant
    /// The promise as it stands now, at commit time.
    public var promise: Promise

    public init(promisedDeliverBy: Instant, promise: Promise) {
        self.promisedDeliverBy = promisedDeliverBy
        self.promise = promise
    }

    public static func == (lhs: ChangedPromise, rhs: ChangedPromise) -> Bool {
        lhs.promisedDeliverBy == rhs.promisedDeliverBy && lhs.promise.deliverBy == rhs.promise.deliverBy
            && lhs.promise.json() == rhs.promise.json()
    }

    public var description: String {
        let now = promise.deliverBy.map { ISO8601.format($0, in: promise.destinationZone) } ?? "unavailable"
        return "the order was promised by \(ISO8601.format(promisedDeliverBy, in: promise.destinationZone)); "
            + "with the stock as it is now it would arrive by \(now)"
    }
}

/// Why the store refused an operation. Nothing was written when one of these is thrown.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Some line has no node holding its quantity (HTTP 409 `out-of-stock`).
    case outOfStock(String)
    /// Stock exists but no path reaches the destination (HTTP 422 `not-deliverable`).
    case notDeliverable(String)
    /// The order would now arrive later than the `deliverBy` the customer was shown (HTTP 409 `promise-changed`).
    case promiseChanged(ChangedPromise)
    /// A shipment of the order is already being picked (HTTP 409 `too-late`).
    case tooLate(String)
    /// An item cannot join a shipment (add to delivery): the first of the contract's rules that fails (HTTP 409
    /// with the reason as its code: `too-late`, `temperature`, `out-of-stock`, `later`).
    case cannotJoin(JoinRefusal, String)
    /// No such order (or not the caller's) (HTTP 404 `not-found`).
    case notFound(String)
    /// The idempotency key was used before with another request (HTTP 422 `idempotency-key-reused`).
    case idempotencyKeyReused(String)
    /// An adjustment would leave on hand below what is reserved or below zero (HTTP 409 `would-go-negative`).
    case wouldGoNegative(String)
    /// The SKU is not in the catalog (HTTP 422 `unknown-sku`).
    case unknownSKU(SKU)
    /// The node is not in the network or holds no stock (HTTP 422 `unknown-node`).
    case unknownNode(NodeID)
    /// The order's lines or ZIP are invalid as the promise engine sees them (HTTP 422).
    case invalidOrder(PromiseError)
    /// Some other field is invalid (HTTP 422 `invalid-input`).
    case invalidInput(String)
    /// A limit on what one customer or the server may hold is reached (HTTP 409 `limit-reached`).
    case limitReached(String)
    /// The database holds no network yet: import one first.
    case notInitialized(String)
    /// The database location could not be understood (CLI exit 2).
    case badLocation(String)
    /// The database could not be reached or did not answer in time (connection lost, timeout, busy): the
    /// operation may be retried (HTTP 503 `unavailable` with `Retry-After`).
    case unavailable(String)
    /// The database refused the operation for a reason no caller can fix (a constraint the store should have
    /// checked, a full disk, a corrupt file): a bug or an outage (HTTP 500, logged). The text names the cause and
    /// never a password.
    case database(String)

    /// The stable problem code this error is answered with (the one vocabulary of `ProblemCode`).
    public var problemCode: ProblemCode {
        switch self {
        case .outOfStock: .outOfStock
        case .notDeliverable: .notDeliverable
        case .promiseChanged: .promiseChanged
        case .tooLate: .tooLate
        case .cannotJoin(let reason, _): reason.problemCode
        case .notFound: .notFound
        case .idempotencyKeyReused: .idempotencyKeyReused
        case .wouldGoNegative: .wouldGoNegative
        case .unknownSKU: .unknownSKU
        case .unknownNode: .unknownNode
        case .invalidOrder(let error): error.problemCode
        case .invalidInput: .invalidField
        case .limitReached: .limitReached
        case .notInitialized, .unavailable: .unavailable
        case .badLocation, .database: .internalError
        }
    }

    /// A human sentence saying what is wrong.
    public var description: String {
        switch self {
        case .outOfStock(let detail), .notDeliverable(let detail), .tooLate(let detail), .notFound(let detail),
            .idempotencyKeyReused(let detail), .wouldGoNegative(let detail), .invalidInput(let detail),
            .limitReached(let detail),
            .notInitialized(let detail), .badLocation(let detail), .unavailable(let detail), .database(let detail),
            .cannotJoin(_, let detail):
            detail
        case .promiseChanged(let change): change.description
        case .unknownSKU(let sku): "SKU \(sku) is not in the catalog"
        case .unknownNode(let node): "node \(node) is not a shipping node of the network"
        case .invalidOrder(let error): error.description
        }
    }
}
