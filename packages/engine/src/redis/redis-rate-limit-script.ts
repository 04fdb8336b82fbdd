/*
 * `tryAcquire` and `release` as Lua scripts: Redis runs a script without interleaving other commands, which
 * is what makes "every rule allows it, so record it in all of them" atomic across processes.
 *
 * They mirror `createMemoryRateLimitStore` from `@giftwire/http` formula for formula, so both stores give the
 * same answer for the same history; keep them in step. Numbers are written with `%.17g`, because Redis
 * turns a bare Lua number into text with only 14 significant digits, and a token count or a time rounded
 * that way would drift from the memory store's doubles (and `release` finds a call by its exact time).
 *
 * Storage: spacing and bucket counters are hashes { k = kind, a, b } (spacing: a = last call; bucket:
 * a = tokens, b = when they were counted); a window counter is a sorted set of calls scored by time, each
 * member unique. A counter of another kind under the same key counts as absent, as in the memory store.
 *
 * Both scripts take per check i: KEYS[i] (already prefixed) and three ARGV values from `first + 3(i-1)`:
 * kind, then (spacing) intervalMs, 0 | (window) limit, windowMs | (bucket) capacity, refillPerSecond.
 */
const COMMON = `
local function fmt(x)
  return string.format('%.17g', x)
end

local function load(key, kind)
  local stored = redis.call('TYPE', key)['ok']
  if kind == 'window' then
    if stored ~= 'zset' then return nil end
    local raw = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
    local times = {}
    for j = 2, #raw, 2 do times[#times + 1] = tonumber(raw[j]) end
    return { times = times }
  end
  if stored ~= 'hash' then return nil end
  local fields = redis.call('HMGET', key, 'k', 'a', 'b')
  if fields[1] ~= kind then return nil end
  return { a = tonumber(fields[2]), b = tonumber(fields[3]) }
end

-- Keeps a counter at least until idle_from (seen from now), plus slack; never shortens its life.
local function keep(key, idle_from, now, slack)
  local ttl = math.max(0, math.ceil(idle_from - now)) + slack
  if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, string.format('%d', ttl)) end
end
`;

/**
 * ARGV[1] now (ms, the caller's clock); ARGV[2] recordAt, when the call counts (at least now; the limiter
 * passes a time in the future while the call is in flight); ARGV[3] a token unique to this call, for
 * window members; ARGV[4] ms of expiry slack; checks from ARGV[5].
 * Returns 0 when the call was recorded, otherwise the ms to wait (an integer, as the memory store's).
 */
export const ACQUIRE_SCRIPT = `${COMMON}
local now = tonumber(ARGV[1])
local at = math.max(now, tonumber(ARGV[2]))
local token = ARGV[3]
local slack = tonumber(ARGV[4])

-- Index of the first call still inside the sliding window ending at now.
local function live_from(times, window_ms)
  local i = 1
  while i <= #times and times[i] + window_ms <= now do i = i + 1 end
  return i
end

local function refilled(state, capacity, per_second)
  return math.min(capacity, state.a + (math.max(0, now - state.b) * per_second) / 1000)
end

local function wait_for(state, kind, p, q)
  if state == nil then return 0 end
  if kind == 'spacing' then
    return math.max(0, math.ceil(state.a + p - now))
  elseif kind == 'window' then
    local times = state.times
    local first = live_from(times, q)
    local in_window = #times - first + 1
    if in_window < p then return 0 end
    -- The call that must leave the window before one more fits.
    local blocking = times[first + in_window - p]
    return math.max(1, math.ceil(blocking + q - now))
  else
    local tokens = refilled(state, p, q)
    if tokens >= 1 then return 0 end
    return math.max(1, math.ceil(((1 - tokens) * 1000) / q))
  end
end

-- Records the call and returns from when the counter no longer restrains anything.
local function record(key, kind, p, q, i)
  local state = load(key, kind)
  if state == nil then redis.call('DEL', key) end
  if kind == 'spacing' then
    redis.call('HSET', key, 'k', 'spacing', 'a', fmt(at), 'b', '0')
    return at + p
  elseif kind == 'window' then
    local times = state and state.times or {}
    local first = live_from(times, q)
    if first > 1 then redis.call('ZREMRANGEBYRANK', key, 0, first - 2) end
    redis.call('ZADD', key, fmt(at), token .. ':' .. i)
    local newest = at
    if #times >= first and times[#times] > newest then newest = times[#times] end
    return newest + q
  else
    local tokens = p
    if state ~= nil then tokens = refilled(state, p, q) end
    tokens = tokens - 1
    redis.call('HSET', key, 'k', 'bucket', 'a', fmt(tokens), 'b', fmt(now))
    return now + ((p - tokens) * 1000) / q
  end
end

local wait = 0
for i = 1, #KEYS do
  local base = 5 + 3 * (i - 1)
  local kind = ARGV[base]
  local w = wait_for(load(KEYS[i], kind), kind, tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]))
  if w > wait then wait = w end
end
if wait > 0 then return wait end

for i = 1, #KEYS do
  local base = 5 + 3 * (i - 1)
  local idle_from = record(KEYS[i], ARGV[base], tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), i)
  keep(KEYS[i], idle_from, now, slack)
end
return 0
`;

/**
 * ARGV[1] recordedAt, the time the call was recorded at; ARGV[2] finishedAt, the time it counts from now on;
 * ARGV[3] ms of expiry slack; checks from ARGV[4]. A bucket keeps no per-call time and is left alone; a
 * counter that no longer holds the call (expired, replaced) is left alone too.
 */
export const RELEASE_SCRIPT = `${COMMON}
local from = tonumber(ARGV[1])
local to = tonumber(ARGV[2])
local slack = tonumber(ARGV[3])

for i = 1, #KEYS do
  local base = 4 + 3 * (i - 1)
  local kind = ARGV[base]
  local state = load(KEYS[i], kind)
  if state ~= nil and kind == 'spacing' and state.a == from then
    redis.call('HSET', KEYS[i], 'a', fmt(to))
    keep(KEYS[i], to + tonumber(ARGV[base + 1]), to, slack)
  elseif state ~= nil and kind == 'window' then
    -- Calls recorded at the same time are interchangeable: moving any one of them is moving "the" call.
    local member = redis.call('ZRANGEBYSCORE', KEYS[i], fmt(from), fmt(from), 'LIMIT', 0, 1)[1]
    if member then
      redis.call('ZADD', KEYS[i], fmt(to), member)
      local newest = tonumber(redis.call('ZRANGE', KEYS[i], -1, -1, 'WITHSCORES')[2])
      keep(KEYS[i], newest + tonumber(ARGV[base + 2]), to, slack)
    end
  end
end
return 0
`;
