--[[
  The processing of a job ended (success, final failure): remove it from ORDER and hand the
  conversation to the next job.

  KEYS[1]  ORDER: list of unfinished job ids of the conversation, oldest first (index 0 = head,
           "<job id>|<BullMQ token>" while a pickup runs it)
  ARGV[1]  job id
  ARGV[2]  BullMQ token of the pickup releasing

  Returns { "released", head }      removed from ORDER; head = the next job's id, or "" when none
          { "stale", head }         the head entry names another pickup of the same job (this one
                                    lost its BullMQ lock and the job runs elsewhere): nothing written
          { "not-in-order", head }  it was not in ORDER (already released, or removed as dead)
  head is always a bare job id (lease suffix stripped).
]]
local job_id = ARGV[1]
local function bare(entry)
  if not entry then return '' end
  local bar = string.find(entry, '|', 1, true)
  if bar then return string.sub(entry, 1, bar - 1) end
  return entry
end

local outcome = 'released'
if redis.call('LREM', KEYS[1], 1, job_id .. '|' .. ARGV[2]) == 0 then
  local head = redis.call('LINDEX', KEYS[1], 0)
  if head and bare(head) == job_id and head ~= job_id then
    return { 'stale', job_id }
  end
  if redis.call('LREM', KEYS[1], 1, job_id) == 0 then outcome = 'not-in-order' end
end
return { outcome, bare(redis.call('LINDEX', KEYS[1], 0)) }
