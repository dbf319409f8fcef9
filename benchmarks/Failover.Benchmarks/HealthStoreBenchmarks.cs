using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Failover.Redis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Failover.Benchmarks;

/// <summary>
/// What the Redis health store adds per request on the success path, against the in-memory store in the same run.
/// The Redis store reads only local state on this path, so the difference should be tens of nanoseconds, never a
/// round trip. Needs redis-server on the PATH (started here on a free port on 127.0.0.1, stopped after).
/// </summary>
[MemoryDiagnoser]
public class HealthStoreBenchmarks
{
    private const string Ticket = "I was charged twice this month.";
    private Process _redis = null!;
    private ConnectionMultiplexer _connection = null!;
    private ServiceProvider _inMemory = null!;
    private ServiceProvider _shared = null!;
    private IBenchmarkAi _inMemoryClient = null!;
    private IBenchmarkAi _sharedClient = null!;
    private IRouteHealthStore _inMemoryStore = null!;
    private IRouteHealthStore _sharedStore = null!;
    private readonly ModelTarget _model = new("openai/gpt-5-mini");

    [GlobalSetup]
    public void Setup()
    {
        var port = FreePort();
        _redis = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no") { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("redis-server is not installed: apt-get install -y redis-server");
        _redis.BeginOutputReadLine();
        try
        {
            Connect(port);
        }
        catch
        {
            // Never leave the server running when the setup fails.
            _redis.Kill();
            throw;
        }
    }

    private void Connect(int port)
    {
        _connection = ConnectionMultiplexer.Connect(new ConfigurationOptions { EndPoints = { $"127.0.0.1:{port}" }, AbortOnConnectFail = false, ConnectRetry = 20 });

        _inMemory = Build(builder => { });
        _shared = Build(builder => builder.UseRedisHealthStore(_connection, o => o.KeyPrefix = "bench"));
        _inMemoryClient = _inMemory.GetRequiredService<IBenchmarkAi>();
        _sharedClient = _shared.GetRequiredService<IBenchmarkAi>();
        _inMemoryStore = _inMemory.GetRequiredService<IRouteHealthStore>();
        _sharedStore = _shared.GetRequiredService<IRouteHealthStore>();
        if (!((RedisRouteHealthStore)_sharedStore).IsSharing)
        {
            throw new InvalidOperationException("The benchmark's redis-server is not reachable.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _inMemory.Dispose();
        _shared.Dispose();
        _connection.Dispose();
        _redis.Kill();
        _redis.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Failover client, primary serves, in-memory store")]
    public Task<string> InMemoryClient() => _inMemoryClient.ClassifyAsync(Ticket);

    [Benchmark(Description = "Failover client, primary serves, Redis store")]
    public Task<string> RedisClient() => _sharedClient.ClassifyAsync(Ticket);

    [Benchmark(Description = "Store only: TryEnter + OnSuccess, in-memory")]
    public bool InMemoryStore()
    {
        var verdict = _inMemoryStore.TryEnter(_model);
        _inMemoryStore.OnSuccess(_model);
        return verdict.IsAvailable;
    }

    [Benchmark(Description = "Store only: TryEnter + OnSuccess, Redis")]
    public bool RedisStore()
    {
        var verdict = _sharedStore.TryEnter(_model);
        _sharedStore.OnSuccess(_model);
        return verdict.IsAvailable;
    }

    private static ServiceProvider Build(Action<FailoverBuilder> store)
    {
        var services = new ServiceCollection();
        var builder = services.AddFailover(b => b
                .AddProvider("openai", new InstantChatClient(fail: false))
                .AddProvider("anthropic", new InstantChatClient(fail: false))
                .AddProvider("google", new InstantChatClient(fail: true)))
            .AddFailoverClient<IBenchmarkAi>();
        store(builder);
        return services.BuildServiceProvider();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
