using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Failover.Benchmarks;

/// <summary>
/// What a Failover stream adds over reading the provider's stream directly, with 1 and with 100 chunks from memory.
/// The per-stream cost is the 1-chunk difference; the per-chunk cost is how much the difference grows from 1 to 100
/// chunks, divided by 99 (stall watch, bookkeeping, the text projection). Targets: at most 20 ns per chunk and 1 KB per
/// stream.
/// </summary>
[MemoryDiagnoser]
public class StreamingOverheadBenchmarks
{
    private const string Topic = "failover";
    private IChatClient _direct = null!;
    private readonly ChatOptions _options = new() { ModelId = "gpt-5-mini" };
    private ServiceProvider _services = null!;
    private IPeerBenchmarkAi _client = null!;

    /// <summary>Content chunks per stream.</summary>
    [Params(1, 100)]
    public int Chunks { get; set; } = 100;

    [GlobalSetup]
    public void Setup()
    {
        _direct = new InstantChatClient(fail: false, Chunks);
        _services = PeerServices.Build(chunks: Chunks);
        _client = _services.GetRequiredService<IPeerBenchmarkAi>();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "Raw IChatClient stream")]
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

    [Benchmark(Description = "Failover stream (Retry 3, health, total timeout)")]
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
