// The rules of docs/network.md, checked on the bundled Data/networks/us.json and Data/demo files.

import Foundation
import SameDayCore
import Testing

/// The bundled files, loaded once through the spec's loaders.
enum BundledFiles {
    struct Files {
        var zips: ZipTable
        var network: Network
        var catalog: Catalog
        var inventory: Inventory
    }

    static let files: Result<Files, any Error> = Result {
        let zips = try ShippedData.zips.get()
        let network = try Network.load(json: try ShippedData.bytes("Data/networks/us.json"), file: "us.json")
        let catalog = try Catalog.load(csv: try ShippedData.bytes("Data/demo/catalog.csv"), file: "catalog.csv")
        let inventory = try Inventory.load(
            csv: try ShippedData.bytes("Data/demo/inventory.csv"), file: "inventory.csv", network: network,
            catalog: catalog)
        return Files(zips: zips, network: network, catalog: catalog, inventory: inventory)
    }
}

@Suite struct BundledNetworkTests {
    func nodes(_ network: Network, _ kind: NodeKind) -> [Node] { network.nodes.filter { $0.kind == kind } }

    @Test func hasTheNetworkPlannersShape() throws {
        let f = try BundledFiles.files.get()
        let n = f.network
        #expect(n.regions.count == 10)
        #expect(nodes(n, .fulfillmentCenter).count == 100)
        #expect(nodes(n, .sameDaySite).count == 60)
        #expect(nodes(n, .nowSite).count == 40)
        #expect((200...1000).contains(nodes(n, .deliveryStation).count))
        #expect(n.jsonBytes().count < 3_000_000)
        for fc in nodes(n, .fulfillmentCenter) {
            #expect((120...240).contains(fc.processingMinutes))
            #expect(fc.closedDates == [LocalDate(year: 2026, month: 12, dayOfMonth: 25)])
        }
        #expect(nodes(n, .fulfillmentCenter).filter { $0.temperatures.contains(.chilled) }.count == 50)
        for site in nodes(n, .sameDaySite) {
            #expect((60...90).contains(site.processingMinutes))
            #expect(site.temperatures.members == [.ambient, .chilled, .frozen])
        }
        for site in nodes(n, .nowSite) {
            #expect((0...10).contains(site.processingMinutes))
            #expect((5...10).contains(site.radiusKm ?? 0))
            #expect(site.promiseMinutes == 30)
            #expect(
                site.openHours == OpenHours(open: LocalTime(hour: 7, minute: 0), close: LocalTime(hour: 23, minute: 0)))
            #expect(site.temperatures.members == [.ambient, .chilled, .frozen])
        }
        for station in nodes(n, .deliveryStation) {
            #expect((30...60).contains(station.sortMinutes ?? 0))
            #expect(station.waves.count == 2)
            #expect(!station.zips.isEmpty)
        }
    }

    @Test func regionsArePopulationBalanced() throws {
        let f = try BundledFiles.files.get()
        let summary = NetworkSummary(network: f.network, zips: f.zips)
        for region in summary.regions {
            let share = region.population / summary.population
            #expect((0.085...0.115).contains(share), "\(region.id): \(share)")
            #expect(region.nodes[.fulfillmentCenter] == 10)
        }
        #expect(summary.unknownZips.isEmpty)
        #expect(summary.stationPopulation / summary.population > 0.75)
        #expect(summary.sameDayPopulation / summary.population > 0.7)
    }

    @Test func everyNodeIsOnTheTimeZoneOfItsZIP() throws {
        let f = try BundledFiles.files.get()
        var zoneAt: [Coordinate: Set<String>] = [:]
        for row in 0..<f.zips.count {
            zoneAt[f.zips.coordinate(at: row), default: []].insert(
                f.zips.timeZoneIdentifiers[f.zips.timeZoneIndex(at: row)])
        }
        for node in f.network.nodes {
            #expect(zoneAt[node.coordinate]?.contains(node.timezone) == true, "\(node.id)")
        }
    }

    @Test func everyZIPNearAShippingNodeIsServedByItsNearestStation() throws {
        let f = try BundledFiles.files.get()
        let shipping = f.network.nodes.filter { $0.kind.isShipping }
        let stations = f.network.nodes.filter { $0.kind == .deliveryStation }
        var stationOf: [ZIP: Int] = [:]
        for (s, station) in stations.enumerated() { for zip in station.zips { stationOf[zip] = s } }
        var checked = 0
        for row in 0..<f.zips.count {
            let c = f.zips.coordinate(at: row)
            let zip = f.zips.zip(at: row)
            let near = shipping.contains { abs($0.lat - c.lat) < 1 && Geo.distanceKm($0.coordinate, c) <= 100 }
            if near { #expect(stationOf[zip] != nil, "\(zip) is within 100 km of a shipping node") }
            guard let s = stationOf[zip] else { continue }
            let served = Geo.distanceKm(stations[s].coordinate, c)
            let latLimit = served / 111 + 0.01
            let nearer = stations.first {
                abs($0.lat - c.lat) <= latLimit && Geo.distanceKm($0.coordinate, c) < served - 1e-9
            }
            #expect(nearer == nil, "\(zip) is served by \(stations[s].id) but \(nearer?.id.rawValue ?? "") is nearer")
            checked += 1
        }
        #expect(checked > 20_000)
    }

    @Test func lanesFollowTheRules() throws {
        let f = try BundledFiles.files.get()
        var byID: [NodeID: Node] = [:]
        for node in f.network.nodes { byID[node.id] = node }
        var fcLanesInto: [NodeID: Int] = [:]
        var coldInto = Set<NodeID>()
        let laneSet = Set(f.network.lanes.map { "\($0.from.rawValue)>\($0.to.rawValue)" })
        for fc in nodes(f.network, .fulfillmentCenter) {
            for station in nodes(f.network, .deliveryStation) where station.region == fc.region {
                #expect(laneSet.contains("\(fc.id.rawValue)>\(station.id.rawValue)"), "\(fc.id) → \(station.id)")
            }
        }
        for lane in f.network.lanes {
            let from = try #require(byID[lane.from])
            let to = try #require(byID[lane.to])
            let km = Geo.distanceKm(from.coordinate, to.coordinate)
            let expected = Int((km * 1.2 / 70 * 60).rounded(.up)) + 30
            #expect(lane.transitMinutes == expected)
            switch from.kind {
            case .fulfillmentCenter:
                fcLanesInto[lane.to, default: 0] += 1
                #expect(lane.departures.count == 4)
            case .sameDaySite: #expect(km <= 60)
            case .nowSite: #expect(lane.departures.count == 3)
            case .deliveryStation: Issue.record("lane from a station")
            }
            if from.temperatures.contains(.chilled) { coldInto.insert(lane.to) }
        }
        for station in nodes(f.network, .deliveryStation) {
            #expect((fcLanesInto[station.id] ?? 0) >= 2, "\(station.id) has fewer than two fulfillment lanes")
            #expect(station.temperatures.contains(.chilled) == coldInto.contains(station.id))
            #expect(station.temperatures.contains(.frozen) == coldInto.contains(station.id))
        }
        for now in nodes(f.network, .nowSite) {
            #expect(f.network.lanes.filter { $0.from == now.id }.count == 1)
        }
    }

    @Test func theCarrierReachesEveryZIP() throws {
        let f = try BundledFiles.files.get()
        let carrier = try #require(f.network.carrier)
        #expect(carrier.pickup == LocalTime(hour: 18, minute: 0))
        #expect(carrier.deliversBy == LocalTime(hour: 20, minute: 0))
        let fcs = nodes(f.network, .fulfillmentCenter)
        let reach = try #require(carrier.transitDays.last).maxKm
        for row in 0..<f.zips.count {
            let c = f.zips.coordinate(at: row)
            let nearest = fcs.map { Geo.distanceKm($0.coordinate, c) }.min() ?? .infinity
            #expect(nearest <= reach, "\(f.zips.zip(at: row))")
        }
    }

    @Test func demoStockRespectsTheAssortments() throws {
        let f = try BundledFiles.files.get()
        #expect(f.catalog.items.count == 3000)
        let temperatures = Set(f.catalog.items.map(\.temperature))
        #expect(temperatures == [.ambient, .chilled, .frozen])
        #expect(f.catalog.items.contains { $0.sku.rawValue.hasPrefix("OV-") && $0.lengthMm >= 1000 })
        var kinds: [NodeID: NodeKind] = [:]
        for node in f.network.nodes { kinds[node.id] = node.kind }
        var skusAt: [NodeID: Set<SKU>] = [:]
        var nodesOf: [SKU: Int] = [:]
        for entry in f.inventory.entries {
            skusAt[entry.node, default: []].insert(entry.sku)
            nodesOf[entry.sku, default: 0] += 1
        }
        var nowAssortment = Set<SKU>()
        for (node, skus) in skusAt where kinds[node] == .nowSite {
            #expect((100...DemoCatalog.nowAssortmentSize).contains(skus.count))
            nowAssortment.formUnion(skus)
        }
        #expect(nowAssortment.count <= DemoCatalog.nowAssortmentSize)
        #expect(!nowAssortment.contains { $0.rawValue.hasPrefix("OV-") })
        // Every SKU is in stock at some fulfillment center of every region.
        var regionOf: [NodeID: RegionID] = [:]
        for node in f.network.nodes { regionOf[node.id] = node.region }
        var regionsOf: [SKU: Set<RegionID>] = [:]
        for entry in f.inventory.entries where kinds[entry.node] == .fulfillmentCenter && entry.available > 0 {
            if let region = regionOf[entry.node] { regionsOf[entry.sku, default: []].insert(region) }
        }
        for item in f.catalog.items {
            #expect(regionsOf[item.sku]?.count == f.network.regions.count, "\(item.sku.rawValue)")
        }
        let multiNode = f.catalog.items.filter { (nodesOf[$0.sku] ?? 0) >= 3 }.count
        #expect(Double(multiNode) / Double(f.catalog.items.count) > 0.9)
    }

    @Test func seattleHasSameDayStockForAnEverydaySKU() throws {
        let f = try BundledFiles.files.get()
        let station = try #require(f.network.nodes.first { $0.zips.contains("98109") })
        let feeders = Set(f.network.lanes.filter { $0.to == station.id }.map(\.from))
        let sameDayFeeders = feeders.filter { id in f.network.node(id)?.kind == .sameDaySite }
        #expect(!sameDayFeeders.isEmpty)
        let stocked = f.inventory.entries.contains { sameDayFeeders.contains($0.node) && $0.available > 0 }
        #expect(stocked)
    }
}
