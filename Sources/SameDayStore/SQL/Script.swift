// A transaction as a value: statements to run, then what to do with their rows.
//
// Every store operation is written once as a `Script`; each backend runs it inside one transaction of its own
// (GRDB's `write { db in … }` with BEGIN IMMEDIATE, a PostgreSQL connection between BEGIN and COMMIT). The steps
// between statements are plain synchronous Swift (planning with the promise engine included), so a script
// holds no locks longer than its own statements and decisions take.

/// A program of statements over one transaction, producing a `Result`.
enum Script<Result: Sendable>: Sendable {
    /// Run these statements in order, then continue with their rows (one array per statement).
    case run([SQL], @Sendable ([[SQLRow]]) throws -> Script<Result>)
    /// Finished: commit and return this.
    case done(Result)

    /// Runs one statement, then continues with its rows.
    static func query(_ sql: SQL, then next: @escaping @Sendable ([SQLRow]) throws -> Script<Result>) -> Script {
        .run([sql]) { results in try next(results[0]) }
    }

    /// Runs statements, then continues with all their rows.
    static func queries(_ sqls: [SQL], then next: @escaping @Sendable ([[SQLRow]]) throws -> Script<Result>)
        -> Script
    {
        .run(sqls, next)
    }
}

/// What a backend offers the shared store logic.
protocol SQLBackend: Sendable {
    var dialect: Dialect { get }
    /// Runs the connection machinery until cancelled.
    func run() async
    /// Applies `Schema.migrations(dialect)` not yet applied.
    func migrate() async throws
    /// Runs `script` in one read-write transaction that is exclusive for the rows it touches.
    func write<R: Sendable>(_ script: Script<R>) async throws -> R
    /// Runs `script` over one consistent snapshot, read-only.
    func read<R: Sendable>(_ script: Script<R>) async throws -> R
    func close() async throws
}
