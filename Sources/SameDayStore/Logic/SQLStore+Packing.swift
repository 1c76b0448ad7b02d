// Units per container over every shipment the database holds: the system's measured packing figure.

import SameDayCore

extension SQLStore {
    func packingStats() async throws -> PackingStats {
        try await backend.read(
            .query(
                SQL(
                    """
                    SELECT COUNT(DISTINCT shipment_id), COUNT(*), CAST(COALESCE(SUM(units), 0) AS BIGINT),
                        CAST(COALESCE(SUM(CASE WHEN box IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT)
                    FROM shipment_containers
                    """)
            ) { rows in
                guard let row = rows.first else { return .done(PackingStats()) }
                return .done(
                    PackingStats(
                        shipments: try row.int(0), containers: try row.int(1), units: try row.int(2),
                        ownContainers: try row.int(3)))
            })
    }
}
