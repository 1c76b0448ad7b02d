// Units per container over every shipment the database holds: the system's measured packing figure.

import SameDayCore

extension SQLStore {
    func packingStats() async throws -> PackingStats {
        try await backend.read(
            .query(
                SQL(
                    """
                    SELECT COUNT(DISTINCT shipment_id) AS shipments, COUNT(*) AS containers,
                        CAST(COALESCE(SUM(units), 0) AS BIGINT) AS units,
                        CAST(COALESCE(SUM(CASE WHEN box IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS own_containers
                    FROM shipment_containers
                    """)
            ) { rows in
                .done(try rows.first.map(PackingStats.init(row:)) ?? PackingStats())
            })
    }
}
