--[[
  The processing of a job ended (success, final failure): remove it from ORDER and hand the
  conversation to the next job.

  KEYS[1]  ORDER: list of unfinished job ids of the conversation, oldest first (index 0 = head,
           "<job id>|<BullMQ token>" while a pickup runs it, "<job id>|~" when self-starting)
  ARGV[1]  job id
  ARGV[2]  BullMQ token of the pickup releasing

  Returns { "released", head }      removed from ORDER; head = the next job's entry, or "" when none
          { "stale", "" }           the head entry names another pickup of the same job (this one
                                    lost its BullMQ lock and the job runs elsewhere): nothing written
          { "not-in-order", head }  it was not in ORDER (already released, or removed as dead)
  head is ORDER's first entry as stored (the caller reads its id, lease and self-starting mark).
]]
local job_id = ARGV[1]
local outcome = 'released'
if redis.call('LREM', KEYS[1], 1, job_id .. '|' .. ARGV[2]) == 0 then
  local head = redis.call('LINDEX', KEYS[1], 0)
  if head and string.sub(head, 1, #job_id + 1) == job_id .. '|' and head ~= job_id .. '|~' then
    return { 'stale', '' }
  end
  if redis.call('LREM', KEYS[1], 1, job_id) == 0 and redis.call('LREM', KEYS[1], 1, job_id .. '|~') == 0 then
    outcome = 'not-in-order'
  end
end
return { outcome, redis.call('LINDEX', KEYS[1], 0) or '' }
