// The backend boundary for errors: whatever a driver throws leaves the store as a `StoreError`.
//
// A caller (the server's one problem mapper, the CLI's exit status) sees two kinds of database failure:
// `.unavailable` — the database could not answer now (connection lost or refused, timeouts, busy, deadlocks
// and serialization failures after the store's own retries): retry later; and `.database` — it refused for a
// reason a retry does not cure (a constraint, a full disk, a corrupt file, a row of unexpected shape), naming
// the cause (SQLite's extended result code, PostgreSQL's SQLSTATE, the message and the statement) and never a
// password: statements carry `?` placeholders, not values, and connection errors name host and port only.

import Foundation

enum BackendErrors {
    /// `error` in the store's vocabulary. `StoreError` and cancellation pass through; `driver` translates the
    /// backend's own errors; the store's row decoding and stored-JSON errors are `.database`.
    static func translate(_ error: any Error, driver: (any Error) -> StoreError?) -> any Error {
        if error is StoreError || error is CancellationError { return error }
        if let translated = driver(error) { return translated }
        if let decoding = error as? SQLDecodingError {
            return StoreError.database("a row has an unexpected shape: \(decoding)")
        }
        if error is DecodingError || error is EncodingError {
            return StoreError.database("a stored order answer could not be read or written: \(firstLine(error))")
        }
        return StoreError.database(firstLine(error))
    }

    /// Runs `body`, translating what it throws.
    static func translating<R>(
        _ driver: (any Error) -> StoreError?, _ body: () async throws -> R
    ) async throws -> R {
        do {
            return try await body()
        } catch {
            throw translate(error, driver: driver)
        }
    }

    /// The first line of an error's description.
    static func firstLine(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
    }
}
