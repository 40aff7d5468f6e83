-- Checks and consumes every bucket of a request in one atomic step (one round trip).
-- KEYS: one hash per limited scope: minute tokens t at time ts, and the count n of UTC day d.
-- ARGV[1] = now (ms), ARGV[2] = milliseconds until the next UTC midnight, ARGV[3] = today's day
-- number, then for each scope: rate per minute, burst capacity, limit per day.
-- Returns, for the tightest scope: allowed (1/0), limit, remaining, reset (ms from now), retry-after (ms).
-- Two Redis calls per scope on most requests (the script's cost is mostly its calls): the expiry
-- is set only by a bucket's first request of a UTC day.
local now = tonumber(ARGV[1])
local to_midnight = tonumber(ARGV[2])
local day = ARGV[3]
-- Tokens are fractions; a refill that adds up to a whole token must count as one.
local EPSILON = 1e-9
local scopes = #KEYS
local tokens, counts, new_day = {}, {}, {}
local allowed = 1
local best_limit, best_remaining, best_reset, retry = -1, math.huge, 0, 0

for i = 1, scopes do
  local rate = tonumber(ARGV[1 + i * 3])
  local burst = tonumber(ARGV[2 + i * 3])
  local per_day = tonumber(ARGV[3 + i * 3])
  local state = redis.call('HMGET', KEYS[i], 't', 'ts', 'd', 'n')
  local t = tonumber(state[1]) or burst
  local ts = tonumber(state[2]) or now
  t = math.min(burst, t + math.max(0, now - ts) * rate / 60000)
  tokens[i] = t
  local used = 0
  if state[3] == day then
    used = tonumber(state[4]) or 0
  else
    new_day[i] = true
  end
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
  local rate = tonumber(ARGV[1 + i * 3])
  local burst = tonumber(ARGV[2 + i * 3])
  local t = tokens[i]
  local used = counts[i]
  if allowed == 1 then
    t = t - 1
    used = used + 1
  end
  redis.call('HSET', KEYS[i], 't', string.format('%.17g', t), 'ts', ARGV[1], 'd', day, 'n', used)
  if new_day[i] then
    -- Kept past the end of the day for as long as the bucket takes to fill again. A bucket used
    -- the next day gets a new expiry then; one that expires had no request since midnight for a
    -- whole refill, so it was full and its day over: the same as no bucket at all.
    redis.call('PEXPIRE', KEYS[i], to_midnight + math.max(math.ceil(burst / (rate / 60000)), 60000) + 1000)
  end
end

if allowed == 1 then
  best_remaining = best_remaining - 1
end
return { allowed, best_limit, math.max(0, best_remaining), best_reset, retry }
