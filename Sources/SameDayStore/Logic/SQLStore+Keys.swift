// API keys (stored as hashes, listed and revoked by a short id) and the idempotency records' expiry.

import SameDayCore

extension SQLStore {
    func createAPIKey(role: Role, customer: CustomerID?, seller: SellerID?, at: Instant) async throws
        -> (key: String, record: APIKey)
    {
        try Self.validateOwner(role: role, customer: customer, seller: seller)
        let key = APIKeys.generate()
        let record = APIKey(hash: APIKeys.hash(key), role: role, customer: customer, seller: seller, createdAt: at)
        let insert = SQL(
            "INSERT INTO api_keys (hash, role, customer, seller, created_at) VALUES (?, ?, ?, ?, ?)",
            [
                .text(record.hash), .text(role.rawValue), customer.map { .text($0.rawValue) } ?? .null,
                seller.map { .text($0.rawValue) } ?? .null, .int(at.minutes),
            ])
        return try await backend.write(.execute([insert]) { .done((key, record)) })
    }

    /// A customer key names one well-formed customer, a seller key one seller, an operator key neither.
    private static func validateOwner(role: Role, customer: CustomerID?, seller: SellerID?) throws(StoreError) {
        switch role {
        case .customer:
            guard let customer, customer.isWellFormed, seller == nil else {
                throw .invalidInput("a customer key needs a customer id (\(Identifiers.ruleDescription)) and no seller")
            }
        case .seller:
            guard let seller, seller.isWellFormed, customer == nil else {
                throw .invalidInput("a seller key needs a seller id (\(Identifiers.ruleDescription)) and no customer")
            }
        case .operator:
            guard customer == nil, seller == nil else {
                throw .invalidInput("an operator key acts for no customer and no seller")
            }
        }
    }

    func apiKey(matching key: String) async throws -> APIKey? {
        try await backend.read(
            .query(
                SQL(
                    """
                    SELECT hash, role, customer, seller, created_at, revoked_at FROM api_keys
                    WHERE hash = ? AND revoked_at IS NULL
                    """, [.text(APIKeys.hash(key))])
            ) { rows in .done(try rows.first.map(APIKey.init(row:))) })
    }

    func apiKeys() async throws -> [APIKey] {
        try await backend.read(
            .query(
                SQL(
                    "SELECT hash, role, customer, seller, created_at, revoked_at FROM api_keys ORDER BY created_at, hash"
                )
            ) { rows in .done(try rows.map(APIKey.init(row:))) })
    }

    func revokeAPIKey(id: String, at: Instant) async throws -> APIKey {
        let digits = id.lowercased()
        guard (8...64).contains(digits.utf8.count), digits.utf8.allSatisfy(Self.isHexDigit) else {
            throw StoreError.invalidInput(
                "key id \"\(id.prefix(80))\" must be 8 to 64 hex digits (the ID column of sameday keys list)")
        }
        let find = SQL(
            """
            SELECT hash, role, customer, seller, created_at, revoked_at FROM api_keys WHERE substr(hash, 1, CAST(? AS INTEGER)) = ?
            """ + dialect.forUpdate, [.int(digits.utf8.count), .text(digits)])
        return try await backend.write(
            .query(find) { rows in
                guard let row = rows.first else { throw StoreError.notFound("no API key \(digits)") }
                guard rows.count == 1 else {
                    throw StoreError.invalidInput("key id \(digits) names \(rows.count) keys: give more digits")
                }
                var found = try APIKey(row: row)
                guard found.revokedAt == nil else { return .done(found) }
                found.revokedAt = at
                let key = found
                let revoke = SQL(
                    "UPDATE api_keys SET revoked_at = ? WHERE hash = ?", [.int(at.minutes), .text(key.hash)])
                return .execute([revoke]) { .done(key) }
            })
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// Idempotency records removed per statement, so one purge never holds a long transaction.
    static var purgeBatch: Int { 5_000 }

    func purgeIdempotency(before: Instant) async throws -> Int {
        var removed = 0
        while true {
            let purge = SQL(
                """
                DELETE FROM idempotency WHERE (customer, idem_key) IN (
                    SELECT customer, idem_key FROM idempotency WHERE created_at < ? LIMIT ?)
                RETURNING created_at
                """, [.int(before.minutes), .int(Self.purgeBatch)])
            let count = try await backend.write(.query(purge) { rows in .done(rows.count) })
            removed += count
            if count < Self.purgeBatch { return removed }
        }
    }
}
