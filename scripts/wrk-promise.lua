-- wrk script: POST /v1/promise with the key in $SAMEDAY_KEY and the body in $PROMISE_BODY (or a default).
wrk.method = "POST"
wrk.body = os.getenv("PROMISE_BODY") or '{"zip":"98109","lines":[{"sku":"A1","qty":1}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("SAMEDAY_KEY") or "")

-- Non-2xx answers are counted by wrk itself (summary.errors.status) and printed by done(), so a broken run is
-- not mistaken for a fast one. No response() callback: it would make wrk parse every answer in Lua and charge
-- the promise route with work /health's run does not do.
function done(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", summary.errors.status))
  for _, p in pairs({ 50, 90, 99 }) do
    io.write(string.format("p%d: %.3f ms\n", p, latency:percentile(p) / 1000))
  end
end
