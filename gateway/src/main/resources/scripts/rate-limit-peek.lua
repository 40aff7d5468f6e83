-- Reads, without consuming, the state of a request's buckets (for GET /v1/usage).
-- KEYS: as for rate-limit.lua. ARGV[1] = now (ms), ARGV[2] = today's day number, then for each
-- scope: rate per minute, burst.
-- Returns, for each scope: tokens left (thousandths) and requests counted today.
local now = tonumber(ARGV[1])
local day = ARGV[2]
local out = {}
for i = 1, #KEYS do
  local rate = tonumber(ARGV[1 + i * 2])
  local burst = tonumber(ARGV[2 + i * 2])
  local state = redis.call('HMGET', KEYS[i], 't', 'ts', 'd', 'n')
  local t = tonumber(state[1]) or burst
  local ts = tonumber(state[2]) or now
  t = math.min(burst, t + math.max(0, now - ts) * rate / 60000)
  out[2 * i - 1] = math.floor(t * 1000)
  local used = 0
  if state[3] == day then
    used = tonumber(state[4]) or 0
  end
  out[2 * i] = used
end
return out
