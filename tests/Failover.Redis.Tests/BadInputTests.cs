using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Xunit;

namespace Failover.Redis.Tests;

public sealed class BadInputTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Primary = "openai/gpt-5-mini";

    [Theory]
    [InlineData("127.0.0.1:6379,nonsense=1")]
    [InlineData("password=secret-value")]
    public void A_connection_string_that_cannot_be_read_fails_at_registration_with_a_clear_message_and_no_password(string connectionString)
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<ArgumentException>(() => services.AddFailover().UseRedisHealthStore(connectionString));

        Assert.Contains("Redis connection string of the Failover health store", error.Message);
        Assert.DoesNotContain("secret-value", error.Message);
    }

    [Fact]
    public void A_key_prefix_with_whitespace_is_rejected_at_registration()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddFailover().UseRedisHealthStore("127.0.0.1:1", o => o.KeyPrefix = "my app"));
        Assert.Contains("KeyPrefix 'my app' must be a non-empty prefix without whitespace", error.Message);
    }

    [Fact]
    public async Task An_unreachable_Redis_leaves_routing_on_local_state_with_one_warning()
    {
        var port = redis.Port + 1 == 65536 ? redis.Port - 1 : redis.Port + 1; // nothing listens there
        using var app = new AppInstance("unreachable", null, b => b.UseRedisHealthStore($"127.0.0.1:{port},connectTimeout=300"), null);
        app.OpenAI.Fail("gpt-5-mini", FailureKind.ModelUnavailable, 404);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("backup", (await app.AskAsync()).Value);
        }

        Assert.Equal(1, app.OpenAI.CallsTo("gpt-5-mini"));
        Assert.False(app.Store.IsSharing);
        Assert.Equal(1, app.LogCount(1401));
    }

    [Fact]
    public async Task A_Redis_that_refuses_authentication_is_logged_as_such_once_and_routing_goes_on()
    {
        using var secured = new RedisServer("right-password");
        using var app = new AppInstance("auth", null, b => b.UseRedisHealthStore($"{secured.Endpoint},password=wrong-password,connectTimeout=500"), null);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("primary", (await app.AskAsync()).Value);
        }

        await AppInstance.WaitUntilAsync(() => app.LogCount(1403) > 0, "the authentication failure is logged: " + string.Join("\n", app.Logs.Collector.GetSnapshot().Select(r => r.Id.Id + " " + r.Message)), app);
        Assert.Equal(1, app.LogCount(1403));
        Assert.False(app.Store.IsSharing);
        Assert.All(app.Logs.Collector.GetSnapshot(), r => Assert.DoesNotContain("wrong-password", r.Message));
    }

    [Fact]
    public async Task Keys_of_another_application_under_the_prefix_are_left_alone_and_warned_about_once()
    {
        var prefix = "shared" + Guid.NewGuid().ToString("N")[..6];
        using var connection = redis.Connect();
        var db = connection.GetDatabase();
        var key = $"{prefix}:health:m:openai/gpt-5-mini";
        await db.StringSetAsync(key, "another app's value");
        await db.HashSetAsync($"{prefix}:health:p:openai", [new HashEntry("owner", "billing")]);
        await db.SetAddAsync($"{prefix}:health:index", ["m:openai/gpt-5-mini", "p:openai"]);

        using var app = AppInstance.Create(redis, prefix);
        app.OpenAI.Fail("gpt-5-mini", FailureKind.ModelUnavailable, 404);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("backup", (await app.AskAsync()).Value);
        }

        await app.FlushAsync();
        Assert.Equal(1, app.OpenAI.CallsTo("gpt-5-mini"));
        Assert.Equal("another app's value", (string?)await db.StringGetAsync(key));
        Assert.Equal("billing", (string?)await db.HashGetAsync($"{prefix}:health:p:openai", "owner"));
        await AppInstance.WaitUntilAsync(() => app.LogCount(1404) >= 2, "both foreign keys are warned about", app);
        await app.RefreshAsync();
        Assert.Equal(2, app.LogCount(1404));
    }

    [Fact]
    public async Task Corrupt_values_in_Redis_are_warned_about_and_never_throw_on_the_request_path()
    {
        var prefix = "corrupt" + Guid.NewGuid().ToString("N")[..6];
        using var connection = redis.Connect();
        var db = connection.GetDatabase();
        await db.HashSetAsync($"{prefix}:health:m:openai/gpt-5-mini", [new HashEntry("v", "1"), new HashEntry("cu", "tomorrow"), new HashEntry("f", "-3")]);
        await db.SetAddAsync($"{prefix}:health:index", "m:openai/gpt-5-mini");
        await db.PublishAsync(RedisChannel.Literal($"{prefix}:health:changed"), "garbage");
        var window = AppInstance.Start.ToUnixTimeMilliseconds() / 60_000;
        await db.StringSetAsync($"{prefix}:budget:m:openai/gpt-5-mini:{window}:r", "lots");

        using var app = AppInstance.Create(redis, prefix, o => o.Budgets.Models[Primary] = new RateBudget { RequestsPerMinute = 100 });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("primary", (await app.AskAsync()).Value);
        }

        await AppInstance.WaitUntilAsync(() => app.LogCount(1405) >= 2, "the corrupt hash and the corrupt counter are warned about", app);
        Assert.All(app.Logs.Collector.GetSnapshot().Where(r => r.Id.Id == 1405), r => Assert.Contains("cannot read", r.Message));

        // A write repairs the hash: the corrupt deadline counts as none, the later real one is kept.
        app.OpenAI.Fail("gpt-5-mini", FailureKind.ModelUnavailable, 404);
        Assert.Equal("backup", (await app.AskAsync()).Value);
        await app.FlushAsync();
        Assert.Equal(AppInstance.Start.AddHours(1).ToUnixTimeMilliseconds(), (long)await db.HashGetAsync($"{prefix}:health:m:openai/gpt-5-mini", "cu"));
    }
}
