// Builds the production application over a fresh SQLite store with the fixture network, for each test.

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import SameDayServer
import SameDayStore
import SameDayTestSupport
import Synchronization
import Testing

/// A settable clock for tests.
final class TestClock: Sendable {
    private let value: Mutex<Instant>
    init(_ start: Instant = ServerFixtures.morning) { value = Mutex(start) }
    var now: Instant { value.withLock { $0 } }
    func set(_ instant: Instant) { value.withLock { $0 = instant } }
    func advance(minutes: Int) { value.withLock { $0 = $0 + minutes } }
}

/// Keys of each role the harness creates.
struct TestKeys: Sendable {
    var `operator`: String
    var customer: String
    var otherCustomer: String
    var seller: String
    var otherSeller: String
}

enum Harness {
    /// The world built from the fixture files.
    static func world() throws -> ServerWorld {
        let data = try importData()
        let zips = try ZipTable(csv: Array(ServerFixtures.zips.utf8), file: "zips.csv")
        let boxes = try PackingFormat.containers(from: try Fixtures.dataFile("boxes.json"), file: "boxes.json")
        return try ServerWorld(network: data.network, catalog: data.catalog, zips: zips, boxes: boxes)
    }

    static func importData() throws -> ImportData {
        try ImportData.load(
            networkJSON: Array(ServerFixtures.network.utf8), networkFile: "tiny.json",
            catalogCSV: Array(ServerFixtures.catalog.utf8), catalogFile: "catalog.csv",
            inventoryCSV: Array(ServerFixtures.inventory.utf8), inventoryFile: "inventory.csv")
    }

    /// Runs `body` with a fresh store (a temporary SQLite file), the fixture data and keys.
    static func withStore<R: Sendable>(
        _ body: @Sendable (any Store, TestKeys) async throws -> R
    ) async throws -> R {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sameday-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("test.sqlite").path
        let data = try importData()
        return try await StoreLocation.withStore(path) { store in
            _ = try await store.importIfNew(data, at: ServerFixtures.morning)
            let at = ServerFixtures.morning
            let keys = TestKeys(
                operator: try await store.createAPIKey(role: .operator, customer: nil, seller: nil, at: at).key,
                customer: try await store.createAPIKey(role: .customer, customer: CustomerID("c1"), seller: nil, at: at)
                    .key,
                otherCustomer: try await store.createAPIKey(
                    role: .customer, customer: CustomerID("c2"), seller: nil, at: at
                ).key,
                seller: try await store.createAPIKey(role: .seller, customer: nil, seller: SellerID("s1"), at: at).key,
                otherSeller: try await store.createAPIKey(role: .seller, customer: nil, seller: SellerID("s2"), at: at)
                    .key)
            return try await body(store, keys)
        }
    }

    /// Runs `body` against the production application (router test client by default).
    static func withApp(
        _ setup: TestingSetup = .router, clock: TestClock = TestClock(),
        configure: @Sendable (inout AppConfiguration) -> Void = { _ in },
        _ body: @Sendable (any TestClientProtocol, TestKeys, any Store) async throws -> Void
    ) async throws {
        let world = try world()
        try await withStore { store, keys in
            var configuration = AppConfiguration(
                host: "127.0.0.1", port: 0, now: { clock.now }, advanceInterval: nil)
            configure(&configuration)
            let app = buildApplication(configuration, dependencies: AppDependencies(world: world, store: store))
            try await app.test(setup) { client in
                try await body(client, keys, store)
            }
        }
    }
}

extension TestClientProtocol {
    /// Sends JSON text with a key; returns status, headers and body text.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ uri: String, key: String?, json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: String) {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let answer = try await execute(
            uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }
        ) { response in
            (response.status, response.headers, String(buffer: response.body))
        }
        expectConforms(method, uri, answer)
        return answer
    }
}

/// Records an issue for each way an answer breaks the contract (status, media type, schema): every test that
/// sends a request through the harness checks the answer it gets.
func expectConforms(
    _ method: HTTPRequest.Method, _ uri: String,
    _ answer: (status: HTTPResponse.Status, headers: HTTPFields, body: String),
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let problems = ContractCheck.problems(
        method: method, path: uri, status: Int(answer.status.code), contentType: answer.headers[.contentType],
        body: Array(answer.body.utf8))
    for problem in problems {
        Issue.record("\(method) \(uri) → \(answer.status.code): \(problem)", sourceLocation: sourceLocation)
    }
}

/// Parses a response body for assertions.
func parse(_ text: String) throws -> JSONValue {
    try JSONValue.parse(Array(text.utf8), options: .requestBody)
}

/// Checks the problem+json shape and returns the code.
@discardableResult
func expectProblem(
    _ response: (status: HTTPResponse.Status, headers: HTTPFields, body: String), status: Int, code: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> JSONValue {
    #expect(Int(response.status.code) == status, "\(response.body)", sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
    let problem = try parse(response.body)
    #expect(problem["status"] == .integer(status), sourceLocation: sourceLocation)
    for member in ["type", "title", "code", "detail"] {
        guard case .string(let s) = problem[member], !s.isEmpty else {
            Issue.record("problem has no \(member): \(response.body)", sourceLocation: sourceLocation)
            continue
        }
    }
    if let code {
        #expect(problem["code"] == .string(code), "\(response.body)", sourceLocation: sourceLocation)
    }
    return problem
}
