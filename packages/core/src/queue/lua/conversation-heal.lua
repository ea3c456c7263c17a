--[[
  Removes a dead head from ORDER: its BullMQ job is completed, failed or gone (checked by the
  caller in application code: BullMQ keys live in other cluster slots) but it still blocks the
  conversation (e.g. failed by the stall checker after too many stalls, removed by an admin).
  Compare-and-remove: only when it is still the head, so a concurrent normal release is harmless.

  KEYS[1]  ORDER: list of unfinished job ids of the conversation, oldest first (index 0 = head)
  KEYS[2]  FINISHED: sorted set of job ids whose processing ended (score = end time in ms)
  KEYS[3]  LEASE: "<job id>|<BullMQ token>" of the pickup running the head
  ARGV[1]  the dead head's job id
  ARGV[2]  how long FINISHED remembers a job, in ms

  Returns { 1, head } when removed (head = the new head or ""), { 0, head } when it was not the head.
]]
local job_id = ARGV[1]
if redis.call('LINDEX', KEYS[1], 0) ~= job_id then
  return { 0, redis.call('LINDEX', KEYS[1], 0) or '' }
end
redis.call('LPOP', KEYS[1])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[2], now, job_id)
redis.call('PEXPIRE', KEYS[2], ARGV[2])
local lease = redis.call('GET', KEYS[3])
if lease and string.sub(lease, 1, #job_id + 1) == job_id .. '|' then
  redis.call('DEL', KEYS[3])
end
return { 1, redis.call('LINDEX', KEYS[1], 0) or '' }
