--[[
  Reserves an Idempotency-Key for a request, or returns who holds it.

  KEYS[1]  the key's record (a string holding JSON {"h": body hash, "j": job id, "s": "pending"|"committed"})
  ARGV[1]  JSON record to store when the key is free (state "pending")
  ARGV[2]  TTL of a pending reservation, in milliseconds (short: a crashed submitter frees the key soon)

  Returns { "reserved" } when the key was free (ARGV[1] stored),
          { "exists", <stored JSON> } otherwise (nothing written).
]]
local stored = redis.call('GET', KEYS[1])
if stored then
  return { 'exists', stored }
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return { 'reserved' }
