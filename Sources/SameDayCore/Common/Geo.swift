// Great-circle distance, as spec/promise.md defines it.

import Foundation

/// A point on Earth in degrees.
public struct Coordinate: Hashable, Sendable, Codable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }
}

public enum Geo {
    /// Mean Earth radius in kilometres, as the spec fixes it.
    public static let earthRadiusKm = 6371.0088

    /// Haversine distance in kilometres between two points given in degrees.
    @inlinable
    public static func distanceKm(_ a: Coordinate, _ b: Coordinate) -> Double {
        distanceKm(lat1: a.lat, lon1: a.lon, lat2: b.lat, lon2: b.lon)
    }

    /// Haversine distance in kilometres between two points given in degrees.
    @inlinable
    public static func distanceKm(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> Double {
        let toRadians = Double.pi / 180
        let phi1 = lat1 * toRadians
        let phi2 = lat2 * toRadians
        let dPhi = (lat2 - lat1) * toRadians
        let dLambda = (lon2 - lon1) * toRadians
        let s1 = sin(dPhi / 2)
        let s2 = sin(dLambda / 2)
        let a = s1 * s1 + cos(phi1) * cos(phi2) * s2 * s2
        return 2 * earthRadiusKm * asin(min(1, a.squareRoot()))
    }
}
