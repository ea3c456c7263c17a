--[[
  Appends one event to a conversation's event stream and announces it on the shared channel, in
  one step (a subscriber that sees the announcement can always read the entry back).

  KEYS[1]  EVENTS: the conversation's stream (XADD; ids are the events' SSE ids)
  ARGV[1]  channel announcing every conversation event (PUBLISH)
  ARGV[2]  conversation id
  ARGV[3]  the event, JSON
  ARGV[4]  approximate most entries kept in EVENTS (MAXLEN ~)
  ARGV[5]  seconds EVENTS lives after its last event (EXPIRE)
  ARGV[6]  the event's attempt id ('' for none): every attempt of one event carries the same one; an
           entry of the last 64 with it means an earlier attempt landed (its reply lost, or a
           timed-out command the cluster client sent after a failover), and nothing is appended
           or announced again

  Returns the entry id ("<ms>-<seq>"): the new entry's, or the earlier attempt's.
]]
local attempt = ARGV[6] or ''
local id
if attempt == '' then
  id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*', 'event', ARGV[3])
else
  for _, entry in ipairs(redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 64)) do
    local fields = entry[2]
    for index = 1, #fields - 1, 2 do
      if fields[index] == 'attempt' and fields[index + 1] == attempt then return entry[1] end
    end
  end
  id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*', 'event', ARGV[3], 'attempt', attempt)
end
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('PUBLISH', ARGV[1], '{"id":"' .. id .. '","conversation_id":' .. cjson.encode(ARGV[2]) .. ',"event":' .. ARGV[3] .. '}')
return id
