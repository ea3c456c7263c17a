--[[
  Sliding-window limit (sorted-set log) of ONE client window, on the Redis clock: a client address,
  a user_id, or the new conversations of an address. One key per call (each key carries its own
  hash tag, so in Redis Cluster every call stays within one slot); a request checks its windows
  with concurrent calls, and gives back what it took with ZREM <key> <member> when another window
  refused it.

  KEYS[1]  sorted set: one member per counted request, score = time in ms (fractional)
  ARGV[1]  limit: requests allowed per window (integer >= 1)
  ARGV[2]  window length in milliseconds
  ARGV[3]  mode: "consume" (count this request when allowed) or "peek" (read only, never writes)
  ARGV[4]  member: unique id of this request's entry (what a give-back removes)

  Returns { allowed (1|0), count (entries in the window after this call), now_ms,
            freeing_ms (score of the entry whose expiry lets the next request in, or -1) }
  Times are returned as strings (Lua numbers would be truncated to integers).
]]
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local mode = ARGV[3]

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local floor = string.format('%.3f', now - window)

local count
if mode == 'consume' then
  redis.call('ZREMRANGEBYSCORE', key, '-inf', floor)
  count = redis.call('ZCARD', key)
else
  count = redis.call('ZCOUNT', key, '(' .. floor, '+inf')
end

local allowed = 0
if count < limit then
  allowed = 1
  if mode == 'consume' then
    redis.call('ZADD', key, string.format('%.3f', now), ARGV[4])
    redis.call('PEXPIRE', key, math.ceil(window) + 1000)
    count = count + 1
  end
end

local freeing = '-1'
if count >= limit then
  -- The next request gets in when the window holds limit - 1 entries: when entry (count - limit) leaves.
  local entry = redis.call('ZRANGEBYSCORE', key, '(' .. floor, '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
  if entry[2] then freeing = entry[2] end
end

return { allowed, count, string.format('%.3f', now), freeing }
