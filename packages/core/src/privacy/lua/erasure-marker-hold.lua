--[[
  Marks a conversation erased for one erasure call (its "hold"), for ERASURE_MARKER_TTL_SECONDS.
  The marker is a hash with one field per erasure that set it, so a failed erasure can take back
  its own hold (erasure-marker-release.lua) without removing one held by another erasure, finished
  or still running. A marker of an earlier version (the string '1') is kept as it is: its lifetime
  is renewed, and no release ever removes it.

  KEYS[1]  the conversation's erasure marker
  ARGV[1]  the hold (a nonce of the erasure call)
  ARGV[2]  the marker's lifetime in seconds

  Returns 1 when the hold was added, 0 when the marker is an earlier version's string.
]]
if redis.call('TYPE', KEYS[1]).ok == 'string' then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], '1')
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
