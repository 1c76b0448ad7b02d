// Authenticates keys against the store, which keeps only their SHA-256 hashes.

import SameDayStore

struct StoreKeyAuthenticator: KeyAuthenticator {
    let store: any Store

    /// The key's principal; nil for an unknown or revoked key (the store finds active keys only).
    func principal(forKey key: String) async throws -> Principal? {
        guard let stored = try await store.apiKey(matching: key), stored.revokedAt == nil else { return nil }
        return Principal(role: stored.role, customer: stored.customer, seller: stored.seller)
    }
}
