using StackExchange.Redis;
using Xunit;

namespace Failover.Redis.Tests;

public sealed class SharedHealthTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Primary = "openai/gpt-5-mini";

    [Fact]
    public async Task A_model_instance_A_learns_is_gone_is_skipped_by_instance_B_on_its_first_request()
    {
        var prefix = Prefix();
        using var a = AppInstance.Create(redis, prefix);
        using var b = AppInstance.Create(redis, prefix);
        _ = b.Store; // B is running before A learns anything: it learns through the announcement.
        a.OpenAI.Fail("gpt-5-mini", FailureKind.ModelUnavailable, 404);

        var first = await a.AskAsync();
        Assert.Equal("backup", first.Value);
        Assert.Equal(1, a.OpenAI.CallsTo("gpt-5-mini"));

        await AppInstance.WaitUntilAsync(() => b.Store.SharedStateOfModel(Primary).CooldownUntil > 0, "B hears that the model is gone", b);
        var onB = await b.AskAsync();

        Assert.Equal("backup", onB.Value);
        Assert.Equal(0, b.OpenAI.CallsTo("gpt-5-mini"));
        var reason = Assert.Single(b.Reasons(RoutingEventKind.Skipped));
        Assert.Contains("model 'openai/gpt-5-mini' answered that it is gone (ModelUnavailable, HTTP 404)", reason);
        Assert.Contains("shared through Redis", reason);

        // An instance started afterwards reads what is already shared before its first request.
        using var c = AppInstance.Create(redis, prefix);
        Assert.Equal("backup", (await c.AskAsync()).Value);
        Assert.Equal(0, c.OpenAI.CallsTo("gpt-5-mini"));

        // The cooldown ends on the clock (GoneCooldown, 1 hour by default).
        b.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal("primary", (await b.AskAsync()).Value);
        Assert.Equal(1, b.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task A_rate_limit_cooldown_with_retry_after_reaches_instance_B_and_ends_with_the_retry_after()
    {
        var prefix = Prefix();
        using var a = AppInstance.Create(redis, prefix);
        using var b = AppInstance.Create(redis, prefix);
        _ = b.Store;
        a.OpenAI.Fail("gpt-5-mini", FailureKind.RateLimited, 429, retryAfter: TimeSpan.FromSeconds(30));

        Assert.Equal("backup", (await a.AskAsync()).Value);
        await AppInstance.WaitUntilAsync(() => b.Store.SharedStateOfModel(Primary).CooldownUntil > 0, "B hears about the rate limit", b);

        Assert.Equal(AppInstance.Start.AddSeconds(30).ToUnixTimeMilliseconds(), b.Store.SharedStateOfModel(Primary).CooldownUntil);
        Assert.Equal("backup", (await b.AskAsync()).Value);
        Assert.Equal(0, b.OpenAI.CallsTo("gpt-5-mini"));
        Assert.Contains("is rate limited and cools down for its retry-after", Assert.Single(b.Reasons(RoutingEventKind.Skipped)));

        b.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("backup", (await b.AskAsync()).Value);
        b.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("primary", (await b.AskAsync()).Value);
        Assert.Equal(1, b.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task A_later_longer_cooldown_wins_over_an_earlier_shorter_one_whatever_the_order()
    {
        var prefix = Prefix();
        using var a = AppInstance.Create(redis, prefix);
        using var b = AppInstance.Create(redis, prefix);
        var model = new ModelTarget(Primary);

        // A learns of a two-minute limit; B, not having heard yet, of a five-second one a moment later.
        a.Store.OnFailure(model, new ClassifiedFailure(FailureKind.RateLimited, 429, null, TimeSpan.FromMinutes(2), "429"));
        await a.FlushAsync();
        b.Store.OnFailure(model, new ClassifiedFailure(FailureKind.RateLimited, 429, null, TimeSpan.FromSeconds(5), "429"));
        await b.FlushAsync();

        var longer = AppInstance.Start.AddMinutes(2).ToUnixTimeMilliseconds();
        using var connection = redis.Connect();
        Assert.Equal(longer, (long)connection.GetDatabase().HashGet($"{prefix}:health:m:openai/gpt-5-mini", "cu"));
        await AppInstance.WaitUntilAsync(() => a.Store.SharedStateOfModel(Primary).CooldownUntil == longer && b.Store.SharedStateOfModel(Primary).CooldownUntil == longer, "both keep the longer deadline", a, b);

        // B's own five seconds are over, the shared two minutes are not.
        b.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal("backup", (await b.AskAsync()).Value);
        Assert.Equal(0, b.OpenAI.CallsTo("gpt-5-mini"));
    }

    [Fact]
    public async Task Two_instances_together_stay_within_a_requests_per_minute_budget_each_alone_would_exceed()
    {
        var prefix = Prefix();
        void Budget(FailoverOptions o) => o.Budgets.Models[Primary] = new RateBudget { RequestsPerMinute = 5 };
        using var a = AppInstance.Create(redis, prefix, Budget);
        using var b = AppInstance.Create(redis, prefix, Budget);

        for (var i = 0; i < 4; i++)
        {
            await a.AskAsync();
            await b.AskAsync();
        }

        // Eight requests, four each: each alone is within 5, together only 5 reached the model.
        Assert.Equal(5, a.OpenAI.CallsTo("gpt-5-mini") + b.OpenAI.CallsTo("gpt-5-mini"));
        var skipped = a.Reasons(RoutingEventKind.Skipped).Concat(b.Reasons(RoutingEventKind.Skipped)).ToList();
        Assert.Equal(3, skipped.Count);
        Assert.All(skipped, r => Assert.Contains("model 'openai/gpt-5-mini' has spent its budget of 5 requests per minute (Failover:Budgets:Models:openai/gpt-5-mini:RequestsPerMinute)", r));
        Assert.All(skipped, r => Assert.Contains("across instances", r));

        // The next minute has a new budget.
        a.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("primary", (await a.AskAsync()).Value);
    }

    [Fact]
    public async Task A_provider_tokens_per_minute_budget_is_counted_across_instances()
    {
        var prefix = Prefix();
        void Budget(FailoverOptions o) => o.Budgets.Providers["openai"] = new RateBudget { TokensPerMinute = 40 };
        using var a = AppInstance.Create(redis, prefix, Budget);
        using var b = AppInstance.Create(redis, prefix, Budget);

        Assert.Equal("primary", (await a.AskAsync()).Value); // 15 tokens
        Assert.Equal("primary", (await b.AskAsync()).Value); // 30
        Assert.Equal("primary", (await a.AskAsync()).Value); // 45: over, known only after the answer
        await a.FlushAsync();
        await b.FlushAsync();

        Assert.Equal("backup", (await b.AskAsync()).Value);
        Assert.Contains("provider 'openai' has spent its budget of 40 tokens per minute", Assert.Single(b.Reasons(RoutingEventKind.Skipped)));
    }

    [Fact]
    public async Task A_breaker_opened_by_failures_on_two_instances_is_shared_and_a_success_closes_it_for_both()
    {
        var prefix = Prefix();
        void Threshold(FailoverOptions o) => o.Health.FailureThreshold = 2;
        using var a = AppInstance.Create(redis, prefix, Threshold);
        using var b = AppInstance.Create(redis, prefix, Threshold);
        a.OpenAI.Fail("gpt-5-mini", FailureKind.ServerError, 500);
        b.OpenAI.Fail("gpt-5-mini", FailureKind.ServerError, 500);

        // One failure on each: neither alone reaches the threshold of 2, together they do.
        await a.AskAsync();
        await a.FlushAsync();
        await b.AskAsync();
        await b.FlushAsync();
        await AppInstance.WaitUntilAsync(() => a.Store.SharedStateOfModel(Primary).BreakerUntil > 0, "A hears the breaker opened", a);

        Assert.Equal("backup", (await a.AskAsync()).Value);
        Assert.Equal(1, a.OpenAI.CallsTo("gpt-5-mini"));
        Assert.Contains("has its circuit open after 2 consecutive failures across instances", a.Reasons(RoutingEventKind.Skipped).Single());

        // After the break, B's trial succeeds and closes the breaker for A too.
        b.OpenAI.Answer("gpt-5-mini", "primary");
        b.Time.Advance(TimeSpan.FromSeconds(31));
        a.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("primary", (await b.AskAsync()).Value);
        await b.FlushAsync();
        await AppInstance.WaitUntilAsync(() => a.Store.SharedStateOfModel(Primary).BreakerUntil == 0, "A hears the breaker closed", a);
    }

    [Fact]
    public async Task A_model_another_instance_brought_back_is_tried_at_once_by_an_instance_that_was_skipping_it()
    {
        var prefix = Prefix();
        void Threshold(FailoverOptions o) => o.Health.FailureThreshold = 1;
        using var a = AppInstance.Create(redis, prefix, Threshold);
        using var b = AppInstance.Create(redis, prefix, Threshold);
        _ = b.Store;
        a.OpenAI.Fail("gpt-5-mini", FailureKind.ServerError, 500);
        await a.AskAsync();
        await a.FlushAsync();
        await AppInstance.WaitUntilAsync(() => b.Store.SharedStateOfModel(Primary).BreakerUntil > 0, "B hears the breaker opened", b);

        // B skips the model on what Redis said, and remembers the skip (its clock never reaches the break's end).
        var skippedBefore = b.Store.Version;
        Assert.Equal("backup", (await b.AskAsync()).Value);
        Assert.Equal("backup", (await b.AskAsync()).Value);
        Assert.Equal(0, b.OpenAI.CallsTo("gpt-5-mini"));
        Assert.All(b.Reasons(RoutingEventKind.Skipped), r => Assert.Contains("shared through Redis", r));

        // A's trial found the model back: the success closes the shared breaker, and B hears it on the channel.
        a.Store.OnSuccess(new ModelTarget(Primary));
        await a.FlushAsync();
        await AppInstance.WaitUntilAsync(() => b.Store.SharedStateOfModel(Primary).BreakerUntil == 0, "B hears the breaker closed", b);

        Assert.Equal("primary", (await b.AskAsync()).Value);
        Assert.Equal(1, b.OpenAI.CallsTo("gpt-5-mini"));
        Assert.True(b.Store.Version > skippedBefore);
    }

    [Fact]
    public async Task A_refresh_that_reads_nothing_new_announces_nothing_and_one_that_does_announces_it()
    {
        var prefix = Prefix();
        using var a = AppInstance.Create(redis, prefix);
        using var b = AppInstance.Create(redis, prefix);
        _ = b.Store;
        a.OpenAI.Fail("gpt-5-mini", FailureKind.ModelUnavailable, 404);
        await a.AskAsync();
        await a.FlushAsync();
        await AppInstance.WaitUntilAsync(() => b.Store.SharedStateOfModel(Primary).CooldownUntil > 0, "B hears that the model is gone", b);

        // The periodic refresh reads what the announcement said: no news, so remembered skips stay (one every 10 s).
        var heard = b.Store.Version;
        await b.RefreshAsync();
        await b.RefreshAsync();
        Assert.Equal(heard, b.Store.Version);

        // The shared state is gone from Redis (expired, or deleted by an operator): the refresh says so.
        using var connection = redis.Connect();
        await connection.GetDatabase().KeyDeleteAsync($"{prefix}:health:m:openai/gpt-5-mini");
        await b.RefreshAsync();
        Assert.True(b.Store.Version > heard);
        Assert.Equal(0, b.Store.SharedStateOfModel(Primary).CooldownUntil);
    }

    private static string Prefix() => "t" + Guid.NewGuid().ToString("N")[..8];
}

public sealed class SuccessPathTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task The_success_path_of_the_Redis_store_allocates_nothing_and_writes_nothing()
    {
        using var app = AppInstance.Create(redis, "alloc");
        var store = app.Store;
        var model = new ModelTarget("openai/gpt-5-mini");
        Assert.True(store.TryEnter(model).IsAvailable);
        store.OnUsage(model, 10, 5);
        store.OnSuccess(model);
        await app.FlushAsync();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            store.TryEnter(model);
            store.OnUsage(model, 10, 5);
            store.OnSuccess(model);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        using var connection = redis.Connect();
        Assert.Empty(connection.GetServer(redis.Endpoint).Keys(pattern: "alloc:*"));
    }
}
