using Failover;
using Microsoft.Extensions.AI;

namespace Failover.Benchmarks;

/// <summary>A provider that answers at once from memory, or fails at once, so that only routing overhead is measured.</summary>
internal sealed class InstantChatClient(bool fail) : IChatClient
{
    private static readonly Task<ChatResponse> s_answer = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "billing"))
    {
        Usage = new UsageDetails { InputTokenCount = 20, OutputTokenCount = 1 },
    });


    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        fail ? Task.FromException<ChatResponse>(new ProviderException(FailureKind.Overloaded, "HTTP 503", 503)) : s_answer;

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
