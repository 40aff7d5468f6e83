-- Settles a claim, only if it is still this request's: stores the response (ARGV[2], kept
-- ARGV[3] ms) or, with no response, releases the key so that a retry runs again.
-- KEYS[1] = the key; ARGV[1] = the claim token.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if ARGV[2] and #ARGV[2] > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
else
  redis.call('DEL', KEYS[1])
end
return 1
