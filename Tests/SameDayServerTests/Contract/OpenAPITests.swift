import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayServer
import Testing

@testable import SameDayServer

@Suite struct OpenAPITests {
    /// Every route the router registers, as "METHOD /path/{param}".
    static func registeredRoutes() async throws -> Set<String> {
        let configuration = AppConfiguration(advanceInterval: nil)
        let world = try Harness.world()
        let routes = try await Harness.withStore { store, _ in
            buildRouter(configuration, dependencies: AppDependencies(world: world, store: store)).routes.map {
                (path: $0.path.description, method: $0.method.rawValue)
            }
        }
        return Set(
            routes.map { route in
                let path = route.path.split(separator: "/").map { segment in
                    segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
                }
                return "\(route.method) /" + path.joined(separator: "/")
            })
    }

    static func documentedRoutes() throws -> Set<String> {
        let document = try parse(OpenAPIDocument.json)
        guard case .object(let paths) = document["paths"] else { throw TestFailure("no paths") }
        var routes = Set<String>()
        for (path, item) in paths {
            guard case .object(let operations) = item else { continue }
            for (method, _) in operations { routes.insert("\(method.uppercased()) \(path)") }
        }
        return routes
    }

    @Test func everyRegisteredRouteIsDocumented() async throws {
        let registered = try await Self.registeredRoutes()
        let documented = try Self.documentedRoutes()
        #expect(registered.count >= 16)
        #expect(
            registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
        #expect(
            documented.subtracting(registered).isEmpty,
            "documented but absent: \(documented.subtracting(registered).sorted())")
    }

    @Test func everyProblemCodeIsListed() throws {
        let document = try parse(OpenAPIDocument.json)
        guard case .array(let listed) = document["x-problem-codes"] else { throw TestFailure("no x-problem-codes") }
        var statusByCode: [String: Int] = [:]
        for entry in listed {
            if case .string(let code) = entry["code"], case .integer(let status) = entry["status"] {
                statusByCode[code] = status
            }
        }
        for code in ProblemCode.allCases {
            #expect(statusByCode[code.rawValue] == Int(code.status.code), "\(code.rawValue)")
        }
        #expect(statusByCode.count == ProblemCode.allCases.count)
    }

    @Test func documentIsOpenAPI31() throws {
        let document = try parse(OpenAPIDocument.json)
        #expect(document["openapi"] == .string("3.1.0"))
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
