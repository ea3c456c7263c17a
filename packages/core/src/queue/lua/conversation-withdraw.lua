--[[
  Submit side, error path: the BullMQ job of an admitted message without an Idempotency-Key could
  not be created. Takes the message back out of ORDER and gives its rate-limit slot back, so the
  visitor's retry is neither blocked nor counted twice. (A message with a key keeps its reservation:
  the retry with the key creates the job under the reserved id, ChatSubmitter.)

  KEYS[1]  ORDER: list of unfinished job ids of the conversation (index 0 = head; entries "<job id>",
           "<job id>|~" when self-starting, "<job id>|<BullMQ token>" while a pickup runs it)
  KEYS[2]  RATE: the conversation's sliding-window log (member = job id of an admitted message)
  KEYS[3]  WITHDRAWN: the marker of this message, set for ARGV[2] ms: the job creation that failed
           may still land (a command that timed out, re-sent by a cluster client after a failover);
           its pickup finds the marker and does not run it (conversation-acquire.lua), since the
           visitor was answered 503 and a retry is a message of its own
  ARGV[1]  job id
  ARGV[2]  how long the marker lives, in ms

  Returns { removed (1|0), head }: whether it was still in ORDER, and ORDER's first entry afterwards
  as stored ("" when none), to promote when the withdrawn job was the head.
]]
local job_id = ARGV[1]
local removed = redis.call('LREM', KEYS[1], 1, job_id)
if removed == 0 then removed = redis.call('LREM', KEYS[1], 1, job_id .. '|~') end
redis.call('ZREM', KEYS[2], job_id)
redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
return { removed, redis.call('LINDEX', KEYS[1], 0) or '' }
