--[[
  Submit side, error path: the BullMQ job of an admitted message could not be created. Takes the
  message back out of ORDER, gives its rate-limit slot back and frees its Idempotency-Key, so the
  visitor's retry is neither blocked, nor counted twice, nor refused as a duplicate.

  KEYS[1]  ORDER: list of unfinished job ids of the conversation (index 0 = head; entries "<job id>",
           "<job id>|~" when self-starting, "<job id>|<BullMQ token>" while a pickup runs it)
  KEYS[2]  RATE: the conversation's sliding-window log (member = job id of an admitted message)
  KEYS[3]  IDEMPOTENCY (optional): the key's record, JSON {"h", "j", "s"}
  ARGV[1]  job id

  Returns { removed (1|0), head }: whether it was still in ORDER, and ORDER's first entry afterwards
  as stored ("" when none), to promote when the withdrawn job was the head.
]]
local job_id = ARGV[1]
local removed = redis.call('LREM', KEYS[1], 1, job_id)
if removed == 0 then removed = redis.call('LREM', KEYS[1], 1, job_id .. '|~') end
redis.call('ZREM', KEYS[2], job_id)
if KEYS[3] then
  local stored = redis.call('GET', KEYS[3])
  if stored and cjson.decode(stored)['j'] == job_id then redis.call('DEL', KEYS[3]) end
end
return { removed, redis.call('LINDEX', KEYS[1], 0) or '' }
