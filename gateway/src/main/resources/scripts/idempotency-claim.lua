-- Claims an idempotency key for one request, or answers what the key already holds.
-- KEYS[1] = the key; ARGV[1] = this request's claim token, ARGV[2] = claim lifetime (ms).
-- Returns nil when the claim was taken, else the stored value (a claim or a response).
local value = redis.call('GET', KEYS[1])
if value then
  return value
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return nil
