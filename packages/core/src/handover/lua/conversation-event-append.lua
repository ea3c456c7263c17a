--[[
  Appends one event to a conversation's event stream and announces it on the shared channel, in
  one step (a subscriber that sees the announcement can always read the entry back).

  KEYS[1]  EVENTS: the conversation's stream (XADD; ids are the events' SSE ids)
  ARGV[1]  channel announcing every conversation event (PUBLISH)
  ARGV[2]  conversation id
  ARGV[3]  the event, JSON
  ARGV[4]  approximate most entries kept in EVENTS (MAXLEN ~)
  ARGV[5]  seconds EVENTS lives after its last event (EXPIRE)

  Returns the entry id ("<ms>-<seq>").
]]
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*', 'event', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('PUBLISH', ARGV[1], '{"id":"' .. id .. '","conversation_id":' .. cjson.encode(ARGV[2]) .. ',"event":' .. ARGV[3] .. '}')
return id
