-- wrk script: POST /v1/promise with the key in $SAMEDAY_KEY and the body in $PROMISE_BODY (or a default).
wrk.method = "POST"
wrk.body = os.getenv("PROMISE_BODY") or '{"zip":"98109","lines":[{"sku":"A1","qty":1}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("SAMEDAY_KEY") or "")

-- Count non-200 answers so a broken run is not mistaken for a fast one.
local bad = 0
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", summary.errors.status))
  for _, p in pairs({ 50, 90, 99 }) do
    io.write(string.format("p%d: %.3f ms\n", p, latency:percentile(p) / 1000))
  end
end
