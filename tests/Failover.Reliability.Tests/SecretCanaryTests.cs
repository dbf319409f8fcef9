using Failover.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Failover.Reliability.Tests;

/// <summary>
/// Every failure kind through every built-in provider (OpenAI, an OpenAI-compatible server keyed by an Azure-style
/// <c>api-key</c> header, Anthropic, Gemini), plain with and without a fallback and streaming, against an upstream that
/// echoes the caller's key in its error messages, codes, types, finish reasons and headers. No 8-character piece of
/// any key may reach a log (any level, any category, content logging on or off), a span, a metric tag, a routing
/// event, a <see cref="RouteResult{T}"/>, an exception (message, ToString(), inner chain) or a ToString().
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class SecretCanaryTests
{
    private static readonly string[] s_providers = ["openai", "azure", "anthropic", "google"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_piece_of_a_key_leaks_from_any_failure_of_any_provider(bool logContent)
    {
        await using var upstream = await UpstreamServer.StartAsync();
        await using var simulator = await ProviderSimulator.StartAsync();
        using var capture = new TelemetryCapture();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        services.AddSingleton<IRoutingEventSink>(capture);
        services.Configure<FailoverOptions>(o =>
        {
            o.LogContent = logContent;
            o.Health.Enabled = false; // every call reaches the upstream: no breaker or cooldown skips a provider
        });
        services.AddFailover(f => f
            .AddOpenAI(Secrets.OpenAI, o => o.BaseUrl = upstream.OpenAIBaseUrl)
            .AddOpenAICompatible("azure", upstream.OpenAIBaseUrl, apiKey: null, o => o.Headers["api-key"] = Secrets.Azure)
            .AddAnthropic(Secrets.Anthropic, o => o.BaseUrl = upstream.AnthropicBaseUrl)
            .AddGemini(Secrets.Gemini, o => o.BaseUrl = upstream.GeminiBaseUrl)
            .AddOpenAICompatible("healthy", simulator.OpenAIBaseUrl, "sk-healthy-fallback"))
            .AddFailoverClient<ICanaryAi>();
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ICanaryAi>();

        var outcomes = new List<string>();
        foreach (var fault in Enum.GetValues<UpstreamFault>())
        {
            upstream.Choose = _ => fault;
            var calls = s_providers.SelectMany(p => new[] { Alone(client, p), WithFallback(client, p), Stream(client, p) });
            foreach (var outcome in await Task.WhenAll(calls))
            {
                outcomes.Add(fault + " " + outcome);
            }
        }

        // The upstream really echoed the keys it was sent (so a clean result is not an empty one).
        Assert.True(upstream.RequestCount >= Enum.GetValues<UpstreamFault>().Length * s_providers.Length * 2, $"{upstream.RequestCount} requests");
        Assert.Contains(outcomes, static o => o.Contains("Unauthorized", StringComparison.Ordinal) && o.Contains("FailoverException", StringComparison.Ordinal));
        Assert.True(capture.LogCount > 0 && capture.SpanCount > 0, $"nothing was captured: {capture.LogCount} logs, {capture.SpanCount} spans; {string.Join("\n", outcomes.Take(12))}");

        foreach (var outcome in outcomes)
        {
            Secrets.AssertNone("a call's outcome", outcome);
        }

        foreach (var text in capture.Texts)
        {
            Secrets.AssertNone(text[..text.IndexOf(':', StringComparison.Ordinal)], text);
        }
    }

    private static async Task<string> Alone(ICanaryAi client, string provider)
    {
        try
        {
            var text = provider switch
            {
                "openai" => await client.OpenAIAsync("Ada"),
                "azure" => await client.CompatibleAsync("Ada"),
                "anthropic" => await client.AnthropicAsync("Ada"),
                _ => await client.GeminiAsync("Ada"),
            };
            return $"{provider} alone served: {text}";
        }
        catch (Exception error)
        {
            return $"{provider} alone threw {TelemetryCapture.Describe(error)}";
        }
    }

    private static async Task<string> WithFallback(ICanaryAi client, string provider)
    {
        try
        {
            var result = provider switch
            {
                "openai" => await client.OpenAIWithFallbackAsync("Ada"),
                "azure" => await client.CompatibleWithFallbackAsync("Ada"),
                "anthropic" => await client.AnthropicWithFallbackAsync("Ada"),
                _ => await client.GeminiWithFallbackAsync("Ada"),
            };
            return $"{provider} with fallback: {TelemetryCapture.Dump(result)} attempts {string.Join(" / ", result.Attempts.Select(static a => a.ToString() + " " + a.Message + " " + a.ProviderErrorCode))}";
        }
        catch (Exception error)
        {
            return $"{provider} with fallback threw {TelemetryCapture.Describe(error)}";
        }
    }

    private static async Task<string> Stream(ICanaryAi client, string provider)
    {
        var chunks = new List<string>();
        try
        {
            var stream = provider switch
            {
                "openai" => client.OpenAIStreamAsync("Ada"),
                "azure" => client.CompatibleStreamAsync("Ada"),
                "anthropic" => client.AnthropicStreamAsync("Ada"),
                _ => client.GeminiStreamAsync("Ada"),
            };
            await foreach (var chunk in stream)
            {
                chunks.Add(chunk);
            }

            return $"{provider} stream served: {string.Concat(chunks)}";
        }
        catch (Exception error)
        {
            return $"{provider} stream threw after '{string.Concat(chunks)}': {TelemetryCapture.Describe(error)}";
        }
    }
}
