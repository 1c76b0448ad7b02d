// Routes that need no key: liveness, metrics, the OpenAPI document.

import HTTPTypes
import Hummingbird

struct HealthController {
    let metrics: ServerMetrics

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health") { _, _ in
            Render.json(#"{"status":"ok"}"#)
        }
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
        }
        router.get("openapi.json") { _, _ in
            Render.json(OpenAPIDocument.json)
        }
    }
}
