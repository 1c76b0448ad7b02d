// Bearer-key authentication for `/v1` routes.
//
// Keys are never logged: the middleware reads the header and passes the key
// only to the authenticator. Successful lookups are cached for one second, so
// the promise route does not pay a database read per request, and a key revoked
// with `sameday keys revoke` stops working within that second in every server
// process (each process looks its keys up again at least once a second; no
// message between processes is needed). Measured cost in docs/performance.md.

import HTTPTypes
import Hummingbird
import SameDayCore
import Synchronization

/// Sets `context.principal` from `Authorization: Bearer <key>`; 401 without a valid key.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let authenticator: any KeyAuthenticator
    let cache: PrincipalCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.uri.path.hasPrefix("/v1/") || request.uri.path == "/v1" else {
            return try await next(request, context)
        }
        guard let header = request.headers.value(of: .authorization) else {
            throw APIError(
                .unauthorized, "Send 'Authorization: Bearer <api key>'; create keys with 'sameday keys create'.",
                headers: [.wwwAuthenticate: "Bearer"])
        }
        guard let key = Self.bearerKey(header) else {
            throw APIError(
                .unauthorized, "The Authorization header must be 'Bearer <api key>'.",
                headers: [.wwwAuthenticate: "Bearer"])
        }
        var context = context
        if let cached = cache.lookup(key) {
            context.principal = cached
        } else {
            let found: Principal?
            do {
                found = try await authenticator.principal(forKey: key)
            } catch {
                throw APIError(.unavailable, "The key store could not be read; retry shortly.")
            }
            guard let principal = found else {
                throw APIError(.unauthorized, "The API key is not known.", headers: [.wwwAuthenticate: "Bearer"])
            }
            cache.store(key, principal)
            context.principal = principal
        }
        return try await next(request, context)
    }
}

extension AuthMiddleware {
    /// The key of `Bearer <key>` (scheme in any case, spaces or tabs around the key), or nil when the header is
    /// not of that form or the key is empty or over 512 bytes.
    static func bearerKey(_ header: String) -> String? {
        let bytes = header.utf8
        var i = bytes.startIndex
        while i < bytes.endIndex, bytes[i] == UInt8(ascii: " ") { i = bytes.index(after: i) }
        for expected in "bearer".utf8 {
            guard i < bytes.endIndex, bytes[i] | 0x20 == expected else { return nil }
            i = bytes.index(after: i)
        }
        guard i < bytes.endIndex, bytes[i] == UInt8(ascii: " ") else { return nil }
        func isSpace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        while i < bytes.endIndex, isSpace(bytes[i]) { i = bytes.index(after: i) }
        var end = bytes.endIndex
        while end > i, isSpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        guard i < end, bytes.distance(from: i, to: end) <= 512 else { return nil }
        return String(Substring(header.utf8[i..<end]))
    }
}

/// A small time-bounded cache of key → principal, held only in memory. Its time to live bounds how long a
/// revoked key keeps working in this process: at most 1 s (`AppConfiguration.keyCacheTTL`).
final class PrincipalCache: Sendable {
    private struct Entry {
        var principal: Principal
        var expires: ContinuousClock.Instant
    }
    private let entries = Mutex<[String: Entry]>([:])
    private let ttl: Duration

    /// The longest time to live: a revoked key must stop working within a second.
    static let maximumTTL: Duration = .seconds(1)

    /// - Parameter ttl: how long a looked-up key is remembered; clamped to `maximumTTL`, zero disables caching.
    init(ttl: Duration = .seconds(1)) { self.ttl = min(ttl, Self.maximumTTL) }

    func lookup(_ key: String) -> Principal? {
        guard ttl > .zero else { return nil }
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            if entry.expires < now {
                entries[key] = nil
                return nil
            }
            return entry.principal
        }
    }

    func store(_ key: String, _ principal: Principal) {
        guard ttl > .zero else { return }
        let expires = ContinuousClock.now + ttl
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[key] = Entry(principal: principal, expires: expires)
        }
    }
}
