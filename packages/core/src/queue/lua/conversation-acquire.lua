--[[
  A worker picked up a job: may it run now?

  KEYS[1]  ORDER: list of unfinished job ids of the conversation, oldest first (index 0 = head)
  KEYS[2]  FINISHED: sorted set of job ids whose processing ended (score = end time in ms)
  KEYS[3]  SEQUENCE: the conversation's arrival counter
  KEYS[4]  LEASE: "<job id>|<BullMQ token>" of the pickup running the head
  ARGV[1]  job id
  ARGV[2]  BullMQ token of this pickup
  ARGV[3]  TTL of ORDER, SEQUENCE and LEASE in ms

  A job missing from ORDER and from FINISHED is appended first (its submitter died between
  creating the BullMQ job and appending it: the job's backstop delay brought it here).

  Returns { "finished", -1, "" }        the job's processing already ended (re-run after a crash): do no new work
          { "head", 0, job id }         it is the head: run it (LEASE now names this pickup)
          { "wait", position, head id } another job is ahead: wait
]]
local job_id = ARGV[1]
if redis.call('ZSCORE', KEYS[2], job_id) then
  return { 'finished', -1, '' }
end
local position = redis.call('LPOS', KEYS[1], job_id)
if not position then
  position = redis.call('RPUSH', KEYS[1], job_id) - 1
  redis.call('INCR', KEYS[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('PEXPIRE', KEYS[3], ARGV[3])
end
if position == 0 then
  redis.call('SET', KEYS[4], job_id .. '|' .. ARGV[2], 'PX', ARGV[3])
  return { 'head', 0, job_id }
end
return { 'wait', position, redis.call('LINDEX', KEYS[1], 0) }
