using System.ClientModel;
using Failover.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;

namespace Failover.Benchmarks;

/// <summary>
/// The five clients the HTTP loopback benchmarks compare, all against one provider simulator (Kestrel on 127.0.0.1):
/// the official OpenAI SDK, the built-in OpenAI-compatible provider, the SDK's <see cref="IChatClient"/> adapter, and a
/// Failover route over each of the last two. Each call sends the same one-message request and returns the answer text.
/// </summary>
internal sealed class HttpLoopbackClients : IAsyncDisposable
{
    private const string Ticket = "I was charged twice this month.";

    // A placeholder the simulator accepts; no real key is ever used by the benchmarks.
    private const string ApiKey = "sk-bench";

    private readonly Microsoft.Extensions.AI.ChatOptions _options = new() { ModelId = "gpt-5-mini" };
    private readonly ProviderSimulator _simulator;
    private readonly ChatClient _sdk;
    private readonly IChatClient _sdkAdapter;
    private readonly IChatClient _builtIn;
    private readonly ServiceProvider _builtInServices;
    private readonly ServiceProvider _sdkServices;
    private readonly IHttpBenchmarkAi _builtInRoute;
    private readonly IHttpBenchmarkAi _sdkRoute;

    private HttpLoopbackClients(ProviderSimulator simulator)
    {
        _simulator = simulator;
        _sdk = new ChatClient("gpt-5-mini", new ApiKeyCredential(ApiKey), new OpenAIClientOptions { Endpoint = simulator.OpenAIBaseUrl });
        _sdkAdapter = _sdk.AsIChatClient();
        _builtIn = new OpenAIChatClient(new HttpClient(), ApiKey, new HttpProviderOptions { BaseUrl = simulator.OpenAIBaseUrl });

        var builtIn = new ServiceCollection();
        builtIn.AddFailover(b => b.AddOpenAI(ApiKey, o => o.BaseUrl = simulator.OpenAIBaseUrl)).AddFailoverClient<IHttpBenchmarkAi>();
        _builtInServices = builtIn.BuildServiceProvider();
        _builtInRoute = _builtInServices.GetRequiredService<IHttpBenchmarkAi>();

        var sdk = new ServiceCollection();
        sdk.AddFailover(b => b.AddProvider("openai", _sdkAdapter)).AddFailoverClient<IHttpBenchmarkAi>();
        _sdkServices = sdk.BuildServiceProvider();
        _sdkRoute = _sdkServices.GetRequiredService<IHttpBenchmarkAi>();
    }

    public static HttpLoopbackClients Start() => new(ProviderSimulator.StartAsync().GetAwaiter().GetResult());

    public async Task<string> SdkAsync()
    {
        var completion = await _sdk.CompleteChatAsync([new UserChatMessage(string.Concat("Classify: ", Ticket))]);
        return completion.Value.Content[0].Text;
    }

    public async Task<string> BuiltInAsync() => (await _builtIn.GetResponseAsync(Messages(), _options)).Text;

    public async Task<string> SdkAdapterAsync() => (await _sdkAdapter.GetResponseAsync(Messages(), _options)).Text;

    public Task<string> RouteBuiltInAsync() => _builtInRoute.ClassifyAsync(Ticket);

    public Task<string> RouteSdkAsync() => _sdkRoute.ClassifyAsync(Ticket);

    public async ValueTask DisposeAsync()
    {
        await _builtInServices.DisposeAsync();
        await _sdkServices.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private static List<Microsoft.Extensions.AI.ChatMessage> Messages() => new(1) { new(ChatRole.User, string.Concat("Classify: ", Ticket)) };
}
