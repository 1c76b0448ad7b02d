-- pgbench script: one durable one-row INSERT transaction (the raw ceiling beside sameday bench-orders).
INSERT INTO raw_tx (client, n) VALUES (:client_id, 1);
