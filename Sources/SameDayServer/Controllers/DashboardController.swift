// The operator dashboard's page and files (no key needed to load them: the page asks for an operator key and
// sends it to the /v1 routes itself), and `GET /` sending a browser there.
//
// The routes are in the OpenAPI document like every other (the route table test wants every registered route
// documented, and the fuzzer then checks they answer what the document says: 200 with the media type, 304, 303).

import HTTPTypes
import Hummingbird
import SameDayCore

struct DashboardController {
    static let endpoints = [root] + DashboardAssets.all.map(endpoint(for:))

    func addRoutes(to api: inout API) {
        api.add(Self.root) { _, _ in
            Response(status: .seeOther, headers: [.location: DashboardAssets.page.path, .cacheControl: "no-cache"])
        }
        for (endpoint, asset) in zip(Self.endpoints.dropFirst(), DashboardAssets.all) {
            api.add(endpoint) { request, _ in Self.response(asset, to: request) }
        }
    }

    /// The file, or 304 when the request's `If-None-Match` names its entity tag.
    static func response(_ asset: DashboardAsset, to request: Request) -> Response {
        var headers: HTTPFields = [
            .eTag: asset.etag, .cacheControl: DashboardAssets.cacheControl,
            .contentSecurityPolicy: DashboardAssets.contentSecurityPolicy, .xContentTypeOptions: "nosniff",
        ]
        let tags = request.headers[values: .ifNoneMatch].flatMap { $0.split(separator: ",") }
        if tags.contains(where: { $0.trimmingSpaces == asset.etag || $0.trimmingSpaces == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }

    static let root = Endpoint(
        .get, "/", operationID: "root", tag: "dashboard", summary: "Where a browser starts: the dashboard",
        description: "Redirects to `/dashboard`, so the address `sameday serve` prints opens the page.",
        access: .open,
        responses: [
            SuccessResponse(
                .seeOther, "Go to the dashboard.", .empty,
                headers: [
                    ResponseHeader(name: "Location", description: "`/dashboard`.", schema: .string(), required: true)
                ])
        ], usesDatabase: false)

    static func endpoint(for asset: DashboardAsset) -> Endpoint {
        let name = asset.path.split(separator: "/").last.map(String.init) ?? asset.path
        let isPage = asset.path == DashboardAssets.page.path
        return Endpoint(
            .get, asset.path, operationID: isPage ? "dashboard" : "dashboardFile_" + name.replacingDots,
            tag: "dashboard", summary: isPage ? "The operator dashboard (HTML)" : "A file of the dashboard: \(name)",
            description: isPage
                ? "The page an operator keeps open; it asks for an operator key and reads `/v1` with it. "
                    + "Served from the binary, with a strict Content-Security-Policy."
                : "",
            access: .open,
            responses: [
                SuccessResponse(.ok, "The file.", .media(asset.contentType, .string()), headers: Self.headers),
                SuccessResponse(
                    .notModified, "Unchanged since the entity tag sent in `If-None-Match`.", .empty,
                    headers: Self.headers),
            ], usesDatabase: false)
    }

    static let headers = [
        ResponseHeader(
            name: "ETag", description: "The file's entity tag (send it back in `If-None-Match`).", schema: .string(),
            required: true),
        ResponseHeader(
            name: "Cache-Control", description: "`no-cache`: keep a copy, revalidate each time.", schema: .string(),
            required: true),
        ResponseHeader(
            name: "Content-Security-Policy", description: "Only this server's own files and API.", schema: .string(),
            required: true),
    ]
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}

extension String {
    fileprivate var replacingDots: String { String(map { $0 == "." ? "_" : $0 }) }
}
