// The dashboard's routes: the page and its files served from the binary with their media types, a strict
// Content-Security-Policy and entity tags; `/` sending a browser to the page; nothing in any file pointing at
// another origin.

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SameDayCore
import Testing

@testable import SameDayServer

@Suite struct DashboardRouteTests {
    @Test func thePageIsHTMLWithAStrictContentSecurityPolicyAndNoKeyNeeded() async throws {
        try await Harness.withApp { client, _, _ in
            let page = try await client.send(.get, "/dashboard", key: nil)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.hasPrefix("default-src 'self';"))
            #expect(policy.contains("script-src 'self';"))
            #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[.cacheControl] == "no-cache")
            #expect(page.body.hasPrefix("<!doctype html>"))
            #expect(page.body.contains(#"<script src="/dashboard/dashboard.js" defer></script>"#))
            #expect(page.body.contains(#"<input id="key" name="key" type="password""#))
            #expect(page.body.contains("<title>California</title>"))
        }
    }

    @Test func theRootRedirectsToTheDashboard() async throws {
        try await Harness.withApp { client, _, _ in
            let root = try await client.send(.get, "/", key: nil)
            #expect(root.status == .seeOther)
            #expect(root.headers[.location] == "/dashboard")
            #expect(root.body.isEmpty)
        }
    }

    @Test(arguments: [
        ("/dashboard/dashboard.js", "text/javascript; charset=utf-8", "\"use strict\";"),
        ("/dashboard/dashboard.css", "text/css; charset=utf-8", ":root {"),
        ("/dashboard/icon.svg", "image/svg+xml", "<svg "),
    ])
    func everyFileIsServedWithItsMediaType(path: String, contentType: String, start: String) async throws {
        try await Harness.withApp { client, _, _ in
            let file = try await client.send(.get, path, key: nil)
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == contentType)
            #expect(file.body.hasPrefix(start))
            #expect(file.headers[.eTag]?.count == 18)
        }
    }

    @Test func anUnchangedFileIsAnswered304() async throws {
        try await Harness.withApp { client, _, _ in
            let first = try await client.send(.get, "/dashboard/dashboard.js", key: nil)
            let tag = try #require(first.headers[.eTag])
            let again = try await client.send(.get, "/dashboard/dashboard.js", key: nil, headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(again.body.isEmpty)
            #expect(again.headers[.eTag] == tag)
            let other = try await client.send(
                .get, "/dashboard/dashboard.js", key: nil, headers: [.ifNoneMatch: "\"0000000000000000\""])
            #expect(other.status == .ok)
            #expect(other.body == first.body)
        }
    }

    @Test func eachFileHasItsOwnEntityTag() {
        let tags = DashboardAssets.all.map(\.etag)
        #expect(Set(tags).count == DashboardAssets.all.count)
    }

    @Test func otherMethodsAndUnknownFilesAreProblems() async throws {
        try await Harness.withApp { client, keys, _ in
            try expectProblem(try await client.send(.post, "/dashboard", key: nil), status: 405)
            try expectProblem(try await client.send(.get, "/dashboard/nope.js", key: keys.operator), status: 404)
        }
    }

    /// No file refers to another origin: the only `http://` text allowed is the SVG namespace name, which
    /// browsers never fetch.
    @Test func noEmbeddedFileNamesAnotherOrigin() {
        let namespaces = ["http://www.w3.org/2000/svg"]
        var checked = 0
        for asset in DashboardAssets.all {
            var text = String(decoding: asset.bytes, as: UTF8.self)
            for namespace in namespaces { text = text.replacingOccurrences(of: namespace, with: "") }
            for scheme in ["http://", "https://", "//cdn", "url(", "@import"] {
                #expect(!text.lowercased().contains(scheme), "\(asset.path) contains \(scheme)")
            }
            checked += 1
        }
        #expect(checked == 4)
    }

    /// Every `data-kpi` in the page names a /v1/kpis member the brief lists (a typo would show a dash forever).
    @Test func thePageNamesOnlyKnownFigures() {
        let known: Set<String> = [
            "orders", "units", "promisesKept", "lateShipments", "unitsPerContainer", "shipmentsPerOrder",
            "inRegionUnits", "outOfStockOrders", "unavailableOrders", "kmPerUnit", "speed.now", "speed.same-day",
            "speed.next-day", "speed.standard", "shipmentsByStatus.placed", "shipmentsByStatus.picking",
            "shipmentsByStatus.shipped", "shipmentsByStatus.delivered",
        ]
        let page = DashboardAssets.pageHTML
        let paths = page.components(separatedBy: "data-kpi=\"").dropFirst().compactMap {
            $0.split(separator: "\"", maxSplits: 1).first.map(String.init)
        }
        #expect(Set(paths) == known)
        #expect(paths.count == known.count)
    }
}
