namespace Failover.Redis;

/// <summary>
/// The Lua scripts that change shared state, so every read-modify-write is atomic in Redis. Times are Unix milliseconds
/// of the caller's <see cref="System.TimeProvider"/>; expiries are relative (PEXPIRE), so they hold whatever Redis's own
/// clock says. A key that exists under the prefix but is not a Failover health hash (no <c>v=1</c>) is never
/// overwritten: the script fails with <c>FAILOVER_FOREIGN</c> and the store warns.
/// </summary>
internal static class RedisScripts
{
    // KEYS[1] = the subject's health hash, KEYS[2] = the index set. The common tail sets the expiry (the later of the
    // deadlines, or the failure-count lifetime while failures are counted), announces the new state on the channel and
    // returns it: subject \n cooldown until \n cooldown reason \n breaker until \n breaker reason \n failures.
    private const string Prelude = """
        local function num(v)
          local n = tonumber(v)
          if n == nil then return 0 end
          return n
        end
        local function owned(key)
          local t = redis.call('TYPE', key)['ok']
          if t == 'none' then return true end
          return t == 'hash' and redis.call('HGET', key, 'v') == '1'
        end
        local function finish(now, minttl, channel, subject)
          local s = redis.call('HMGET', KEYS[1], 'cu', 'cr', 'bu', 'br', 'f')
          local cu, bu, f = num(s[1]), num(s[3]), num(s[5])
          local ttl = math.max(cu - now, bu - now)
          if f > 0 then ttl = math.max(ttl, minttl) end
          if ttl <= 0 then
            redis.call('DEL', KEYS[1])
            cu, bu, f = 0, 0, 0
            s = {false, false, false, false, false}
          else
            ttl = math.ceil(ttl)
            redis.call('PEXPIRE', KEYS[1], ttl)
            redis.call('SADD', KEYS[2], subject)
            if redis.call('PTTL', KEYS[2]) < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
          end
          local state = subject .. '\n' .. string.format('%.0f', cu) .. '\n' .. (s[2] or '') .. '\n' .. string.format('%.0f', bu) .. '\n' .. (s[4] or '') .. '\n' .. string.format('%.0f', f)
          redis.call('PUBLISH', channel, state)
          return state
        end

        """;

    /// <summary>A cooldown: ARGV = now, until, reason, failure lifetime, channel, subject. The later deadline wins.</summary>
    public const string CoolDown = Prelude + """
        if not owned(KEYS[1]) then return redis.error_reply('FAILOVER_FOREIGN') end
        local now, untilms = tonumber(ARGV[1]), tonumber(ARGV[2])
        if untilms > num(redis.call('HGET', KEYS[1], 'cu')) then
          redis.call('HSET', KEYS[1], 'v', '1', 'cu', ARGV[2], 'cr', ARGV[3])
        end
        return finish(now, tonumber(ARGV[4]), ARGV[5], ARGV[6])
        """;

    /// <summary>
    /// A failure counted toward the breaker: ARGV = now, threshold, break (ms), failure lifetime, channel, subject. Opens at
    /// the threshold, or at once when the break had ended (the half-open trial failed); the later break end wins.
    /// </summary>
    public const string CountFailure = Prelude + """
        if not owned(KEYS[1]) then return redis.error_reply('FAILOVER_FOREIGN') end
        local now = tonumber(ARGV[1])
        local f = num(redis.call('HGET', KEYS[1], 'f')) + 1
        local bu = num(redis.call('HGET', KEYS[1], 'bu'))
        redis.call('HSET', KEYS[1], 'v', '1', 'f', f)
        if f >= tonumber(ARGV[2]) or (bu > 0 and bu <= now) then
          local opened = math.max(bu, now + tonumber(ARGV[3]))
          redis.call('HSET', KEYS[1], 'bu', string.format('%.0f', opened), 'br', 'has its circuit open after ' .. f .. ' consecutive failures across instances')
        end
        return finish(now, tonumber(ARGV[4]), ARGV[5], ARGV[6])
        """;

    /// <summary>A success: closes the breaker (the failure count and the break), leaving cooldowns to run out. ARGV = now, failure lifetime, channel, subject.</summary>
    public const string Succeed = Prelude + """
        if redis.call('EXISTS', KEYS[1]) == 0 then return false end
        if not owned(KEYS[1]) then return redis.error_reply('FAILOVER_FOREIGN') end
        redis.call('HDEL', KEYS[1], 'f', 'bu', 'br')
        return finish(tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4])
        """;

    /// <summary>
    /// Counts one request against the budgets of a model and its provider in the current window, unless one is spent.
    /// KEYS = model requests, model tokens, provider requests, provider tokens; ARGV = the four limits (0 for none), the
    /// counters' lifetime. Returns 0 when counted, else which budget is spent: 1 provider requests, 2 provider tokens,
    /// 3 model requests, 4 model tokens.
    /// </summary>
    public const string Reserve = """
        local function count(key)
          local v = redis.call('GET', key)
          if not v then return 0 end
          local n = tonumber(v)
          if n == nil then error('FAILOVER_CORRUPT ' .. key) end
          return n
        end
        -- {index of the limit and its counter, the answer when spent}: the provider first, as the in-memory store does.
        local checks = { {3, 1}, {4, 2}, {1, 3}, {2, 4} }
        for _, c in ipairs(checks) do
          local limit = tonumber(ARGV[c[1]])
          if limit > 0 and count(KEYS[c[1]]) >= limit then return c[2] end
        end
        for _, i in ipairs({1, 3}) do
          if tonumber(ARGV[i]) > 0 then
            redis.call('INCR', KEYS[i])
            redis.call('PEXPIRE', KEYS[i], ARGV[5])
          end
        end
        return 0
        """;

    /// <summary>Adds tokens to the token budgets: KEYS = model tokens, provider tokens; ARGV = tokens, model counted (0/1), provider counted (0/1), lifetime.</summary>
    public const string AddTokens = """
        for i = 1, 2 do
          if ARGV[i + 1] == '1' then
            local v = redis.call('GET', KEYS[i])
            if v and tonumber(v) == nil then error('FAILOVER_CORRUPT ' .. KEYS[i]) end
            redis.call('INCRBY', KEYS[i], ARGV[1])
            redis.call('PEXPIRE', KEYS[i], ARGV[4])
          end
        end
        return 0
        """;
}
