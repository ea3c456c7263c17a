--[[
  Appends a newly submitted job to its conversation's ORDER (arrival order), once.

  KEYS[1]  ORDER: list of the conversation's unfinished job ids, oldest first (index 0 = the head, the one allowed to run)
  KEYS[2]  FINISHED: sorted set of job ids whose processing ended (score = end time in ms)
  KEYS[3]  SEQUENCE: the conversation's arrival counter
  ARGV[1]  job id
  ARGV[2]  TTL of ORDER and SEQUENCE in ms (refreshed on every append: idle conversations vanish)

  Returns { position, sequence }: position = jobs ahead of it (0: it is the head and may run now);
          sequence = its arrival number, or 0 when it was already in ORDER (nothing written);
          { -1, 0 } when the job already finished (nothing written).
]]
local job_id = ARGV[1]
if redis.call('ZSCORE', KEYS[2], job_id) then
  return { -1, 0 }
end
local existing = redis.call('LPOS', KEYS[1], job_id)
if existing then
  return { existing, 0 }
end
local length = redis.call('RPUSH', KEYS[1], job_id)
local sequence = redis.call('INCR', KEYS[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[3], ARGV[2])
return { length - 1, sequence }
