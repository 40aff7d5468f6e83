-- Checks and consumes every bucket of a request in one atomic step (one round trip).
-- KEYS: for each limited scope i, two keys: the minute token bucket, then the day counter.
-- ARGV[1] = now (ms), ARGV[2] = milliseconds until the next UTC midnight,
-- then for each scope: rate per minute, burst capacity, limit per day.
-- Returns, for the tightest scope: allowed (1/0), limit, remaining, reset (ms from now), retry-after (ms).
local now = tonumber(ARGV[1])
local to_midnight = tonumber(ARGV[2])
-- Tokens are fractions; a refill that adds up to a whole token must count as one.
local EPSILON = 1e-9
local scopes = #KEYS / 2
local tokens, counts = {}, {}
local allowed = 1
local best_limit, best_remaining, best_reset, retry = -1, math.huge, 0, 0

for i = 1, scopes do
  local rate = tonumber(ARGV[3 + (i - 1) * 3])
  local burst = tonumber(ARGV[4 + (i - 1) * 3])
  local per_day = tonumber(ARGV[5 + (i - 1) * 3])
  local bucket = redis.call('HMGET', KEYS[2 * i - 1], 't', 'ts')
  local t = tonumber(bucket[1]) or burst
  local ts = tonumber(bucket[2]) or now
  t = math.min(burst, t + math.max(0, now - ts) * rate / 60000)
  tokens[i] = t
  local used = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  counts[i] = used
  local per_ms = rate / 60000
  if t < 1 - EPSILON then
    allowed = 0
    retry = math.max(retry, math.ceil((1 - t) / per_ms))
  end
  if used >= per_day then
    allowed = 0
    retry = math.max(retry, to_midnight)
  end
  -- The tightest scope is the one with the fewest requests left (minute or day).
  local remaining = math.min(math.floor(t + EPSILON), per_day - used)
  if remaining < best_remaining then
    best_remaining = remaining
    if per_day - used < math.floor(t + EPSILON) then
      best_limit, best_reset = per_day, to_midnight
    else
      best_limit, best_reset = rate, math.ceil((burst - t) / per_ms)
    end
  end
end

for i = 1, scopes do
  local rate = tonumber(ARGV[3 + (i - 1) * 3])
  local burst = tonumber(ARGV[4 + (i - 1) * 3])
  local t = tokens[i]
  if allowed == 1 then
    t = t - 1
    redis.call('INCR', KEYS[2 * i])
    redis.call('PEXPIRE', KEYS[2 * i], to_midnight + 60000)
  end
  redis.call('HSET', KEYS[2 * i - 1], 't', string.format('%.17g', t), 'ts', tostring(now))
  redis.call('PEXPIRE', KEYS[2 * i - 1], math.ceil(burst / (rate / 60000)) + 1000)
end

if allowed == 1 then
  best_remaining = best_remaining - 1
end
return { allowed, best_limit, math.max(0, best_remaining), best_reset, retry }
