using System.ClientModel;
using BenchmarkDotNet.Attributes;
using Failover.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;

namespace Failover.Benchmarks;

/// <summary>
/// One chat completion over real HTTP to the provider simulator (Kestrel on 127.0.0.1), one request at a time: the
/// official OpenAI SDK (the baseline), the built-in OpenAI-compatible provider, the SDK's <see cref="IChatClient"/>
/// adapter, and a Failover route over each of the last two. Socket, Kestrel and JSON dominate; the rows show what each
/// client and the route add to a real request.
/// </summary>
[MemoryDiagnoser]
public class HttpLoopbackBenchmarks
{
    private const string Ticket = "I was charged twice this month.";
    private const string ApiKey = "sk-bench";
    private readonly Microsoft.Extensions.AI.ChatOptions _options = new() { ModelId = "gpt-5-mini" };
    private ProviderSimulator _simulator = null!;
    private ChatClient _sdk = null!;
    private IChatClient _sdkAdapter = null!;
    private IChatClient _builtIn = null!;
    private ServiceProvider _builtInServices = null!;
    private ServiceProvider _sdkServices = null!;
    private IHttpBenchmarkAi _builtInRoute = null!;
    private IHttpBenchmarkAi _sdkRoute = null!;

    [GlobalSetup]
    public void Setup()
    {
        _simulator = ProviderSimulator.StartAsync().GetAwaiter().GetResult();
        _sdk = new ChatClient("gpt-5-mini", new ApiKeyCredential(ApiKey), new OpenAIClientOptions { Endpoint = _simulator.OpenAIBaseUrl });
        _sdkAdapter = _sdk.AsIChatClient();
        _builtIn = new OpenAIChatClient(new HttpClient(), ApiKey, new HttpProviderOptions { BaseUrl = _simulator.OpenAIBaseUrl });

        var builtIn = new ServiceCollection();
        builtIn.AddFailover(b => b.AddOpenAI(ApiKey, o => o.BaseUrl = _simulator.OpenAIBaseUrl)).AddFailoverClient<IHttpBenchmarkAi>();
        _builtInServices = builtIn.BuildServiceProvider();
        _builtInRoute = _builtInServices.GetRequiredService<IHttpBenchmarkAi>();

        var sdk = new ServiceCollection();
        sdk.AddFailover(b => b.AddProvider("openai", _sdkAdapter)).AddFailoverClient<IHttpBenchmarkAi>();
        _sdkServices = sdk.BuildServiceProvider();
        _sdkRoute = _sdkServices.GetRequiredService<IHttpBenchmarkAi>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _builtInServices.Dispose();
        _sdkServices.Dispose();
        _simulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "OpenAI SDK ChatClient")]
    public async Task<string> Sdk()
    {
        var completion = await _sdk.CompleteChatAsync([new UserChatMessage(string.Concat("Classify: ", Ticket))]);
        return completion.Value.Content[0].Text;
    }

    [Benchmark(Description = "Built-in OpenAI provider (IChatClient)")]
    public async Task<string> BuiltIn() => (await _builtIn.GetResponseAsync(Messages(), _options)).Text;

    [Benchmark(Description = "OpenAI SDK as IChatClient (MEAI adapter)")]
    public async Task<string> SdkAdapter() => (await _sdkAdapter.GetResponseAsync(Messages(), _options)).Text;

    [Benchmark(Description = "Failover route, built-in provider")]
    public Task<string> RouteBuiltIn() => _builtInRoute.ClassifyAsync(Ticket);

    [Benchmark(Description = "Failover route, SDK IChatClient as provider")]
    public Task<string> RouteSdk() => _sdkRoute.ClassifyAsync(Ticket);

    private static List<Microsoft.Extensions.AI.ChatMessage> Messages() => new(1) { new(ChatRole.User, string.Concat("Classify: ", Ticket)) };
}
