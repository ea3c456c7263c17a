--[[
  Sliding-window rate limit (sorted-set log) of one conversation, on the Redis clock.

  KEYS[1]  sorted set: one member per accepted message, score = acceptance time in ms (fractional)
  ARGV[1]  limit: messages allowed per window (integer >= 1)
  ARGV[2]  window length in milliseconds
  ARGV[3]  mode: "consume" (count one message when allowed) or "peek" (read only, never writes)
  ARGV[4]  nonce: makes the member unique when two messages share a microsecond

  Optional admission (consume only), in the same atomic step as the count: the accepted message
  joins its conversation's ORDER. Same hash tag {c:<id>} as KEYS[1], so still one cluster slot.
  KEYS[2]  ORDER: list of the conversation's unfinished job ids, oldest first (index 0 = head)
  KEYS[3]  SEQUENCE: the conversation's arrival counter
  ARGV[5]  job id of the message
  ARGV[6]  TTL of ORDER and SEQUENCE in ms (refreshed on every admission)

  Returns { allowed (1|0), count (messages in the window after this call), now_ms,
            oldest_ms (score of the oldest counted entry, or -1),
            freeing_ms (score of the entry whose expiry lets the next message in, or -1),
            position (jobs ahead of the admitted one, 0 = head; -1 when nothing was admitted),
            sequence (its arrival number in the conversation; 0 when nothing was admitted) }
  Scores and times are returned as strings (Lua numbers would be truncated to integers).
]]
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local mode = ARGV[3]

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local floor = now - window

local count
if mode == 'consume' then
  redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%.3f', floor))
  count = redis.call('ZCARD', key)
else
  count = redis.call('ZCOUNT', key, '(' .. string.format('%.3f', floor), '+inf')
end

local allowed = 0
if count < limit then
  allowed = 1
  if mode == 'consume' then
    redis.call('ZADD', key, string.format('%.3f', now), string.format('%.3f', now) .. '-' .. ARGV[4])
    redis.call('PEXPIRE', key, math.ceil(window) + 1000)
    count = count + 1
  end
end

local function score_at(index)
  local entry = redis.call('ZRANGEBYSCORE', key, '(' .. string.format('%.3f', floor), '+inf', 'WITHSCORES', 'LIMIT', index, 1)
  if entry[2] then return entry[2] end
  return '-1'
end

local oldest = '-1'
local freeing = '-1'
if count > 0 then
  oldest = score_at(0)
  if count >= limit then
    -- The next message gets in when the window holds limit - 1 entries: when entry (count - limit) leaves.
    freeing = score_at(count - limit)
  end
end

local position = -1
local sequence = 0
if allowed == 1 and mode == 'consume' and KEYS[2] then
  position = redis.call('RPUSH', KEYS[2], ARGV[5]) - 1
  sequence = redis.call('INCR', KEYS[3])
  redis.call('PEXPIRE', KEYS[2], ARGV[6])
  redis.call('PEXPIRE', KEYS[3], ARGV[6])
end

return { allowed, count, string.format('%.3f', now), oldest, freeing, position, sequence }
