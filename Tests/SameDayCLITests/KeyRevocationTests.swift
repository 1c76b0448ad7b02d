// `sameday keys revoke` against running servers: two `sameday serve` processes on one database accept a new
// key, and within 1.5 s of its revocation both answer 401 for it (each process looks a key up again at least
// once a second). SQLite always; PostgreSQL when SAMEDAY_TEST_POSTGRES_URL is set.

import Foundation
import Testing

@Suite struct KeyRevocationTests {
    @Test(arguments: TwoServersTests.databases)
    func aRevokedKeyStopsWorkingOnEveryServerWithinASecondAndAHalf(backend: String) async throws {
        let files = try TinyFiles()
        let database = try TestDatabase.location(backend, in: files, name: "revoke")
        let a = try await ServerProcess.start(files.serveArguments(database: database))
        let demo = try #require(a.key("customer demo"))
        let b = try await ServerProcess.start(files.serveArguments(database: database))

        let created = try await SameDayBinary.output([
            "keys", "create", "--database", database, "--role", "customer", "--customer", "c9",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let key = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        #expect(key.hasPrefix("sd_"))
        for server in [a, b] { #expect(try await Self.promise(server, key: key) == 200) }

        let id = try #require(
            try await Self.listed(database).first { $0.contains("customer c9") }?.split(separator: " ").first)
        let revoked = try await SameDayBinary.output(["keys", "revoke", "--database", database, String(id)])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(revoked.stdout.hasPrefix("key \(id) (customer) revoked at "))
        let line = try #require(try await Self.listed(database).first { $0.hasPrefix(String(id)) })
        #expect(!line.hasSuffix(" -"), "\(line)")

        try await Task.sleep(for: .milliseconds(1_500))
        for server in [a, b] {
            #expect(try await Self.promise(server, key: key) == 401)
            #expect(try await Self.promise(server, key: demo) == 200)
        }
        try await a.stop()
        try await b.stop()
    }

    static func promise(_ server: ServerProcess, key: String) async throws -> Int {
        try await ServerProcess.request(
            server.base.appendingPathComponent("v1/promise"), method: "POST", key: key,
            body: #"{"zip":"98109","lines":[{"sku":"A1","qty":1}]}"#
        ).status
    }

    /// The lines of `sameday keys list` after its header.
    static func listed(_ database: String) async throws -> [String] {
        let list = try await SameDayBinary.output(["keys", "list", "--database", database])
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ID") == true)
        return Array(lines.dropFirst())
    }
}
