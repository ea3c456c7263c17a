--[[
  Raises one field of a hash to a value, never lowers it, and refreshes the hash's expiry. A
  process writes its running total for the day (not an increment): a write repeated by a retry, or
  landing late after its timeout (Redis stalled, then resumed), counts nothing twice.

  KEYS[1]  the hash: a day's operation counters (`<prefix>:ops:<day>`)
  ARGV[1]  the field: one process's counter (`http_5xx:<process id>`)
  ARGV[2]  the process's total for the day so far
  ARGV[3]  the hash's time to live, in seconds

  Returns the field's value afterwards.
]]
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
local total = tonumber(ARGV[2])
if total > current then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  current = total
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return current
