// A transaction as a value: statements to run, then what to do with their rows.
//
// Every store operation is written once as a `Script`; each backend runs it inside one transaction of its own
// (GRDB's `write { db in … }` with BEGIN IMMEDIATE, a PostgreSQL connection between BEGIN and COMMIT). The steps
// between statements are plain synchronous Swift (planning with the promise engine included), so a script
// holds no locks longer than its own statements and decisions take. Statements run together are grouped under
// names (`Batch`), and their rows are read by those names: never by counting positions in a list.

/// A program of statements over one transaction, producing a `Result`.
enum Script<Result: Sendable>: Sendable {
    /// Run the batch's statements in order, then continue with their rows, read by step name.
    case run(Batch, @Sendable (BatchResults) throws -> Script<Result>)
    /// Finished: commit and return this.
    case done(Result)

    /// Runs one statement, then continues with its rows.
    static func query(_ sql: SQL, then next: @escaping @Sendable ([SQLRow]) throws -> Script<Result>) -> Script {
        .run(Batch(.only, sql)) { results in try next(results[.only]) }
    }

    /// Runs statements whose rows nobody reads (writes), then continues.
    static func execute(_ sqls: [SQL], then next: @escaping @Sendable () throws -> Script<Result>) -> Script {
        var batch = Batch()
        batch.add(.only, sqls)
        return .run(batch) { _ in try next() }
    }

    /// Runs a batch of named statements, then continues with their rows.
    static func batch(_ batch: Batch, then next: @escaping @Sendable (BatchResults) throws -> Script<Result>)
        -> Script
    {
        .run(batch, next)
    }
}

/// The name of a group of statements in a `Batch`: the key its rows are read back by.
struct Step: Hashable, Sendable {
    let name: String
    init(_ name: String) { self.name = name }

    /// The one group of a single-statement or write-only step.
    static let only = Step("only")
}

/// Statements run in one step of a script, in order, each group under a `Step` name.
struct Batch: Sendable {
    /// Every statement, in the order they run.
    private(set) var statements: [SQL] = []
    /// Where each step's statements are in `statements`.
    private(set) var ranges: [Step: Range<Int>] = [:]

    init() {}

    /// A batch of one statement under `step`.
    init(_ step: Step, _ sql: SQL) { add(step, [sql]) }

    /// Appends `sql` to `step`'s group (a step's statements are contiguous: add them together).
    mutating func add(_ step: Step, _ sql: SQL) { add(step, [sql]) }

    /// Appends `sqls` to `step`'s group. A step may be empty (its rows are then `[]`).
    mutating func add(_ step: Step, _ sqls: [SQL]) {
        let start = statements.count
        statements += sqls
        if let existing = ranges[step] {
            precondition(existing.upperBound == start, "statements of step \(step.name) must be added together")
            ranges[step] = existing.lowerBound..<statements.count
        } else {
            ranges[step] = start..<statements.count
        }
    }
}

/// The rows a batch returned, read by step name.
struct BatchResults: Sendable {
    let ranges: [Step: Range<Int>]
    /// One array of rows per statement, in the batch's order.
    let rows: [[SQLRow]]

    init(_ batch: Batch, rows: [[SQLRow]]) {
        self.ranges = batch.ranges
        self.rows = rows
    }

    /// The rows of every statement of `step`, one statement after the other (a step not in the batch: none).
    subscript(_ step: Step) -> [SQLRow] {
        guard let range = ranges[step] else { return [] }
        return range.count == 1 ? rows[range.lowerBound] : Array(rows[range].joined())
    }

    /// The rows of each statement of `step` separately, in the order they were added.
    func each(_ step: Step) -> [[SQLRow]] {
        guard let range = ranges[step] else { return [] }
        return Array(rows[range])
    }
}

/// What a backend offers the shared store logic.
///
/// Every method throws `StoreError` only: a backend translates its driver's errors at this boundary
/// (`.unavailable` for what a retry may cure, `.database` for the rest), so no driver type leaves the store.
protocol SQLBackend: Sendable {
    var dialect: Dialect { get }
    /// Runs the connection machinery until cancelled.
    func run() async
    /// Applies `Schema.migrations(dialect)` not yet applied.
    func migrate() async throws
    /// Runs `script` in one read-write transaction that is exclusive for the rows it touches.
    func write<R: Sendable>(_ script: Script<R>) async throws -> R
    /// Runs each script in a read-write transaction of its own, in order (a later one sees the earlier ones'
    /// writes), and returns each one's outcome; one failing does not stop the others. (SQLite queues them
    /// together so they share commits; PostgreSQL runs them one after another.)
    func writeEach<R: Sendable>(_ scripts: [Script<R>]) async -> [Result<R, StoreError>]
    /// Runs `script` over one consistent snapshot, read-only.
    func read<R: Sendable>(_ script: Script<R>) async throws -> R
    func close() async throws
}
