--[[
  A worker picked up a job: may it run now?

  KEYS[1]  ORDER: list of unfinished job ids of the conversation, oldest first (index 0 = head;
           "<job id>|<BullMQ token>" while a pickup runs it: that suffix is the lease;
           "<job id>|~" for a self-starting entry, whose job was created waiting)
  KEYS[2]  WITHDRAWN: the marker the submit side sets when it takes this message back
           (conversation-withdraw.lua); read only when the job is not in ORDER
  ARGV[1]  job id
  ARGV[2]  BullMQ token of this pickup

  Returns { "head", 0, next }           it is the head: run it (the head entry now names this pickup);
                                        next = the entry behind it as stored, or "": the likely next
                                        head, which the release may promote in the same round trip
          { "wait", position, head, was_self_starting }
                                        another job is ahead (head = its entry, lease included): wait.
                                        A self-starting entry loses its mark (was_self_starting = 1):
                                        its pickup sends it back to delayed, so the hand-off that makes
                                        it head must promote it
          { "not-in-order", -1, "" }    the job is not in ORDER: its processing already ended (a re-run
                                        after a crash between release and BullMQ's completion), or its
                                        entry was removed as dead: do no ordered work, release nothing
          { "withdrawn", -1, "" }       not in ORDER, and taken back by the submit side (its creation
                                        failed and the visitor was answered 503): do not run it
]]
local job_id = ARGV[1]
local first_two = redis.call('LRANGE', KEYS[1], 0, 1)
local head = first_two[1]
if head and (head == job_id or string.sub(head, 1, #job_id + 1) == job_id .. '|') then
  redis.call('LSET', KEYS[1], 0, job_id .. '|' .. ARGV[2])
  return { 'head', 0, first_two[2] or '' }
end
local was_self_starting = 0
local position = redis.call('LPOS', KEYS[1], job_id .. '|~')
if position then
  redis.call('LSET', KEYS[1], position, job_id)
  was_self_starting = 1
else
  position = redis.call('LPOS', KEYS[1], job_id)
end
if not position then
  if redis.call('EXISTS', KEYS[2]) == 1 then return { 'withdrawn', -1, '' } end
  return { 'not-in-order', -1, '' }
end
return { 'wait', position, head, was_self_starting }
