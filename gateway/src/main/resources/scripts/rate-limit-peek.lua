-- Reads, without consuming, the state of a request's buckets (for GET /v1/usage).
-- KEYS: as for rate-limit.lua. ARGV[1] = now (ms), then for each scope: rate per minute, burst.
-- Returns, for each scope: tokens left (thousandths) and requests counted today.
local now = tonumber(ARGV[1])
local out = {}
for i = 1, #KEYS / 2 do
  local rate = tonumber(ARGV[2 + (i - 1) * 2])
  local burst = tonumber(ARGV[3 + (i - 1) * 2])
  local bucket = redis.call('HMGET', KEYS[2 * i - 1], 't', 'ts')
  local t = tonumber(bucket[1]) or burst
  local ts = tonumber(bucket[2]) or now
  t = math.min(burst, t + math.max(0, now - ts) * rate / 60000)
  out[2 * i - 1] = math.floor(t * 1000)
  out[2 * i] = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
end
return out
