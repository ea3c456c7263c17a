--[[
Settles one reservation made by reserve-daily-budget.lua: drops it and adds the actual cost.

KEYS[1]  the day's spend hash (see reserve-daily-budget.lua for its fields)
ARGV[1]  reservation id
ARGV[2]  actual cost, nano-USD (integer >= 0)
ARGV[3]  provider name (per-provider counters)
ARGV[4]  time to live of the whole hash, seconds

Settling twice the same reservation adds the cost twice: callers settle once.
Returns the day's settled spend in nano-USD after this call.
]]
local key = KEYS[1]
local actual = tonumber(ARGV[2])
redis.call('HDEL', key, 'res:' .. ARGV[1])
local spent = redis.call('HINCRBY', key, 'spent', actual)
redis.call('HINCRBY', key, 'spent:' .. ARGV[3], actual)
redis.call('HINCRBY', key, 'calls:' .. ARGV[3], 1)
redis.call('EXPIRE', key, tonumber(ARGV[4]))
return spent
