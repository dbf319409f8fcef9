using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Failover.Benchmarks;

/// <summary>
/// What a Failover stream adds over reading the provider's stream directly: 100 chunks from memory either way. The
/// difference divided by <see cref="InstantChatClient"/>'s chunk count is the per-chunk cost (stall timer, bookkeeping,
/// the text projection); the allocated difference is per stream. Targets: at most 20 ns per chunk and 1 KB per stream.
/// </summary>
[MemoryDiagnoser]
public class StreamingOverheadBenchmarks
{
    private const string Topic = "failover";
    private readonly IChatClient _direct = new InstantChatClient(fail: false);
    private readonly ChatOptions _options = new() { ModelId = "gpt-5-mini" };
    private ServiceProvider _services = null!;
    private IPeerBenchmarkAi _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = PeerServices.Build();
        _client = _services.GetRequiredService<IPeerBenchmarkAi>();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "Raw IChatClient stream, 100 chunks")]
    public async Task<int> RawStream()
    {
        var length = 0;
        List<ChatMessage> messages = new(1) { new(ChatRole.User, string.Concat("Write about: ", Topic)) };
        await foreach (var update in _direct.GetStreamingResponseAsync(messages, _options))
        {
            length += update.Text.Length;
        }

        return length;
    }

    [Benchmark(Description = "Failover stream, 100 chunks (Retry 3, health, total timeout)")]
    public async Task<int> FailoverStream()
    {
        var length = 0;
        await foreach (var text in _client.DraftAsync(Topic))
        {
            length += text.Length;
        }

        return length;
    }
}
