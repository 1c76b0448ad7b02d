// GET /v1/kpis: a day's figures for the operator dashboard, from the aggregates the order, clock and cancel
// transactions keep (a day's rows summed, never a scan of orders), written by Core's `Figures` as the simulator
// writes them.

import HTTPTypes
import Hummingbird
import SameDayCore
import SameDayStore

struct KPIsController {
    let world: ServerWorld
    let store: any Store
    let now: @Sendable () -> Instant
    /// The clock the figures' days and hours are on (`Figures.networkClock`).
    let clock: ZoneTable
    /// Each shipping node's processing minutes: a shipment with less time left than this is at risk.
    let processingMinutes: [NodeID: Int]

    /// How many of the day's most ordered SKUs the stockouts look at.
    static let topSKUs = 20
    /// At most this many shipments at risk are listed.
    static let atRiskLimit = 50

    init(world: ServerWorld, store: any Store, now: @escaping @Sendable () -> Instant) {
        self.world = world
        self.store = store
        self.now = now
        self.clock = Figures.networkClock(world.engine)
        var processing: [NodeID: Int] = [:]
        for node in world.network.nodes where node.kind.isShipping { processing[node.id] = node.processingMinutes }
        self.processingMinutes = processing
    }

    static let endpoints = [kpis]

    func addRoutes(to api: inout API) {
        api.add(Self.kpis, kpis)
    }

    static let kpis = Endpoint(
        .get, "/v1/kpis", operationID: "getKPIs", tag: "dashboard", summary: "A day's figures for the dashboard",
        description: "The simulator's figures (same code and members) of the orders placed on one day of the "
            + "network's clock (the time zone of its westernmost shipping node), summed from aggregates kept in the "
            + "transactions that place orders and move shipments; then `date`, `asOf`, `cancelledOrders`, "
            + "`previousDay` (orders in every hour of the day before), `shipmentsByStatus` (the day's shipments) "
            + "and `attention` (as of now: nodes out of a top SKU, shipments at risk).",
        access: .roles([.operator]),
        parameters: [
            Parameter(
                "date", in: .query,
                JSONSchema(
                    .string(StringRule(minLength: 10, maxLength: 10, syntax: .date, format: "date")),
                    examples: [.string("2026-12-24")]),
                "The day (default: today on the network's clock).")
        ],
        responses: [.json(KPIsBody.self, "The day's figures.")])

    @Sendable func kpis(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try Self.kpis.parameters(request, context)
        let asOf = now()
        let day = query.string("date").flatMap(LocalDate.init(parsing:)) ?? LocalDate(day: clock.localDay(of: asOf))
        let start = clock.instant(day: day.day, minuteOfDay: 0)
        let end = clock.instant(day: day.day + 1, minuteOfDay: 0)
        let previousStart = clock.instant(day: day.day - 1, minuteOfDay: 0)
        async let today = store.kpiCounts(from: start, to: end, overdueAt: asOf)
        async let previous = store.ordersPerHour(from: previousStart, to: start)
        async let stockouts = store.stockouts(day: day, topSKUs: Self.topSKUs)
        async let atRisk = store.shipmentsAtRisk(
            now: asOf, processingMinutes: processingMinutes, limit: Self.atRiskLimit)
        let previousCounts = try await previous
        let previousHours = stride(from: previousStart.minutes, to: start.minutes, by: 60).map { minute in
            let hour = Instant(minutes: minute)
            return (hour: hour, orders: previousCounts[hour] ?? 0)
        }
        let body = KPIsBody(
            date: day, asOf: asOf, clock: clock, counts: try await today, previousDate: LocalDate(day: day.day - 1),
            previousHours: previousHours, stockouts: try await stockouts, atRisk: try await atRisk)
        return body.response(capacity: 16 * 1024)
    }
}
