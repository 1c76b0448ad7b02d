// Operator routes: the network, its nodes and their stock; the catalog (any role).

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct NetworkController {
    let world: ServerWorld
    let store: any Store

    static let endpoints = [network, nodes, node, nodeStock, nodeShipments, catalogItem]

    func addRoutes(to api: inout API) {
        api.add(Self.network, network)
        api.add(Self.nodes, nodes)
        api.add(Self.node, node)
        api.add(Self.nodeStock, nodeStock)
        api.add(Self.nodeShipments, nodeShipments)
        api.add(Self.catalogItem, catalogItem)
    }

    static let network = Endpoint(
        .get, "/v1/network", operationID: "getNetwork", tag: "network",
        summary: "The network: regions, counts, carrier",
        access: .roles([.operator]), responses: [.json(NetworkSummaryBody.self, "The network.")],
        usesDatabase: false)

    static let nodes = Endpoint(
        .get, "/v1/nodes", operationID: "listNodes", tag: "network",
        summary: "The nodes, optionally of one kind or region",
        access: .roles([.operator]),
        parameters: [
            Parameter("kind", in: .query, .oneOf(NodeKind.allCases.map(\.rawValue)), "Only nodes of this kind."),
            Parameter("region", in: .query, .id(), "Only nodes of this region."),
        ],
        responses: [.json(ListBody<NodeBody>.self, "The nodes, in the network file's order.")], usesDatabase: false)

    static let nodeID = Parameter("id", in: .path, .id(example: "FC-WA-01"), "A node of the network.")

    static let node = Endpoint(
        .get, "/v1/nodes/{id}", operationID: "getNode", tag: "network", summary: "One node",
        access: .roles([.operator]), parameters: [nodeID], responses: [.json(NodeBody.self, "The node.")],
        problems: [.notFound], usesDatabase: false)

    static let nodeStock = Endpoint(
        .get, "/v1/nodes/{id}/stock", operationID: "getNodeStock", tag: "network", summary: "Stock at one node, by SKU",
        access: .roles([.operator]), parameters: [nodeID],
        responses: [.json(ListBody<StockLevelBody>.self, "Stock per SKU at the node.")], problems: [.notFound])

    static let nodeShipments = Endpoint(
        .get, "/v1/nodes/{id}/shipments", operationID: "getNodeShipments", tag: "network",
        summary: "A node's shipments not yet delivered, soonest deliverBy first",
        description: "Placed, picking or shipped; instants on the network's clock (see GET /v1/kpis).",
        access: .roles([.operator]),
        parameters: [
            nodeID,
            Parameter(
                "limit", in: .query, .integer(1...Limits.maxPageSize, example: Limits.defaultPageSize),
                "At most this many (default \(Limits.defaultPageSize))."),
        ],
        responses: [.json(NodeShipmentsBody.self, "The node's open shipments.")], problems: [.notFound])

    static let catalogItem = Endpoint(
        .get, "/v1/catalog/{sku}", operationID: "getCatalogItem", tag: "catalog", summary: "One catalog item",
        description: "`priceCents` is the price now (see PUT /v1/catalog/{sku}/price).",
        access: .anyRole, parameters: [InventoryController.sku], responses: [.json(CatalogItemBody.self, "The item.")],
        problems: [.notFound])

    @Sendable func network(_ request: Request, context: AppRequestContext) async throws -> Response {
        NetworkSummaryBody(network: world.network, zipCount: world.zips.count, skuCount: world.catalog.count)
            .response()
    }

    @Sendable func nodes(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try Self.nodes.parameters(request, context)
        let kind = query.string("kind").flatMap(NodeKind.init(rawValue:))
        let region = query.string("region")
        let nodes = world.network.nodes.filter { node in
            (kind.map { node.kind == $0 } ?? true) && (region.map { node.region.rawValue == $0 } ?? true)
        }
        return ListBody(elements: nodes.map(NodeBody.init)).response(capacity: 512 * nodes.count + 16)
    }

    @Sendable func node(_ request: Request, context: AppRequestContext) async throws -> Response {
        NodeBody(node: try lookUpNode(Self.node, request, context)).response()
    }

    @Sendable func nodeStock(_ request: Request, context: AppRequestContext) async throws -> Response {
        let node = try lookUpNode(Self.nodeStock, request, context)
        let levels = try await store.stock(node: node.id)
        return ListBody(elements: levels.map(StockLevelBody.init)).response(capacity: 96 * levels.count + 16)
    }

    @Sendable func nodeShipments(_ request: Request, context: AppRequestContext) async throws -> Response {
        let node = try lookUpNode(Self.nodeShipments, request, context)
        let limit = try Self.nodeShipments.parameters(request, context).int("limit") ?? Limits.defaultPageSize
        let shipments = try await store.openShipments(node: node.id, limit: limit)
        return NodeShipmentsBody(shipments: shipments, clock: Figures.networkClock(world.engine))
            .response(capacity: 256 * shipments.count + 32)
    }

    @Sendable func catalogItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let text = try Self.catalogItem.parameters(request, context).string("sku") ?? ""
        guard var item = world.catalog.item(SKU(text)) else {
            throw APIError(.notFound, "SKU '\(text)' is not in the catalog.")
        }
        // Prices change after start-up: the database has the current one.
        if let price = try await store.prices(skus: [item.sku])[item.sku] { item.priceCents = price }
        return CatalogItemBody(item: item).response()
    }

    private func lookUpNode(_ endpoint: Endpoint, _ request: Request, _ context: AppRequestContext) throws(APIError)
        -> Node
    {
        let text = try endpoint.parameters(request, context).string("id") ?? ""
        guard let node = world.nodesByID[NodeID(text)] else {
            throw APIError(.notFound, "Node '\(text)' is not in the network.")
        }
        return node
    }
}
