--[[
  Settles a reservation made by the admission (rate-limit-sliding-window.lua, "admit"), only if
  it is still ours.

  KEYS[1]  the key's record (JSON {"h", "j", "s"})
  ARGV[1]  the job id of our reservation (compared with the stored "j")
  ARGV[2]  action: "commit" (store ARGV[3] with TTL ARGV[4]) or "abandon" (delete the record)
  ARGV[3]  committed JSON record (commit only)
  ARGV[4]  TTL of the committed record, in milliseconds (commit only)

  Returns 1 when settled, 0 when the record is missing or belongs to another job id.
]]
local stored = redis.call('GET', KEYS[1])
if not stored then return 0 end
local record = cjson.decode(stored)
if record['j'] ~= ARGV[1] then return 0 end
if ARGV[2] == 'commit' then
  redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
else
  redis.call('DEL', KEYS[1])
end
return 1
