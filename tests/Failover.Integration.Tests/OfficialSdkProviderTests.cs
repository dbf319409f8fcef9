using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Sockets;
using Anthropic;
using Failover.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace Failover.Integration.Tests;

/// <summary>
/// Any IChatClient can serve a provider name. These use the official OpenAI and Anthropic .NET SDKs through their
/// Microsoft.Extensions.AI adapters, unchanged, over real HTTP against the simulator: their exceptions are classified
/// by the same FailureClassifier as the built-in providers' errors.
/// </summary>
public sealed class OfficialSdkProviderTests
{
    private static readonly IList<ChatMessage> Prompt = [new ChatMessage(ChatRole.User, "Is this ticket about billing?")];

    private static RouteDescriptor Route(string primary, string fallback) => new()
    {
        Name = "Sdk.Route",
        Interface = "Failover.Integration.Tests.ISdk",
        Method = "RunAsync",
        Primary = new ModelTarget(primary, 100_000, 1m, 2m),
        Fallbacks = [new ModelTarget(fallback, 200_000, 1m, 2m)],
        Retry = new RetryRule { MaxAttempts = 2, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.FromSeconds(1), Jitter = false },
        AttemptTimeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task An_OpenAI_SDK_503_is_classified_as_overloaded_retried_and_the_Anthropic_SDK_serves()
    {
        await using var sdk = await SdkHarness.StartAsync();
        sdk.Simulator.Model("gpt-5-mini").Overloaded().Always();
        sdk.Simulator.Model("claude-haiku-4-5").Reply("billing");

        var result = await sdk.Engine.RunAsync(Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"), Prompt, ResponseReaders.Text);

        Assert.Equal("billing", result.Value);
        Assert.Equal(["openai/gpt-5-mini:Overloaded:503", "openai/gpt-5-mini:Overloaded:503", "anthropic/claude-haiku-4-5:None:"],
            result.Attempts.Select(static a => $"{a.Model.Id}:{a.Failure}:{a.StatusCode}"));
        Assert.True(result.InputTokens > 0);
    }

    [Fact]
    public async Task An_Anthropic_SDK_529_is_classified_as_overloaded_and_the_OpenAI_SDK_serves()
    {
        await using var sdk = await SdkHarness.StartAsync();
        sdk.Simulator.Model("claude-haiku-4-5").Overloaded().Always();
        sdk.Simulator.Model("gpt-5-mini").Reply("billing");

        var result = await sdk.Engine.RunAsync(Route("anthropic/claude-haiku-4-5", "openai/gpt-5-mini"), Prompt, ResponseReaders.Text);

        Assert.Equal("billing", result.Value);
        Assert.Equal(FailureKind.Overloaded, result.Attempts[0].Failure);
        Assert.Equal(529, result.Attempts[0].StatusCode);
        Assert.Equal("openai/gpt-5-mini", result.ServedBy!.Id);
    }

    [Fact]
    public async Task An_OpenAI_SDK_429_asking_for_longer_than_the_rule_allows_falls_back_at_once()
    {
        await using var sdk = await SdkHarness.StartAsync();
        sdk.Simulator.Model("gpt-5-mini").RateLimited(TimeSpan.FromSeconds(20)).Always();
        sdk.Simulator.Model("claude-haiku-4-5").Reply("billing");

        var result = await sdk.Engine.RunAsync(Route("openai/gpt-5-mini", "anthropic/claude-haiku-4-5"), Prompt, ResponseReaders.Text);

        // The SDK's retry-after header was read from its raw response: 20 s is over the rule's 1 s, so no retry.
        Assert.Equal(["openai/gpt-5-mini:RateLimited", "anthropic/claude-haiku-4-5:None"], result.Attempts.Select(static a => $"{a.Model.Id}:{a.Failure}"));
    }

    [Fact]
    public async Task A_refused_connection_inside_an_SDK_exception_is_a_connection_failure()
    {
        await using var sdk = await SdkHarness.StartAsync(anthropicRefused: true);
        sdk.Simulator.Model("gpt-5-mini").Reply("billing");

        var result = await sdk.Engine.RunAsync(Route("anthropic/claude-haiku-4-5", "openai/gpt-5-mini"), Prompt, ResponseReaders.Text);

        Assert.Equal("billing", result.Value);
        Assert.All(result.Attempts.Take(2), static a => Assert.Equal(FailureKind.Connection, a.Failure));
    }

    private sealed class SdkHarness : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        private SdkHarness(ProviderSimulator simulator, ServiceProvider services)
        {
            Simulator = simulator;
            _services = services;
        }

        public ProviderSimulator Simulator { get; }

        public FailoverEngine Engine => _services.GetRequiredService<FailoverEngine>();

        public static async Task<SdkHarness> StartAsync(bool anthropicRefused = false)
        {
            var simulator = await ProviderSimulator.StartAsync();

            // The SDKs' own retries are off: retrying is the route's job.
            var openAi = new OpenAI.Chat.ChatClient(
                "gpt-5-mini",
                new ApiKeyCredential("sk-sim-openai"),
                new OpenAIClientOptions { Endpoint = simulator.OpenAIBaseUrl, RetryPolicy = new ClientRetryPolicy(0) });
            var anthropicUrl = anthropicRefused ? $"http://127.0.0.1:{ClosedPort()}/anthropic/" : simulator.AnthropicBaseUrl.ToString();
            var anthropic = new AnthropicClient { ApiKey = "sk-ant-sim", BaseUrl = anthropicUrl, MaxRetries = 0 };

            var services = new ServiceCollection();
            services.AddFailover(f => f
                .AddProvider("openai", openAi.AsIChatClient())
                .AddProvider("anthropic", anthropic.AsIChatClient("claude-haiku-4-5")));
            return new SdkHarness(simulator, services.BuildServiceProvider());
        }

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            await Simulator.DisposeAsync();
        }

        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
