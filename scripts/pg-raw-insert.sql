-- pgbench script: one durable one-row INSERT transaction (libpq's raw rate, beside Benchmarks/OrdersBenchmarks).
INSERT INTO raw_tx (client, n) VALUES (:client_id, 1);
