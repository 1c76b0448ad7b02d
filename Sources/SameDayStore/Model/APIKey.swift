// API keys: only their SHA-256 hashes are stored; the key itself is shown once, when created.

import Crypto
import SameDayCore

/// What a key may do (spec/api.md, "Authentication and roles").
public enum Role: String, Sendable, Codable, CaseIterable {
    case `operator`, seller, customer
}

/// A stored API key: its hash and what it grants. The key itself is not stored.
public struct APIKey: Sendable, Equatable {
    /// Lowercase hex SHA-256 of the key's text.
    public var hash: String
    public var role: Role
    /// For a customer key: the customer it acts as.
    public var customer: CustomerID?
    /// For a seller key: the seller whose SKUs it may change.
    public var seller: SellerID?
    public var createdAt: Instant
    /// When it was revoked (`sameday keys revoke`); a revoked key authenticates nobody.
    public var revokedAt: Instant?

    public init(
        hash: String, role: Role, customer: CustomerID?, seller: SellerID?, createdAt: Instant,
        revokedAt: Instant? = nil
    ) {
        self.hash = hash
        self.role = role
        self.customer = customer
        self.seller = seller
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// Hex digits of the hash that name a key in `sameday keys list` and `revoke`.
    public static let idLength = 12

    /// The key's name for people: the first 12 hex digits of its hash. Not a secret: it is a prefix of a
    /// SHA-256 of 32 random bytes, and says nothing about the key.
    public var id: String { String(hash.prefix(Self.idLength)) }
}

/// Making and hashing keys.
public enum APIKeys {
    /// The prefix of every key, so a leaked one is easy to recognise (and to grep for).
    public static let prefix = "sd_"

    /// A new random key: `sd_` and 32 random bytes in base64url (no padding), 46 characters.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + base64URL(bytes)
    }

    /// Lowercase hex SHA-256 of the key's UTF-8 text: what the store keeps and looks up.
    public static func hash(_ key: String) -> String {
        hex(SHA256.hash(data: Array(key.utf8)))
    }

    /// Lowercase hex SHA-256 of any text (used for request fingerprints).
    static func sha256Hex(_ text: String) -> String { hex(SHA256.hash(data: Array(text.utf8))) }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = Int(bytes[i])
            let b1 = i + 1 < bytes.count ? Int(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? Int(bytes[i + 2]) : 0
            let n = (b0 << 16) | (b1 << 8) | b2
            out.append(alphabet[(n >> 18) & 63])
            out.append(alphabet[(n >> 12) & 63])
            if i + 1 < bytes.count { out.append(alphabet[(n >> 6) & 63]) }
            if i + 2 < bytes.count { out.append(alphabet[n & 63]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension OrderRequest {
    /// A fingerprint of what an order asks for (ZIP and lines in order), for idempotency: the same key with a
    /// different fingerprint is `idempotencyKeyReused`.
    public static func fingerprint(zip: ZIP, lines: [OrderLine]) -> String {
        APIKeys.sha256Hex(zip.rawValue + "|" + lines.map { "\($0.sku.rawValue):\($0.qty)" }.joined(separator: ","))
    }
}
