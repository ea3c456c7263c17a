--[[
Reserves the worst-case cost of one provider call against the daily cap, atomically.

KEYS[1]  the day's spend hash (RedisKeys.dailySpend(day)). Fields:
           spent                 nano-USD settled today (integer)
           spent:<provider>      nano-USD settled today for that provider
           calls:<provider>      settled calls today for that provider
           res:<reservation id>  "<nano-USD>:<expires at, epoch ms>" one live reservation
ARGV[1]  reservation id (unique)
ARGV[2]  amount to reserve, nano-USD (integer >= 0)
ARGV[3]  daily cap, nano-USD (integer)
ARGV[4]  reservation time to live, ms (a crashed worker's reservation stops counting after it)
ARGV[5]  time to live of the whole hash, seconds

Expired reservations are deleted first (Redis clock). The reservation is granted when
spent + live reservations + amount <= cap.

Returns { granted (1|0), spent nano-USD, reserved nano-USD after this call }.
]]
local key = KEYS[1]
local amount = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local fields = redis.call('HGETALL', key)
local reserved = 0
local spent = 0
for index = 1, #fields, 2 do
  local field = fields[index]
  local value = fields[index + 1]
  if field == 'spent' then
    spent = tonumber(value) or 0
  elseif string.sub(field, 1, 4) == 'res:' then
    local separator = string.find(value, ':', 1, true)
    local reservedAmount = tonumber(string.sub(value, 1, separator - 1)) or 0
    local expiresAt = tonumber(string.sub(value, separator + 1)) or 0
    if expiresAt <= now then
      redis.call('HDEL', key, field)
    else
      reserved = reserved + reservedAmount
    end
  end
end

if spent + reserved + amount > cap then
  return { 0, spent, reserved }
end

redis.call('HSET', key, 'res:' .. ARGV[1], string.format('%d:%d', amount, now + ttl))
redis.call('EXPIRE', key, tonumber(ARGV[5]))
return { 1, spent, reserved + amount }
