#!/usr/bin/env python3
"""Generates the OpenAPI 3.1 document of the SameDay HTTP API.

Writes Sources/SameDayServer/OpenAPI/OpenAPIDocument+JSON.swift (the document the
server serves at /openapi.json, embedded as a string so the binary needs no
resource files). Run it after changing a route, a schema or a problem code;
`OpenAPITests` fails when a registered route or a `ProblemCode` is missing here.
"""
import json, os

CODES = [
    ("malformed-json", 400, "The body is not valid JSON (or is empty)."),
    ("invalid-parameter", 400, "A path or query parameter has an invalid value."),
    ("missing-idempotency-key", 400, "POST /v1/orders without an Idempotency-Key header."),
    ("invalid-idempotency-key", 400, "The Idempotency-Key is empty, longer than 200 characters or not printable ASCII."),
    ("unauthorized", 401, "No API key, a malformed Authorization header, or an unknown key."),
    ("forbidden", 403, "The key's role may not use this route."),
    ("not-found", 404, "No such route or resource (also: another customer's order)."),
    ("method-not-allowed", 405, "The route exists but not with this method."),
    ("body-too-large", 413, "The body is larger than 1 MiB."),
    ("unsupported-media-type", 415, "The body is not sent as application/json."),
    ("missing-field", 422, "A required field is absent or null."),
    ("invalid-field", 422, "A field has the wrong type, is empty, too long, or out of range."),
    ("unknown-field", 422, "The body has a member the route does not accept."),
    ("unknown-sku", 422, "A SKU is not in the catalog."),
    ("unknown-zip", 422, "A ZIP is not in the ZIP table."),
    ("unknown-node", 422, "A node is not in the network, or holds no stock."),
    ("repeated-sku", 422, "A SKU appears on more than one line."),
    ("idempotency-key-reused", 422, "The Idempotency-Key was used before with a different request."),
    ("out-of-stock", 409, "Not enough stock to place the order; the body carries the current promise."),
    ("not-deliverable", 422, "Stock exists but no path reaches the ZIP; the body carries the current promise."),
    ("promise-changed", 409, "Stock moved and the order can no longer arrive by the promised time; the body carries the new promise."),
    ("too-late", 409, "The order can no longer be cancelled: a shipment is picking or later."),
    ("would-go-negative", 409, "The adjustment would leave on-hand stock below what is reserved."),
    ("conflict", 409, "The request conflicts with the current state."),
    ("unavailable", 503, "The database could not be reached; retry."),
    ("internal-error", 500, "A server fault. Never expected; report it."),
]

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def problem_resp(desc): return {"description": desc, "content": {"application/problem+json": {"schema": ref("Problem")}}}
def json_resp(desc, schema): return {"description": desc, "content": {"application/json": {"schema": schema}}}
def body(schema): return {"required": True, "content": {"application/json": {"schema": schema}}}
ID = {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"}
INSTANT = {"type": "string", "description": "ISO 8601 with seconds and UTC offset, e.g. 2026-12-24T21:00:00-08:00", "example": "2026-12-24T21:00:00-08:00"}

def errors(*statuses):
    out = {}
    for s in statuses:
        codes = [c for c, st, _ in CODES if st == s]
        out[str(s)] = problem_resp("Problem codes: " + ", ".join(codes) if codes else "Problem")
    return out

AUTHED = [400, 401, 403, 404, 405, 413, 415, 422, 500, 503]
READ = [400, 401, 403, 404, 500, 503]
SEC = [{"bearer": []}]

schemas = {
    "Problem": {
        "type": "object", "required": ["type", "title", "status", "code", "detail"],
        "properties": {
            "type": {"type": "string", "description": "urn:sameday:problem:<code>"},
            "title": {"type": "string"}, "status": {"type": "integer"},
            "code": {"type": "string", "enum": [c for c, _, _ in CODES]},
            "detail": {"type": "string", "description": "What went wrong and what to send instead."},
            "errors": {"type": "array", "description": "Every rejected field (validation problems).",
                       "items": {"type": "object", "properties": {"path": {"type": "string", "example": "lines[2].qty"}, "code": {"type": "string"}, "reason": {"type": "string"}}}},
            "promise": {"allOf": [ref("Promise")], "description": "The current promise (out-of-stock, not-deliverable, promise-changed)."},
        },
    },
    "Line": {"type": "object", "required": ["sku", "qty"], "additionalProperties": False,
             "properties": {"sku": ID, "qty": {"type": "integer", "minimum": 1, "maximum": 10000}}},
    "PromiseRequest": {"type": "object", "required": ["zip", "lines"], "additionalProperties": False,
        "properties": {"zip": {"type": "string", "pattern": "^[0-9]{5}$"},
                       "lines": {"type": "array", "minItems": 1, "maxItems": 100, "items": ref("Line")},
                       "at": {**INSTANT, "description": "Order instant; defaults to now."}}},
    "Promise": {"type": "object", "required": ["available"], "description": "The object `sameday promise --json` prints (spec/promise.md).",
        "properties": {"available": {"type": "boolean"}, "speed": {"type": "string", "enum": ["now", "same-day", "next-day", "standard"]},
                       "deliverBy": INSTANT, "orderBy": INSTANT,
                       "shipments": {"type": "array", "items": {"type": "object", "properties": {"node": ID, "deliverBy": INSTANT, "orderBy": INSTANT, "lines": {"type": "array", "items": ref("Line")}}}},
                       "unavailable": {"type": "array", "items": {"type": "object", "properties": {"sku": ID, "reason": {"type": "string", "enum": ["out-of-stock", "not-deliverable"]}}}}}},
    "OrderRequest": {"type": "object", "required": ["zip", "lines"], "additionalProperties": False,
        "properties": {"zip": {"type": "string", "pattern": "^[0-9]{5}$"},
                       "lines": {"type": "array", "minItems": 1, "maxItems": 100, "items": ref("Line")},
                       "customer": {**ID, "description": "Operator keys only: the customer the order is for. Customer keys order for themselves."}}},
    "Shipment": {"type": "object", "required": ["id", "node", "status", "deliverBy", "modifiableUntil", "lines"],
        "properties": {"id": {"type": "string"}, "node": ID, "status": {"type": "string", "enum": ["placed", "picking", "shipped", "delivered", "cancelled"]},
                       "deliverBy": INSTANT, "modifiableUntil": INSTANT, "lines": {"type": "array", "items": ref("Line")},
                       "containers": {"type": "array", "items": ref("ShipmentContainer"),
                                      "description": "The containers the shipment is packed in (docs/packing.md), packed when the order is placed."}}},
    "ShipmentContainer": {"type": "object", "required": ["box", "units", "weightG"],
        "properties": {"box": {"type": ["string", "null"], "description": "Container id from the box catalog (Data/boxes.json); null for a unit that ships in its own container (none takes it).", "example": "B4"},
                       "units": {"type": "integer", "minimum": 1}, "weightG": {"type": "integer", "minimum": 0, "description": "Empty container plus its units, grams."}}},
    "Order": {"type": "object", "required": ["id", "customer", "zip", "status", "deliverBy", "orderBy", "shipments"],
        "properties": {"id": {"type": "string"}, "customer": ID, "zip": {"type": "string"},
                       "status": {"type": "string", "enum": ["placed", "picking", "shipped", "delivered", "cancelled"]},
                       "deliverBy": INSTANT, "orderBy": INSTANT, "shipments": {"type": "array", "items": ref("Shipment")}}},
    "OrderPage": {"type": "object", "required": ["orders"], "properties": {"orders": {"type": "array", "items": ref("Order")},
        "next": {"type": ["string", "null"], "description": "Pass as `after` to get the next page; null on the last page."}}},
    "StockLevel": {"type": "object", "required": ["node", "onHand", "reserved", "available"],
        "properties": {"node": ID, "sku": ID, "onHand": {"type": "integer"}, "reserved": {"type": "integer"}, "available": {"type": "integer"}}},
    "Receipt": {"type": "object", "required": ["node", "sku", "qty", "reason"], "additionalProperties": False,
        "properties": {"node": ID, "sku": ID, "qty": {"type": "integer", "minimum": 1, "maximum": 1000000}, "reason": {"type": "string", "minLength": 1, "maxLength": 200}}},
    "Adjustment": {"type": "object", "required": ["node", "sku", "delta", "reason"], "additionalProperties": False,
        "properties": {"node": ID, "sku": ID, "delta": {"type": "integer", "minimum": -1000000, "maximum": 1000000, "not": {"const": 0}}, "reason": {"type": "string", "minLength": 1, "maxLength": 200}}},
    "Movement": {"type": "object", "required": ["node", "sku", "onHand", "reserved", "available"],
        "properties": {"id": {"type": "string"}, "node": ID, "sku": ID, "kind": {"type": "string"}, "delta": {"type": "integer"}, "reason": {"type": "string"},
                       "onHand": {"type": "integer"}, "reserved": {"type": "integer"}, "available": {"type": "integer"}}},
    "NetworkSummary": {"type": "object", "properties": {"name": {"type": "string"}, "regions": {"type": "array", "items": {"type": "object"}},
        "nodeCount": {"type": "integer"}, "laneCount": {"type": "integer"}, "nodesByKind": {"type": "object", "additionalProperties": {"type": "integer"}}, "carrier": {"type": ["object", "null"]}}},
    "Node": {"type": "object", "required": ["id", "kind", "region"], "properties": {"id": ID, "kind": {"type": "string", "enum": ["fulfillment-center", "same-day-site", "now-site", "delivery-station"]},
        "region": ID, "lat": {"type": "number"}, "lon": {"type": "number"}, "timezone": {"type": "string"}, "temperatures": {"type": "array", "items": {"type": "string"}},
        "processingMinutes": {"type": "integer"}, "radiusKm": {"type": "number"}, "promiseMinutes": {"type": "integer"}, "sortMinutes": {"type": "integer"},
        "waves": {"type": "array", "items": {"type": "object"}}, "zips": {"type": "array", "items": {"type": "string"}}, "closedDates": {"type": "array", "items": {"type": "string"}}}},
    "CatalogItem": {"type": "object", "required": ["sku", "name"], "properties": {"sku": ID, "name": {"type": "string"}, "lengthMm": {"type": "integer"}, "widthMm": {"type": "integer"},
        "heightMm": {"type": "integer"}, "weightG": {"type": "integer"}, "priceCents": {"type": "integer"}, "temperature": {"type": "string"}, "seller": {"type": ["string", "null"]}}},
}

def p(name, desc, schema=None):
    return {"name": name, "in": "path", "required": True, "description": desc, "schema": schema or ID}

paths = {
    "/health": {"get": {"operationId": "health", "summary": "Liveness", "security": [], "responses": {"200": json_resp("OK", {"type": "object", "properties": {"status": {"const": "ok"}}})}}},
    "/metrics": {"get": {"operationId": "metrics", "summary": "Prometheus text format: orders, promises, conflicts by code, latency per route", "security": [],
                         "responses": {"200": {"description": "Prometheus text", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
    "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document", "security": [], "responses": {"200": json_resp("OpenAPI 3.1", {"type": "object"})}}},
    "/v1/promise": {"post": {"operationId": "promise", "summary": "The delivery promise for lines to a ZIP (any role)", "requestBody": body(ref("PromiseRequest")),
        "responses": {"200": json_resp("The promise (also when unavailable: `available` false)", ref("Promise")), **errors(*AUTHED)}}},
    "/v1/orders": {
        "post": {"operationId": "placeOrder", "summary": "Place an order at the plan the promise gives at commit time (operator, customer)",
                 "parameters": [{"name": "Idempotency-Key", "in": "header", "required": True, "schema": {"type": "string", "minLength": 1, "maxLength": 200}}],
                 "requestBody": body(ref("OrderRequest")),
                 "responses": {"201": json_resp("Placed (or the first answer to this Idempotency-Key)", ref("Order")), **errors(*AUTHED, 409)}},
        "get": {"operationId": "listOrders", "summary": "A customer's own orders, newest first (operator: all, or ?customer=)",
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
                               {"name": "after", "in": "query", "description": "The `next` of the previous page", "schema": {"type": "string", "maxLength": 200}},
                               {"name": "customer", "in": "query", "description": "Operator only", "schema": ID}],
                "responses": {"200": json_resp("A page of orders", ref("OrderPage")), **errors(*READ)}}},
    "/v1/orders/{id}": {"get": {"operationId": "getOrder", "summary": "One order (customers: their own; others are 404)", "parameters": [p("id", "Order id", {"type": "string", "maxLength": 200})],
        "responses": {"200": json_resp("The order", ref("Order")), **errors(*READ)}}},
    "/v1/orders/{id}/cancel": {"post": {"operationId": "cancelOrder", "summary": "Cancel while no shipment is picking; releases stock", "parameters": [p("id", "Order id", {"type": "string", "maxLength": 200})],
        "responses": {"200": json_resp("The cancelled order", ref("Order")), **errors(*READ, 409)}}},
    "/v1/inventory/{sku}": {"get": {"operationId": "getInventory", "summary": "Stock of a SKU per node (operator; seller for its own SKUs)", "parameters": [p("sku", "SKU")],
        "responses": {"200": json_resp("Stock per node", {"type": "array", "items": ref("StockLevel")}), **errors(*READ)}}},
    "/v1/inventory/receipts": {"post": {"operationId": "receiveStock", "summary": "Receive units at a node (operator; seller for its own SKUs)", "requestBody": body(ref("Receipt")),
        "responses": {"201": json_resp("Recorded; the stock after it", ref("Movement")), **errors(*AUTHED)}}},
    "/v1/inventory/adjustments": {"post": {"operationId": "adjustStock", "summary": "Adjust on-hand units (operator; seller for its own SKUs)", "requestBody": body(ref("Adjustment")),
        "responses": {"201": json_resp("Recorded; the stock after it", ref("Movement")), **errors(*AUTHED, 409)}}},
    "/v1/network": {"get": {"operationId": "getNetwork", "summary": "The network: name, regions, counts, carrier (operator)", "responses": {"200": json_resp("Summary", ref("NetworkSummary")), **errors(*READ)}}},
    "/v1/nodes": {"get": {"operationId": "listNodes", "summary": "Every node (operator)", "parameters": [{"name": "kind", "in": "query", "schema": {"type": "string"}}, {"name": "region", "in": "query", "schema": ID}],
        "responses": {"200": json_resp("Nodes", {"type": "array", "items": ref("Node")}), **errors(*READ)}}},
    "/v1/nodes/{id}": {"get": {"operationId": "getNode", "summary": "One node (operator)", "parameters": [p("id", "Node id")], "responses": {"200": json_resp("The node", ref("Node")), **errors(*READ)}}},
    "/v1/nodes/{id}/stock": {"get": {"operationId": "getNodeStock", "summary": "Stock held at a node (operator)", "parameters": [p("id", "Node id")],
        "responses": {"200": json_resp("Stock per SKU", {"type": "array", "items": ref("StockLevel")}), **errors(*READ)}}},
    "/v1/catalog/{sku}": {"get": {"operationId": "getCatalogItem", "summary": "A catalog item (any role)", "parameters": [p("sku", "SKU")],
        "responses": {"200": json_resp("The item", ref("CatalogItem")), **errors(*READ)}}},
}

doc = {
    "openapi": "3.1.0",
    "info": {"title": "SameDay API", "version": "1.0.0",
             "description": "Delivery promises, orders and stock. Errors are application/problem+json with a stable `code`:\n\n"
             + "\n".join(f"- `{c}` ({s}): {d}" for c, s, d in CODES)
             + "\n\nLimits: at most 100 lines per request, qty 1–10,000 per line, strings ≤ 200 characters, ids ≤ 64, bodies ≤ 1 MiB."},
    "servers": [{"url": "http://127.0.0.1:8080"}],
    "security": SEC,
    "paths": paths,
    "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "An API key from `sameday keys create`."}},
                   "schemas": schemas},
    "x-problem-codes": [{"code": c, "status": s, "description": d} for c, s, d in CODES],
}

text = json.dumps(doc, indent=1, ensure_ascii=False)
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
out = os.path.join(root, "Sources/SameDayServer/OpenAPI/OpenAPIDocument+JSON.swift")
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w") as f:
    f.write("// Generated by scripts/openapi.py: edit that script, then run it. Served at /openapi.json.\n\n")
    f.write("extension OpenAPIDocument {\n    /// The OpenAPI 3.1 document, as JSON text.\n    public static let json = #\"\"\"\n")
    # Indented like swift-format leaves a multi-line raw string (the indentation is not part of the text).
    f.write("\n".join("        " + line for line in text.split("\n")))
    f.write("\n        \"\"\"#\n}\n")
print(out)
