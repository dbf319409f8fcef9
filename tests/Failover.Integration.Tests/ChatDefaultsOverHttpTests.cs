using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Failover.Integration.Tests;

/// <summary>One route per wire format as primary; the interface's defaults lose to each method's own, property by property.</summary>
[ChatDefaults(Temperature = 0.9, MaxOutputTokens = 1000, TopP = 0.8)]
public interface ITunedAi
{
    [ModelRoute("openai/gpt-5-mini", Owner = "tuning")]
    [Fallback("anthropic/claude-haiku-4-5")]
    [Retry(MaxAttempts = 1)]
    [ChatDefaults(Temperature = 0.2, MaxOutputTokens = 400, Stop = new[] { "END" })]
    Task<ChatResponse> OpenAIAsync(IEnumerable<ChatMessage> conversation, ChatOptions? options = null, CancellationToken cancellationToken = default);

    [ModelRoute("anthropic/claude-haiku-4-5", Owner = "tuning")]
    [Fallback("google/gemini-2.5-flash")]
    [Retry(MaxAttempts = 1)]
    [ChatDefaults(Temperature = 0.2, MaxOutputTokens = 400, Stop = new[] { "END" })]
    Task<ChatResponse> AnthropicAsync(IEnumerable<ChatMessage> conversation, ChatOptions? options = null, CancellationToken cancellationToken = default);

    [ModelRoute("google/gemini-2.5-flash", Owner = "tuning")]
    [Fallback("openai/gpt-5-mini")]
    [Retry(MaxAttempts = 1)]
    [ChatDefaults(Temperature = 0.2, MaxOutputTokens = 400, Stop = new[] { "END" })]
    Task<ChatResponse> GeminiAsync(IEnumerable<ChatMessage> conversation, ChatOptions? options = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// <c>[ChatDefaults]</c> over real HTTP: the attribute's values in the request body of every wire format, on the primary
/// and on a fallback of another wire format, and a per-call <c>ChatOptions</c> winning value by value.
/// </summary>
public sealed class ChatDefaultsOverHttpTests
{
    public static TheoryData<string> Providers => ["openai", "anthropic", "google"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_attribute_s_options_reach_the_request_body(string provider)
    {
        await using var h = await Harness.StartAsync(configure: static b => b.AddFailoverClient<ITunedAi>());
        var wire = WireFormat.Named(provider);
        h.Simulator.Model(wire.Primary).Reply(static _ => "tuned");

        var response = await Call(h, provider, options: null).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("tuned", response.Text);
        var sent = Sampling.Of(provider, JsonNode.Parse(h.Simulator.LastRequestFor(wire.Primary)!.Body)!);
        Assert.Equal(0.2, sent.Temperature!.Value, 3);
        Assert.Equal(400, sent.MaxTokens);
        Assert.Equal(0.8, sent.TopP!.Value, 3); // from the interface: the method did not set it
        Assert.Equal(["END"], sent.Stop);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_per_call_option_wins_over_the_attribute_and_the_rest_of_the_attribute_still_applies_on_the_fallback(string provider)
    {
        await using var h = await Harness.StartAsync(configure: static b => b.AddFailoverClient<ITunedAi>());
        var wire = WireFormat.Named(provider);
        var fallback = FallbackOf(provider);
        h.Simulator.Model(wire.Primary).Always(Testing.SimulatedBehavior.Status(503));
        h.Simulator.Model(fallback.Model).Reply(static _ => "from the fallback");

        var response = await Call(h, provider, new ChatOptions { Temperature = 0.5f }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("from the fallback", response.Text);
        foreach (var (sentProvider, model) in new[] { (provider, wire.Primary), (fallback.Provider, fallback.Model) })
        {
            var sent = Sampling.Of(sentProvider, JsonNode.Parse(h.Simulator.LastRequestFor(model)!.Body)!);
            Assert.Equal(0.5, sent.Temperature!.Value, 3); // the call's
            Assert.Equal(400, sent.MaxTokens); // the method's attribute
            Assert.Equal(["END"], sent.Stop);
        }
    }

    private static Task<ChatResponse> Call(Harness h, string provider, ChatOptions? options)
    {
        var ai = h.Services.GetRequiredService<ITunedAi>();
        ChatMessage[] conversation = [new(ChatRole.User, "Summarise the ticket.")];
        return provider switch
        {
            "openai" => ai.OpenAIAsync(conversation, options),
            "anthropic" => ai.AnthropicAsync(conversation, options),
            _ => ai.GeminiAsync(conversation, options),
        };
    }

    private static (string Provider, string Model) FallbackOf(string provider) => provider switch
    {
        "openai" => ("anthropic", "claude-haiku-4-5"),
        "anthropic" => ("google", "gemini-2.5-flash"),
        _ => ("openai", "gpt-5-mini"),
    };
}

/// <summary>The sampling settings of one request body, read from where each wire format puts them.</summary>
internal sealed record Sampling(double? Temperature, int? MaxTokens, double? TopP, List<string> Stop)
{
    public static Sampling Of(string provider, JsonNode body)
    {
        var (node, temperature, maxTokens, topP, stop) = provider switch
        {
            "openai" => (body, "temperature", body["max_completion_tokens"] is null ? "max_tokens" : "max_completion_tokens", "top_p", "stop"),
            "anthropic" => (body, "temperature", "max_tokens", "top_p", "stop_sequences"),
            _ => (body["generationConfig"]!, "temperature", "maxOutputTokens", "topP", "stopSequences"),
        };
        return new Sampling(
            node[temperature]?.GetValue<double>(),
            node[maxTokens]?.GetValue<int>(),
            node[topP]?.GetValue<double>(),
            node[stop] is JsonArray items ? [.. items.Select(static i => i!.GetValue<string>())] : []);
    }
}
