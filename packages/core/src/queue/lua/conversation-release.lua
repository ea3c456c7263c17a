--[[
  The processing of a job ended (success, final failure): remove it from ORDER, remember it in
  FINISHED, hand the conversation to the next job.

  KEYS[1]  ORDER: list of unfinished job ids of the conversation, oldest first (index 0 = head)
  KEYS[2]  FINISHED: sorted set of job ids whose processing ended (score = end time in ms)
  KEYS[3]  LEASE: "<job id>|<BullMQ token>" of the pickup running the head
  ARGV[1]  job id
  ARGV[2]  BullMQ token of the pickup releasing (compared with LEASE)
  ARGV[3]  how long FINISHED remembers a job, in ms

  Returns { "stale", head }         LEASE names another pickup of the same job (this one lost its
                                     BullMQ lock and the job runs elsewhere): nothing written
          { "released", head }      removed from ORDER; head = the next job to run or "" when none
          { "not-in-order", head }  it was not in ORDER (already released or healed); marked finished
]]
local job_id = ARGV[1]
local lease = redis.call('GET', KEYS[3])
local ours = job_id .. '|' .. ARGV[2]
if lease and lease ~= ours and string.sub(lease, 1, #job_id + 1) == job_id .. '|' then
  return { 'stale', redis.call('LINDEX', KEYS[1], 0) or '' }
end
local removed = redis.call('LREM', KEYS[1], 1, job_id)
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[2], now, job_id)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[3]))
redis.call('PEXPIRE', KEYS[2], ARGV[3])
if lease and string.sub(lease, 1, #job_id + 1) == job_id .. '|' then
  redis.call('DEL', KEYS[3])
end
local head = redis.call('LINDEX', KEYS[1], 0) or ''
if removed == 1 then
  return { 'released', head }
end
return { 'not-in-order', head }
