// Operator routes: the network, its nodes and their stock; the catalog.

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct NetworkController {
    let world: ServerWorld
    let store: any Store

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("network", use: network)
        group.get("nodes", use: nodes)
        group.get("nodes/:id", use: node)
        group.get("nodes/:id/stock", use: nodeStock)
        group.get("catalog/:sku", use: catalogItem)
    }

    @Sendable func network(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requirePrincipal().require(.operator, to: "read the network")
        let network = world.network
        var o = JSONObjectBuilder()
        o.add("name", network.name)
        o.addRaw(
            "regions",
            JSON.array(network.regions.map { .object([("id", .string($0.id.rawValue)), ("name", .string($0.name))]) })
                .jsonText)
        o.add("nodeCount", network.nodes.count)
        o.add("laneCount", network.lanes.count)
        var byKind: [(key: String, value: JSON)] = []
        for kind in NodeKind.allCases {
            byKind.append((kind.rawValue, .integer(network.nodes.count { $0.kind == kind })))
        }
        o.addRaw("nodesByKind", JSON.object(byKind).jsonText)
        if let carrier = network.carrier {
            o.addRaw(
                "carrier",
                JSON.object([
                    ("pickup", .string(carrier.pickup.description)),
                    ("deliversBy", .string(carrier.deliversBy.description)),
                    (
                        "transitDays",
                        .array(
                            carrier.transitDays.map {
                                .object([("maxKm", .number($0.maxKm)), ("days", .integer($0.days))])
                            })
                    ),
                ]).jsonText)
        } else {
            o.addRaw("carrier", "null")
        }
        o.add("zipCount", world.zips.count)
        o.add("skuCount", world.catalog.items.count)
        return Render.json(o.build())
    }

    @Sendable func nodes(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requirePrincipal().require(.operator, to: "list nodes")
        let query = request.uri.queryParameters
        var nodes = world.network.nodes
        if let kindText = query["kind"] {
            guard let kind = NodeKind(rawValue: String(kindText)) else {
                let kinds = NodeKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError(.invalidParameter, "kind must be one of \(kinds).")
            }
            nodes = nodes.filter { $0.kind == kind }
        }
        if let region = query["region"] {
            nodes = nodes.filter { $0.region.rawValue == String(region) }
        }
        return Render.json("[" + nodes.map(Render.node).joined(separator: ",") + "]")
    }

    @Sendable func node(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requirePrincipal().require(.operator, to: "read nodes")
        return Render.json(Render.node(try lookUpNode(context)))
    }

    @Sendable func nodeStock(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requirePrincipal().require(.operator, to: "read a node's stock")
        let node = try lookUpNode(context)
        return Render.json(Render.stockLevels(try await store.stock(node: node.id)))
    }

    @Sendable func catalogItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        guard let text = context.parameters.get("sku"), Identifiers.isWellFormed(text) else {
            throw APIError(.invalidParameter, "The SKU in the path must be \(Identifiers.ruleDescription).")
        }
        guard let item = world.catalog.item(SKU(text)) else {
            throw APIError(.notFound, "SKU '\(text)' is not in the catalog.")
        }
        return Render.json(Render.catalogItem(item))
    }

    private func lookUpNode(_ context: AppRequestContext) throws(APIError) -> Node {
        guard let text = context.parameters.get("id"), Identifiers.isWellFormed(text) else {
            throw APIError(.invalidParameter, "The node id in the path must be \(Identifiers.ruleDescription).")
        }
        guard let node = world.nodesByID[NodeID(text)] else {
            throw APIError(.notFound, "Node '\(text)' is not in the network.")
        }
        return node
    }
}
