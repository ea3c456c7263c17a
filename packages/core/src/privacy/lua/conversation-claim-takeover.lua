--[[
  Takes over an orphaned conversation claim: one whose request answered 503 without a token while
  its SET landed later than every give-back (a Redis stalled, or failed over, with the command in
  flight). The caller has checked that the claim is old enough and that no stored conversation
  exists; this script checks, atomically, that the claim is still the one observed and that no
  message of the conversation was ever admitted (its arrival counter does not exist).

  KEYS[1]  the conversation's claim (string holding the claiming request's nonce)
  KEYS[2]  the conversation's arrival counter (`seq:{c:<id>}`, created by the first admitted message)
  ARGV[1]  the nonce observed in the claim
  ARGV[2]  the nonce of the request taking it over
  ARGV[3]  the claim's lifetime in seconds ('' for none)

  Returns 1 when the claim now holds ARGV[2], 0 otherwise (nothing written).
]]
if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
if ARGV[3] == '' then
  redis.call('SET', KEYS[1], ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
end
return 1
