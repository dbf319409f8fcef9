using System.Text.Json.Nodes;
using Failover.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Failover.Integration.Tests;

public interface IAgentAi
{
    [ModelRoute("anthropic/claude-haiku-4-5", Owner = "agents")]
    [Fallback("openai/gpt-5-mini")]
    [Retry(MaxAttempts = 1)]
    Task<ChatResponse> ChatAsync(IEnumerable<ChatMessage> conversation, ChatOptions? options = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// Routes as IChatClients over real HTTP: ChatClientBuilder middleware around a route, tools called through failover, and
/// per-call ChatOptions in the request body each model receives.
/// </summary>
public sealed class ChatClientRouteTests
{
    private static readonly RouteDescriptor Chat = FailoverClientRegistry.RoutesOf<IAgentAi>().Single();

    [Fact]
    public async Task Function_invocation_around_a_route_calls_the_tool_and_fails_over_with_the_options_in_every_request()
    {
        await using var h = await Harness.StartAsync(configure: b => b.AddFailoverClient<IAgentAi>());
        h.Simulator.Model("claude-haiku-4-5").Always(SimulatedBehavior.Overloaded());
        h.Simulator.Model("gpt-5-mini").ReplyToolCall("get_weather", """{"city":"Paris"}""").Reply(static _ => "It is sunny in Paris.");
        var cities = new List<string>();
        var weather = AIFunctionFactory.Create((string city) => { cities.Add(city); return $"sunny in {city}"; }, "get_weather", "The weather in a city.");
        using var client = new ChatClientBuilder(h.Engine.AsChatClient(Chat)).UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Weather in Paris?")],
            new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 400, StopSequences = ["END"], Tools = [weather] });

        Assert.Equal("It is sunny in Paris.", response.Text);
        Assert.Equal(["Paris"], cities);
        var openAI = h.Simulator.Requests.Where(static r => r.Model == "gpt-5-mini").Select(static r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(2, openAI.Count); // the tool call, then the answer to the tool's result
        foreach (var body in openAI)
        {
            Assert.Equal(0.2, body["temperature"]!.GetValue<double>(), 3);
            Assert.Equal(400, body["max_completion_tokens"]!.GetValue<int>());
            Assert.Equal("END", body["stop"]![0]!.GetValue<string>());
            Assert.Equal("get_weather", body["tools"]![0]!["function"]!["name"]!.GetValue<string>());
        }

        var toolResult = openAI[1]["messages"]!.AsArray().Single(static m => m!["role"]!.GetValue<string>() == "tool");
        Assert.Contains("sunny in Paris", toolResult!["content"]!.ToString());
        // The primary was tried first on both turns, with the same options.
        var anthropic = h.Simulator.Requests.Where(static r => r.Model == "claude-haiku-4-5").Select(static r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(2, anthropic.Count);
        Assert.All(anthropic, static b => Assert.Equal(400, b["max_tokens"]!.GetValue<int>()));
        Assert.All(anthropic, static b => Assert.Equal("get_weather", b["tools"]![0]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_route_method_s_ChatOptions_parameter_reaches_the_serving_model_s_request_body()
    {
        await using var h = await Harness.StartAsync(configure: b => b.AddFailoverClient<IAgentAi>());
        h.Simulator.Model("claude-haiku-4-5").Always(SimulatedBehavior.Overloaded());
        h.Simulator.Model("gpt-5-mini").ReplyJson("""{"label":"billing"}""");
        var agent = h.Services.GetRequiredService<IAgentAi>();
        var tool = AIFunctionFactory.Create((string id) => id, "lookup_invoice");

        var response = await agent.ChatAsync(
            [new ChatMessage(ChatRole.User, "Label it.")],
            new ChatOptions { Temperature = 0.7f, ResponseFormat = ChatResponseFormat.Json, Tools = [tool], ToolMode = ChatToolMode.RequireSpecific("lookup_invoice"), ModelId = "ignored/model" });

        Assert.Equal("""{"label":"billing"}""", response.Text);
        var body = JsonNode.Parse(h.Simulator.Requests.Last(static r => r.Model == "gpt-5-mini").Body)!;
        Assert.Equal("gpt-5-mini", body["model"]!.GetValue<string>()); // the route picks the model, not the caller
        Assert.Equal(0.7, body["temperature"]!.GetValue<double>(), 3);
        Assert.Equal("json_object", body["response_format"]!["type"]!.GetValue<string>());
        Assert.Equal("lookup_invoice", body["tool_choice"]!["function"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_route_registered_by_name_is_a_keyed_chat_client_with_its_pipeline()
    {
        var calls = 0;
        await using var h = await Harness.StartAsync(configure: b => b
            .AddFailoverClient<IAgentAi>()
            .AddRouteChatClient("AgentAi.Chat", p => p.Use((messages, options, next, token) => { calls++; return next(messages, options, token); })));
        h.Simulator.Model("claude-haiku-4-5").Reply("from anthropic");

        var client = h.Services.GetRequiredKeyedService<IChatClient>("AgentAi.Chat");
        var response = await client.GetResponseAsync("hi");

        Assert.Equal("from anthropic", response.Text);
        Assert.Equal(1, calls);
        Assert.Same(Chat, client.GetService<RouteDescriptor>());
    }

    [Fact]
    public async Task A_provider_can_be_wrapped_in_a_pipeline_and_UseOpenTelemetry_there_is_warned_about()
    {
        var logs = new FakeLoggerProvider();
        var seen = new List<string?>();
        await using var h = await Harness.StartAsync(configure: b =>
        {
            b.Services.AddSingleton<ILoggerFactory>(new LoggerFactory([logs]));
            b.AddFailoverClient<IAgentAi>()
             .ConfigureProvider("anthropic", p => p.Use((messages, options, next, token) => { seen.Add(options?.ModelId); return next(messages, options, token); }))
             .ConfigureProvider("openai", p => p.UseOpenTelemetry());
        });
        h.Simulator.Model("claude-haiku-4-5").Reply("from anthropic");

        var response = await h.Services.GetRequiredService<IAgentAi>().ChatAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal("from anthropic", response.Text);
        Assert.Equal(["claude-haiku-4-5"], seen);
        var warning = Assert.Single(logs.Collector.GetSnapshot(), static r => r.Id.Id == FailoverLogEvents.DuplicateGenAITelemetry);
        Assert.Contains("Provider 'openai' is wrapped with UseOpenTelemetry", warning.Message);
    }
}
