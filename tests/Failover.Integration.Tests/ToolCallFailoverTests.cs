using System.Text.Json.Nodes;
using Failover.Testing;
using Microsoft.Extensions.AI;

namespace Failover.Integration.Tests;

/// <summary>
/// Tool calling end to end with failover, over real HTTP: a route used through <c>ChatClientBuilder().UseFunctionInvocation()</c>,
/// its primary failing with a 503, so a fallback on another wire format serves the tool call and then, given the tool's
/// result, the final answer. Every wire format as the serving fallback, plain and streamed.
/// </summary>
public sealed class ToolCallFailoverTests
{
    public static TheoryData<string, bool> Cases => new()
    {
        { "openai", false }, { "openai", true },
        { "anthropic", false }, { "anthropic", true },
        { "google", false }, { "google", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_fallback_serves_the_tool_call_and_the_final_answer(string fallbackProvider, bool stream)
    {
        await using var h = await Harness.StartAsync();
        var fallback = WireFormat.Named(fallbackProvider);
        var primary = WireFormat.All.First(w => w != fallback);
        var route = new RouteDescriptor
        {
            Name = "Tools." + fallbackProvider,
            Interface = "Failover.Integration.Tests.IToolAi",
            Method = "ChatAsync",
            Primary = new ModelTarget(primary.PrimaryId),
            Fallbacks = [new ModelTarget(fallback.PrimaryId)],
        };
        h.Simulator.Model(primary.Primary).Always(SimulatedBehavior.Status(503));
        h.Simulator.Model(fallback.Primary).ReplyToolCall("get_weather", """{"city":"Paris"}""").Reply(static _ => "It is sunny in Paris.");
        var cities = new List<string>();
        var weather = AIFunctionFactory.Create((string city) => { cities.Add(city); return $"sunny in {city}"; }, "get_weather", "The weather in a city.");
        using var client = new ChatClientBuilder(h.Engine.AsChatClient(route)).UseFunctionInvocation().Build();
        ChatMessage[] conversation = [new(ChatRole.User, "Weather in Paris?")];
        var options = new ChatOptions { Tools = [weather] };

        var text = stream
            ? await Collect(client.GetStreamingResponseAsync(conversation, options)).WaitAsync(TimeSpan.FromSeconds(30))
            : (await client.GetResponseAsync(conversation, options).WaitAsync(TimeSpan.FromSeconds(30))).Text;

        Assert.Equal("It is sunny in Paris.", text);
        Assert.Equal(["Paris"], cities);
        Assert.Equal(2, h.Simulator.RequestCount(primary.Primary)); // tried first on both turns
        var served = h.Simulator.Requests.Where(r => r.Model == fallback.Primary).ToList();
        Assert.Equal(2, served.Count); // the tool call, then the answer to the tool's result
        Assert.All(served, r => Assert.Equal(stream, r.IsStreaming));
        Assert.All(served, r => Assert.Contains("get_weather", r.Body, StringComparison.Ordinal)); // the tool was offered
        Assert.Contains("sunny in Paris", ToolResultOf(fallbackProvider, JsonNode.Parse(served[1].Body)!), StringComparison.Ordinal);
    }

    private static async Task<string> Collect(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list.ToChatResponse().Text;
    }

    /// <summary>The tool result the follow-up request carries, in the wire format's own shape.</summary>
    private static string ToolResultOf(string provider, JsonNode body) => provider switch
    {
        "openai" => body["messages"]!.AsArray().Single(static m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.ToJsonString(),
        "anthropic" => body["messages"]!.AsArray().SelectMany(static m => m!["content"] as JsonArray ?? [])
            .Single(static b => b!["type"]?.GetValue<string>() == "tool_result")!.ToJsonString(),
        _ => body["contents"]!.AsArray().SelectMany(static c => c!["parts"]!.AsArray())
            .Single(static p => p!["functionResponse"] is not null)!.ToJsonString(),
    };
}
