// Great-circle distances pinned to values worked out by hand: arcs whose central angle is known in closed form
// (quarter circles, arcs over a pole, across the antimeridian, at high latitude) and short arcs by the spherical
// law of cosines in 64-bit-mantissa precision. `Geo.distanceKm` (the engine's) and the promise reference's own
// haversine must both meet them to 1e-9 relative, so a wrong cos(latitude) factor, a swapped latitude and
// longitude or a wrong radius fails here.

import Foundation
import SameDayCore
import Testing

/// Two points in degrees and the central angle between them in radians, worked out by hand.
struct KnownArc: CustomStringConvertible, Sendable {
    var lat1: Double
    var lon1: Double
    var lat2: Double
    var lon2: Double
    var angle: Double
    var why: String
    var description: String { "(\(lat1), \(lon1)) → (\(lat2), \(lon2)): \(why)" }
}

@Suite struct GeoTests {
    static let radiusKm = 6371.0088

    /// Each arc's angle from spherical geometry, not from a haversine: with cos c = sin φ₁ sin φ₂ + cos φ₁ cos φ₂
    /// cos Δλ where that is well conditioned, or a quarter/sixth of a circle read off the figure.
    static let knownArcs: [KnownArc] = [
        KnownArc(lat1: 0, lon1: 0, lat2: 0, lon2: 90, angle: .pi / 2, why: "a quarter of the equator"),
        KnownArc(
            lat1: 0, lon1: 170, lat2: 0, lon2: -170, angle: .pi / 9,
            why: "20° of the equator across the antimeridian, not 340°"),
        KnownArc(
            lat1: 60, lon1: 0, lat2: 60, lon2: 180, angle: .pi / 3,
            why: "over the pole: 30° + 30° of a meridian, not 180° of longitude"),
        KnownArc(
            lat1: 60, lon1: 10, lat2: 60, lon2: 100, angle: acos(0.75),
            why: "cos c = sin²60° + cos²60° cos 90° = 3/4"),
        KnownArc(
            lat1: 45, lon1: 179, lat2: 45, lon2: -151, angle: acos((2 + 3.0.squareRoot()) / 4),
            why: "30° of longitude across the antimeridian: cos c = 1/2 + 1/2 · cos 30° = (2 + √3)/4"),
        KnownArc(
            lat1: -75, lon1: 120, lat2: -75, lon2: -120, angle: acos((2 + 3 * 3.0.squareRoot()) / 8),
            why: "high southern latitude, 120° across the antimeridian: cos c = sin²75° − cos²75°/2 = (2 + 3√3)/8"),
        KnownArc(
            lat1: 0, lon1: 0, lat2: 45, lon2: 90, angle: .pi / 2,
            why: "cos c = sin 0 sin 45° + cos 0 cos 45° cos 90° = 0"),
        KnownArc(lat1: 10, lon1: 5, lat2: 40, lon2: 5, angle: .pi / 6, why: "30° along a meridian"),
    ]

    @Test(arguments: knownArcs)
    func distancesMeetArcsKnownInClosedForm(_ arc: KnownArc) {
        Self.expectBothDistances(arc.lat1, arc.lon1, arc.lat2, arc.lon2, km: Self.radiusKm * arc.angle, "\(arc)")
    }

    /// Short arcs, where the law of cosines loses digits in double precision: evaluated in `Float80` (64-bit
    /// mantissa), the angle is still good to about 1e-12 relative at these lengths.
    @Test(arguments: [
        (47.6, -122.35, 47.6, -122.25),  // 7.5 km along Seattle's latitude
        (70.0, 179.95, 70.0, -179.95),  // 3.8 km across the antimeridian in the Arctic
        (-33.9, 151.2, -33.9, 151.21),  // 0.9 km in the southern hemisphere
        (25.0, -80.2, 25.0, -80.19),  // 1 km near Miami
        (89.0, 0.0, 89.0, 1.0),  // 1.9 km a degree from the pole: the longitude term is 1/57 of the equator's
        (47.6, -122.3, 45.5, -73.6),  // Seattle to Montreal: latitude and longitude both change
    ])
    func shortArcsMeetTheLawOfCosinesInExtendedPrecision(lat1: Double, lon1: Double, lat2: Double, lon2: Double) {
        let km = Double(Float80(Self.radiusKm) * Self.lawOfCosinesAngle(lat1, lon1, lat2, lon2))
        Self.expectBothDistances(lat1, lon1, lat2, lon2, km: km, "(\(lat1), \(lon1)) → (\(lat2), \(lon2))")
    }

    @Test func theSpecsRadiusIsTheOneUsed() {
        #expect(Geo.earthRadiusKm == 6371.0088)
        #expect(ReferencePromise.earthRadiusKm == 6371.0088)
    }

    @Test func aPointIsNoDistanceFromItself() {
        #expect(Geo.distanceKm(lat1: 47.6, lon1: -122.3, lat2: 47.6, lon2: -122.3) == 0)
        #expect(ReferencePromise.haversineKm(lat1: 47.6, lon1: -122.3, lat2: 47.6, lon2: -122.3) == 0)
    }

    /// At the antipode the haversine is ill-conditioned (an error ε in hav(c) is √ε in c), so the bound is looser;
    /// what matters is half a circumference and no NaN from rounding past 1.
    @Test func antipodesAreHalfACircumference() {
        let half = Self.radiusKm * Double.pi
        for km in [
            Geo.distanceKm(lat1: 30, lon1: -100, lat2: -30, lon2: 80),
            ReferencePromise.haversineKm(lat1: 30, lon1: -100, lat2: -30, lon2: 80),
        ] {
            #expect(abs(km - half) <= 1e-6 * half, "\(km) km")
        }
    }

    /// cos c = sin φ₁ sin φ₂ + cos φ₁ cos φ₂ cos Δλ, in extended precision; c in radians.
    static func lawOfCosinesAngle(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Float80 {
        let toRadians = Float80.pi / 180
        let phi1 = Float80(lat1) * toRadians
        let phi2 = Float80(lat2) * toRadians
        let dLambda = (Float80(lon2) - Float80(lon1)) * toRadians
        let cosC = sin(phi1) * sin(phi2) + cos(phi1) * cos(phi2) * cos(dLambda)
        return acos(min(1, max(-1, cosC)))
    }

    /// Both implementations, both directions, within 1e-9 of `km` (relative).
    static func expectBothDistances(
        _ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double, km: Double, _ what: String
    ) {
        let engine = Geo.distanceKm(lat1: lat1, lon1: lon1, lat2: lat2, lon2: lon2)
        let engineBack = Geo.distanceKm(Coordinate(lat: lat2, lon: lon2), Coordinate(lat: lat1, lon: lon1))
        let reference = ReferencePromise.haversineKm(lat1: lat1, lon1: lon1, lat2: lat2, lon2: lon2)
        let referenceBack = ReferencePromise.haversineKm(lat1: lat2, lon1: lon2, lat2: lat1, lon2: lon1)
        for (name, got) in [
            ("Geo.distanceKm", engine), ("Geo.distanceKm reversed", engineBack), ("reference", reference),
            ("reference reversed", referenceBack),
        ] {
            #expect(abs(got - km) <= 1e-9 * km, "\(name) \(what): \(got) km, expected \(km) km")
        }
    }
}
