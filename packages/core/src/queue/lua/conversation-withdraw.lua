--[[
  Submit side, error path: the BullMQ job of an admitted message could not be created. Takes the
  message back out of ORDER, gives its rate-limit slot back and frees its Idempotency-Key, so the
  visitor's retry is neither blocked, nor counted twice, nor refused as a duplicate.

  KEYS[1]  ORDER: list of unfinished job ids of the conversation (index 0 = head)
  KEYS[2]  RATE: the conversation's sliding-window log (member = job id of an admitted message)
  KEYS[3]  IDEMPOTENCY (optional): the key's record, JSON {"h", "j", "s"}
  ARGV[1]  job id

  Returns { removed (1|0), head }: whether it was still in ORDER, and the head afterwards (bare job
  id, "" when none), to promote when the withdrawn job was the head.
]]
local job_id = ARGV[1]
local removed = redis.call('LREM', KEYS[1], 1, job_id)
redis.call('ZREM', KEYS[2], job_id)
if KEYS[3] then
  local stored = redis.call('GET', KEYS[3])
  if stored and cjson.decode(stored)['j'] == job_id then redis.call('DEL', KEYS[3]) end
end
local head = redis.call('LINDEX', KEYS[1], 0)
if head then
  local bar = string.find(head, '|', 1, true)
  if bar then head = string.sub(head, 1, bar - 1) end
else
  head = ''
end
return { removed, head }
