using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Failover.Runtime.Tests;

/// <summary>What dashboards and alerts depend on: explicit histogram buckets and one meaning per log event id.</summary>
public sealed class TelemetryContractTests
{
    [Fact]
    public void Every_log_event_id_is_unique_across_categories_and_published_in_FailoverLogEvents()
    {
        var messages = typeof(FailoverEngine).Assembly.GetTypes()
            .SelectMany(static t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(static m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(static x => x.Attribute is not null)
            .ToList();
        var published = typeof(FailoverLogEvents).GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(static f => (int)f.GetRawConstantValue()!, static f => f.Name);

        Assert.True(messages.Count >= 14, $"only {messages.Count} LoggerMessage methods were found");
        var duplicates = messages.GroupBy(static x => x.Attribute!.EventId).Where(static g => g.Count() > 1)
            .Select(static g => $"{g.Key}: {string.Join(", ", g.Select(static x => x.Method.DeclaringType!.Name + "." + x.Method.Name))}").ToList();
        Assert.Empty(duplicates);
        Assert.Equal(published.Count, published.Keys.Distinct().Count());
        foreach (var (method, attribute) in messages)
        {
            Assert.True(published.TryGetValue(attribute!.EventId, out var name), $"{method.DeclaringType!.Name}.{method.Name} logs event id {attribute.EventId}, which FailoverLogEvents does not publish");
            Assert.Equal(name, attribute.EventName);
        }
    }

    [Fact]
    public void Duration_token_and_attempt_histograms_carry_explicit_bucket_advice()
    {
        var advice = new Dictionary<string, object?>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == FailoverTelemetry.MeterName)
                {
                    advice[instrument.Name] = instrument switch
                    {
                        Histogram<double> d => d.Advice?.HistogramBucketBoundaries,
                        Histogram<long> l => l.Advice?.HistogramBucketBoundaries,
                        Histogram<int> i => i.Advice?.HistogramBucketBoundaries,
                        _ => "not a histogram",
                    };
                }
            },
        };
        listener.Start();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddFailover(static f => f.AddProvider("openai", new ScriptedChatClient()));
        using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<FailoverEngine>();

        var operation = Assert.IsAssignableFrom<IReadOnlyList<double>>(advice["gen_ai.client.operation.duration"]);
        Assert.Equal([0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92], operation);
        var request = Assert.IsAssignableFrom<IReadOnlyList<double>>(advice["failover.request.duration"]);
        Assert.Equal(0.01, request[0]);
        Assert.True(request[^1] > 180, "the whole-route buckets must reach past the 3 minute default total timeout");
        var tokens = Assert.IsAssignableFrom<IReadOnlyList<long>>(advice["gen_ai.client.token.usage"]);
        Assert.Equal(1, tokens[0]);
        Assert.Equal(67108864, tokens[^1]);
        Assert.Equal([1, 2, 3, 4, 5, 6, 8, 10, 15, 20], Assert.IsAssignableFrom<IReadOnlyList<int>>(advice["failover.attempts"]));
    }
}
