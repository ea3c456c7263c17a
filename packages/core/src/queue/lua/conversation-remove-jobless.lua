--[[
  Settles ORDER entries seen without their BullMQ job. A submitter admits a message an instant before
  creating its job, so an id without a job is dead only once it has stayed so for the grace period;
  an API process that died between the two leaves one such id per message it was submitting,
  anywhere in the list. The caller checked in application code (BullMQ keys live in another cluster
  slot) that these ids have no job now. Each is recorded the first time it is seen so (Redis's own
  clock, shared by every process); one seen so for the grace period or longer is removed from ORDER,
  whatever its suffix (a lease or the self-starting mark). Only the run of such entries at the head
  is settled, up to the first entry not given (one with a job): an entry behind a live message is
  not blocking anything yet, and its submitter (slow, not dead) may still create its job before that
  message is done; it is judged once it is reached. Other entries keep their place and order.

  KEYS[1]  ORDER: list of unfinished job ids of the conversation, oldest first (index 0 = head,
           "<job id>|<BullMQ token>" while a pickup runs it, "<job id>|~" when self-starting)
  KEYS[2]  SUSPECTS: hash, job id -> when it was first seen without a job (ms); expires a minute
           after its last write, and is deleted when no entry of the head's run is within its grace
  ARGV[1]  the grace period (ms)
  ARGV[2..] job ids (bare) without a job now; ids not in ORDER, or behind the first entry not given,
           are ignored

  Returns { removed, head_removed, head, recheck_ms }: how many entries were removed; 1 when the head
  was one of them, else 0; head = ORDER's first entry afterwards as stored, or "" when none;
  recheck_ms = how long until the next of the remaining suspects has stayed without a job for the
  grace period, 0 when none remains.
]]
local grace_ms = tonumber(ARGV[1])
local time = redis.call('TIME')
local now_ms = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local jobless = {}
for index = 2, #ARGV do jobless[ARGV[index]] = true end

local removed = 0
local head_removed = 0
local recheck_ms = 0
for index, entry in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local bar = string.find(entry, '|', 1, true)
  local job_id = bar and string.sub(entry, 1, bar - 1) or entry
  if not jobless[job_id] then
    -- It has a job (a slow submitter's, created late): a record of it is stale.
    redis.call('HDEL', KEYS[2], job_id)
    break
  end
  local first_seen = tonumber(redis.call('HGET', KEYS[2], job_id))
  if not first_seen then
    redis.call('HSET', KEYS[2], job_id, now_ms)
    first_seen = now_ms
  end
  local left_ms = first_seen + grace_ms - now_ms
  if left_ms <= 0 then
    removed = removed + redis.call('LREM', KEYS[1], 1, entry)
    redis.call('HDEL', KEYS[2], job_id)
    if index == 1 then head_removed = 1 end
  elseif recheck_ms == 0 or left_ms < recheck_ms then
    recheck_ms = left_ms
  end
end
-- Records only matter for the run at the head: with none of it left within its grace, the others are
-- stale (their entries got a job, or left ORDER).
if recheck_ms > 0 then redis.call('PEXPIRE', KEYS[2], 60000) else redis.call('DEL', KEYS[2]) end
return { removed, head_removed, redis.call('LINDEX', KEYS[1], 0) or '', recheck_ms }
