--[[
  Gives back a conversation claim taken by a request that was then refused (invalid body, rate
  limit, failure): the conversation stays unclaimed, so its creator can still get its token.
  Deletes the claim only when it still holds this request's nonce (never another request's claim).

  KEYS[1]  the conversation's claim (string holding the nonce of the request that claimed it)
  ARGV[1]  the nonce of the request giving it back

  Returns 1 when the claim was deleted, 0 when it holds another nonce or is gone.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
