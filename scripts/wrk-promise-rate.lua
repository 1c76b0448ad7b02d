-- wrk script: POST /v1/promise like wrk-promise.lua, paced to about $RATE requests/s in total (wrk2 is not
-- packaged in Debian). Each of the $CONNECTIONS connections waits CONNECTIONS/RATE s between its requests, so
-- the offered rate is at most RATE (less when an answer takes longer than that pause: closed loop).
--   RATE=3000 CONNECTIONS=16 wrk -t2 -c16 -d10s --latency -s scripts/wrk-promise-rate.lua URL
wrk.method = "POST"
wrk.body = os.getenv("PROMISE_BODY") or '{"zip":"98109","lines":[{"sku":"A1","qty":1}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("SAMEDAY_KEY") or "")

local pause = 1000 * tonumber(os.getenv("CONNECTIONS") or "16") / tonumber(os.getenv("RATE") or "1000")

-- wrk takes whole milliseconds (a pause under 1 ms would be 0: no pacing at all), so each thread carries the
-- fraction over: the pauses it returns average `pause`.
local owed = 0

function delay()
  owed = owed + pause
  local whole = math.floor(owed)
  owed = owed - whole
  return whole
end

function done(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", summary.errors.status))
  io.write(string.format("pause per connection: %.2f ms\n", pause))
  for _, p in pairs({ 50, 90, 99 }) do
    io.write(string.format("p%d: %.3f ms\n", p, latency:percentile(p) / 1000))
  end
end
