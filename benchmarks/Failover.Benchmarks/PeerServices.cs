using Failover;
using Microsoft.Extensions.DependencyInjection;

namespace Failover.Benchmarks;

/// <summary>The in-memory providers every peer benchmark routes over: openai and anthropic answer, google always fails.</summary>
internal static class PeerServices
{
    public static ServiceProvider Build(bool health = true, int chunks = 100)
    {
        var services = new ServiceCollection();
        services.AddFailover(b => b
                .AddProvider("openai", new InstantChatClient(fail: false, chunks))
                .AddProvider("anthropic", new InstantChatClient(fail: false))
                .AddProvider("google", new InstantChatClient(fail: true)))
            .AddFailoverClient<IPeerBenchmarkAi>();

        // An opened breaker stays open for the whole run, so the breaker-open row never pays for a half-open trial.
        services.Configure<FailoverOptions>(o =>
        {
            o.Health.Enabled = health;
            o.Health.BreakDuration = TimeSpan.FromDays(1);
        });
        return services.BuildServiceProvider();
    }
}
