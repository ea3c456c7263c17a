--[[
  Takes back one erasure call's hold on a conversation's erasure marker (the call failed before
  erasing anything). The marker goes only with its last hold (Redis deletes an empty hash): a hold
  of another erasure, finished or running, keeps it. Idempotent: releasing twice removes nothing more.
  An earlier version's marker (a string) is never removed.

  KEYS[1]  the conversation's erasure marker
  ARGV[1]  the hold to take back

  Returns 1 when the hold was removed, 0 otherwise.
]]
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then
  return 0
end
return redis.call('HDEL', KEYS[1], ARGV[1])
