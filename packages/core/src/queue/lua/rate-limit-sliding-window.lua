--[[
  Sliding-window rate limit (sorted-set log) of one conversation, on the Redis clock; in its
  admitting form, also the conversation's Idempotency-Key check and the message's place in ORDER,
  all in one atomic step (docs/ordering.md, "Submit"). Every key carries the conversation's hash
  tag {c:<id>}, so this is one Redis Cluster slot.

  KEYS[1]  RATE: sorted set, one member per accepted message, score = acceptance time in ms (fractional);
           plus the member "~ttl", scored with the time RATE's expiry was last pushed to two windows
           ahead: while it is inside the window, every write is covered (RATE outlives its newest
           entry by a window) and the expiry is not pushed again
  ARGV[1]  limit: messages allowed per window (integer >= 1)
  ARGV[2]  window length in milliseconds
  ARGV[3]  mode: "consume" (count one message when allowed), "peek" (read only) or "admit" (below)
  ARGV[4]  member: unique per message (the job id when admitting, a nonce otherwise)

  Admission (mode "admit"): the accepted message joins its conversation's ORDER.
  KEYS[2]  ORDER: list of the conversation's unfinished job ids, oldest first (index 0 = head;
           the head reads "<job id>|<BullMQ token>" while a worker runs it). A message admitted
           behind a head that no worker runs yet, not in a burst (ARGV[6]), and right behind the
           head or a self-starting entry (not behind one created delayed), is written
           "<job id>|~": self-starting, its job is created waiting and reaches a worker by itself
           after the head's, so a hand-off need not promote it
  KEYS[3]  SEQUENCE: the conversation's arrival counter
  ARGV[5]  TTL of ORDER and SEQUENCE in ms, set when the key is created (an ORDER list vanishes by
           itself when its last job finishes)
  ARGV[6]  burst gap in ms: a message admitted less than this after the conversation's previous
           one is never self-starting (messages of a burst would reach workers together, and all
           but the first would be sent back; they are created delayed and promoted one by one)
  Optional Idempotency-Key (admit only), checked BEFORE the rate limit (a replay costs nothing):
  KEYS[4]  IDEMPOTENCY: the key's record, JSON {"h": body hash, "j": job id, "s": "pending"|"committed"}
  ARGV[7]  the pending record to store when the message is admitted
  ARGV[8]  TTL of the pending record in ms

  Returns { "exists", stored record }                        the Idempotency-Key is taken: nothing written
          { "counted", allowed (1|0), count, now_ms, oldest_ms, freeing_ms, position, sequence, head, self_starting }
  count: messages in the window after this call; oldest_ms: score of the oldest counted entry (or -1);
  freeing_ms: score of the entry whose expiry lets the next message in (or -1); position: jobs ahead
  of the admitted one (0 = head, -1 when nothing was admitted); sequence: its arrival number (0 when
  nothing was admitted); head: ORDER's first entry when the admitted message is not the head, else "";
  self_starting: 1 when the admitted message was written self-starting (create its job waiting), else 0.
  Scores and times are strings (Lua numbers would be truncated to integers).
]]
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local mode = ARGV[3]

if mode == 'admit' and KEYS[4] then
  local stored = redis.call('GET', KEYS[4])
  if stored then return { 'exists', stored } end
end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local floor = string.format('%.3f', now - window)
-- Formatted and parsed once: every score written and returned below is this text (formatting a
-- double costs about a microsecond, as much as a call here).
local now_text = string.format('%.3f', now)
local floor_number = tonumber(floor)

-- Every entry, oldest first: one read gives the count, the oldest and the freeing entry. Entries
-- that left the window are dropped from the reply and, when there are any, trimmed (never on peek).
local all = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
local entries = {}
local stale = 0
local expiry_covered = false
for index = 1, #all, 2 do
  if tonumber(all[index + 1]) <= floor_number then
    stale = stale + 1
  elseif all[index] == '~ttl' then
    expiry_covered = true
  else
    entries[#entries + 1] = all[index]
    entries[#entries + 1] = all[index + 1]
  end
end
if stale > 0 and mode ~= 'peek' then redis.call('ZREMRANGEBYSCORE', key, '-inf', floor) end
local count = #entries / 2

-- When the conversation's latest message was admitted (before this one), or -1.
local previous_admission = -1
if count > 0 then previous_admission = tonumber(entries[#entries]) end

local allowed = 0
if count < limit then
  allowed = 1
  if mode ~= 'peek' then
    redis.call('ZADD', key, now_text, ARGV[4])
    if not expiry_covered then
      redis.call('ZADD', key, now_text, '~ttl')
      redis.call('PEXPIRE', key, 2 * math.ceil(window) + 1000)
    end
    count = count + 1
    entries[#entries + 1] = ARGV[4]
    entries[#entries + 1] = now_text
  end
end

local oldest = '-1'
local freeing = '-1'
if count > 0 then
  oldest = entries[2]
  -- The next message gets in when the window holds limit - 1 entries: when entry (count - limit) leaves.
  if count >= limit then freeing = entries[(count - limit) * 2 + 2] end
end

local position = -1
local sequence = 0
local head = ''
local self_starting = 0
if allowed == 1 and mode == 'admit' then
  -- The head and, in the same constant-time read, up to 15 entries behind it: when ORDER is not
  -- longer than that (the usual case), its last entry too. ORDER grows without bound while its head
  -- is stuck, so it is never read whole.
  local pending = redis.call('LRANGE', KEYS[2], 0, 15)
  local current_head = pending[1]
  local entry = ARGV[4]
  if current_head then
    head = current_head
    local bar = string.find(current_head, '|', 1, true)
    local head_running = bar and string.sub(current_head, bar + 1) ~= '~'
    if not head_running and now - previous_admission >= tonumber(ARGV[6]) then
      -- The entry right ahead must already be on its way through BullMQ's wait list (the head, or a
      -- self-starting entry): behind an entry created delayed, which its hand-off's promote appends
      -- to the wait list later, this job would reach a worker first and be sent back.
      local last = pending[#pending]
      -- 16 entries read: the last one may not be ORDER's last; not self-starting then (created delayed).
      if #pending < 16 and (last == current_head or string.sub(last, -2) == '|~') then
        entry = ARGV[4] .. '|~'
        self_starting = 1
      end
    end
  end
  position = redis.call('RPUSH', KEYS[2], entry) - 1
  if not current_head then redis.call('PEXPIRE', KEYS[2], ARGV[5]) end
  sequence = redis.call('INCR', KEYS[3])
  if sequence == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[5]) end
  if KEYS[4] then redis.call('SET', KEYS[4], ARGV[7], 'PX', ARGV[8]) end
end

return { 'counted', allowed, count, now_text, oldest, freeing, position, sequence, head, self_starting }
