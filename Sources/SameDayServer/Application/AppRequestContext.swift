// The request context every route sees: Hummingbird's core storage plus who is calling.

import HTTPTypes
import Hummingbird
import SameDayCore

/// Request context for SameDay routes.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller, set by `AuthMiddleware` on `/v1` routes.
    public var principal: Principal?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.principal = nil
    }

    /// Bodies are read by `RequestBodyReader` with its own 1 MiB cap; this matches it.
    public var maxUploadSize: Int { RequestBodyReader.maxBodyBytes }

    /// The caller; only nil on routes that need no key.
    func requirePrincipal() throws(APIError) -> Principal {
        guard let principal else { throw APIError(.unauthorized, "Send 'Authorization: Bearer <api key>'.") }
        return principal
    }
}
