-- wrk script: every request carries a DIFFERENT CSR, never one twice within a run (a repeated CSR
-- is an idempotent cache hit at secretless, not a provisioning). Lines of FILE are split between
-- the wrk threads (thread t takes lines START+t, START+t+THREADS, ...), read lazily.
-- Args (after `--`): FILE MODE PATH CONNECTION THREADS START COUNT OUT_JSON
--   MODE header: POST PATH with header device-csr = line (secretless /new)
--   MODE body:   POST PATH with the line as JSON body (cfssl /api/v1/cfssl/sign)
--   CONNECTION keep | close (close: "Connection: close", one new TLS connection per request)
-- When a thread runs out of lines it sends GET /bench-csrs-exhausted (counted; run.sh fails the run).
local threads = {}
local counter = 0

function setup(thread)
  thread:set("thread_index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local file, mode, path, stride, remaining, headers
used = 0
exhausted = 0

function init(args)
  local name = args[1]
  mode = args[2]
  path = args[3]
  local connection = args[4]
  stride = tonumber(args[5])
  local start = tonumber(args[6])
  local count = tonumber(args[7])
  file = assert(io.open(name, "r"))
  -- Lines of this thread among START .. START+COUNT-1.
  remaining = math.max(0, math.floor((count - thread_index + stride - 1) / stride))
  for _ = 1, start + thread_index do
    if not file:read("*l") then remaining = 0 break end
  end
  headers = {}
  if connection == "close" then headers["Connection"] = "close" end
  if mode == "body" then headers["Content-Type"] = "application/json" end
end

local function next_line()
  if remaining <= 0 then return nil end
  local line = file:read("*l")
  if not line or line == "" then remaining = 0 return nil end
  for _ = 2, stride do file:read("*l") end
  remaining = remaining - 1
  used = used + 1
  return line
end

function request()
  local line = next_line()
  if not line then
    exhausted = exhausted + 1
    return wrk.format("GET", "/bench-csrs-exhausted", headers, nil)
  end
  if mode == "header" then
    headers["device-csr"] = line
    return wrk.format("POST", path, headers, "")
  end
  return wrk.format("POST", path, headers, line)
end

function done(summary, latency, requests)
  local used_total, exhausted_total = 0, 0
  for _, thread in ipairs(threads) do
    used_total = used_total + (thread:get("used") or 0)
    exhausted_total = exhausted_total + (thread:get("exhausted") or 0)
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local json = string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"status_errors":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,' ..
    '"csrs_used":%d,"csrs_exhausted":%d}',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout, used_total, exhausted_total)
  local f = assert(io.open(os.getenv("WRK_JSON_OUT"), "w"))
  f:write(json, "\n")
  f:close()
end
