--[[
  Removes a dead head from ORDER: its BullMQ job is completed, failed or was never created (checked
  by the caller in application code: BullMQ keys live in another cluster slot) but it still blocks
  the conversation (its API process died between admission and creation, it was failed by the
  stall checker after too many stalls, removed by an admin...). Compare-and-remove: only when it is
  still the head, so a concurrent normal release is harmless.

  KEYS[1]  ORDER: list of unfinished job ids of the conversation, oldest first (index 0 = head,
           "<job id>|<BullMQ token>" while a pickup runs it, "<job id>|~" when self-starting)
  ARGV[1]  the dead head's job id

  Returns { 1, head } when removed, { 0, head } when it was not the head; head = ORDER's first
  entry afterwards as stored, or "" when none.
]]
local job_id = ARGV[1]
local head = redis.call('LINDEX', KEYS[1], 0)
if not head or (head ~= job_id and string.sub(head, 1, #job_id + 1) ~= job_id .. '|') then
  return { 0, head or '' }
end
redis.call('LPOP', KEYS[1])
return { 1, redis.call('LINDEX', KEYS[1], 0) or '' }
