// The one place that maps errors to HTTP: every failure leaves as problem+json.
//
// It is the outermost middleware, so errors from routing (404), body reading
// (413), authentication (401) and handlers all pass through here. Anything
// that is not an `APIError` is a bug or an outage: it is logged (never with
// request headers, which carry keys) and answered 500 `internal-error`.

import HTTPTypes
import Hummingbird
import Logging
import SameDayCore
import SameDayStore

struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let metrics: ServerMetrics
    /// The registered routes: a 404 from routing on a known path with another method becomes 405.
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            let apiError = Self.apiError(for: error, request: request, context: context, routes: routes)
            if apiError.code == .internalError || apiError.code == .unavailable {
                context.logger.error(
                    "request failed",
                    metadata: ["method": "\(request.method)", "path": "\(request.uri.path)", "error": "\(error)"])
            }
            metrics.recordProblem(apiError.code)
            response = Self.response(for: apiError)
        }
        metrics.recordRequest(
            route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
            status: Int(response.status.code), seconds: (ContinuousClock.now - start).seconds)
        return response
    }

    /// Translates any error into an `APIError`.
    static func apiError(for error: any Error, request: Request, context: Context, routes: RouteTable) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as StoreError:
            return APIError(error)
        case let error as PromiseError:
            return APIError(error.problemCode, error.description)
        case let error as HTTPError:
            switch error.status {
            case .notFound:
                let allowed = routes.methods(forPath: request.uri.path)
                if !allowed.isEmpty, !allowed.contains(request.method.rawValue) {
                    let list = allowed.joined(separator: ", ")
                    return APIError(
                        .methodNotAllowed,
                        "Method \(request.method.rawValue) is not allowed on \(request.uri.path.prefix(200)); use \(list).",
                        headers: [.allow: list])
                }
                return APIError(
                    .notFound, "No route \(request.method.rawValue) \(request.uri.path.prefix(200)); see /openapi.json."
                )
            case .contentTooLarge:
                return APIError(.bodyTooLarge, "The body is larger than 1 MiB (1,048,576 bytes).")
            case .methodNotAllowed:
                return APIError(.methodNotAllowed, "Method \(request.method.rawValue) is not allowed here.")
            case .unsupportedMediaType:
                return APIError(.unsupportedMediaType, "Send 'Content-Type: application/json'.")
            case .unauthorized:
                return APIError(.unauthorized, "Send 'Authorization: Bearer <api key>'.")
            default:
                if (400..<500).contains(error.status.code) {
                    return APIError(.invalidParameter, error.body ?? "The request is invalid.")
                }
                return APIError(.internalError, "The server failed to answer; the request may be retried.")
            }
        default:
            // The store wraps every driver error (`StoreError.unavailable` / `.database`), so anything else here is
            // a bug: answered 500 and logged with its cause.
            return APIError(.internalError, "The server failed to answer; the request may be retried.")
        }
    }

    static func response(for error: APIError) -> Response {
        var headers = error.headers
        headers[.contentType] = "application/problem+json"
        if error.code == .unavailable, headers[.retryAfter] == nil { headers[.retryAfter] = "1" }
        headers[.cacheControl] = "no-store"
        return Response(
            status: error.code.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: error.problemJSON)))
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}

extension APIError {
    /// Maps the store's refusals; nothing was written when one is thrown.
    init(_ error: StoreError) {
        switch error {
        case .outOfStock(let detail): self.init(.outOfStock, detail)
        case .notDeliverable(let detail): self.init(.notDeliverable, detail)
        case .promiseChanged(let change):
            self.init(.promiseChanged, change.description, extensions: [("promise", change.promise.json())])
        case .tooLate(let detail): self.init(.tooLate, detail)
        case .cannotJoin(let reason, let detail): self.init(reason.problemCode, detail)
        case .notFound(let detail): self.init(.notFound, detail)
        case .idempotencyKeyReused(let detail): self.init(.idempotencyKeyReused, detail)
        case .wouldGoNegative(let detail): self.init(.wouldGoNegative, detail)
        case .unknownSKU(let sku): self.init(.unknownSKU, "SKU '\(sku)' is not in the catalog")
        case .unknownNode(let node): self.init(.unknownNode, "node '\(node)' is not a shipping node of the network")
        case .invalidOrder(let error): self.init(error.problemCode, error.description)
        case .invalidInput(let detail): self.init(.invalidField, detail)
        case .limitReached(let detail): self.init(.limitReached, detail)
        case .notInitialized(let detail), .unavailable(let detail): self.init(.unavailable, detail)
        case .badLocation(let detail), .database(let detail): self.init(.internalError, detail)
        }
    }
}
