using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Failover.Redis.Tests;

/// <summary>A provider whose models answer or fail as the test says, counting calls per model.</summary>
internal sealed class FakeChatClient : IChatClient
{
    private readonly ConcurrentDictionary<string, Func<ChatResponse>> _behaviour = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public FakeChatClient Answer(string model, string text, long tokens = 15)
    {
        _behaviour[model] = () => new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = model,
            Usage = new UsageDetails { InputTokenCount = tokens - 5, OutputTokenCount = 5 },
        };
        return this;
    }

    public FakeChatClient Fail(string model, FailureKind kind, int status, TimeSpan? retryAfter = null)
    {
        _behaviour[model] = () => throw new ProviderException(kind, $"{model}: HTTP {status}", status, retryAfter: retryAfter);
        return this;
    }

    public int CallsTo(string model) => _calls.TryGetValue(model, out var count) ? count : 0;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? throw new InvalidOperationException("The engine must set ChatOptions.ModelId.");
        _calls.AddOrUpdate(model, 1, static (_, count) => count + 1);
        try
        {
            return Task.FromResult(_behaviour.TryGetValue(model, out var behaviour) ? behaviour() : throw new InvalidOperationException("no behaviour for " + model));
        }
        catch (Exception error)
        {
            return Task.FromException<ChatResponse>(error);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
