using System.Runtime.CompilerServices;
using Failover;
using Microsoft.Extensions.AI;

namespace Failover.Benchmarks;

/// <summary>A provider that answers at once from memory, or fails at once, so that only routing overhead is measured.</summary>
internal sealed class InstantChatClient(bool fail, int chunks = 100) : IChatClient
{
    private static readonly Task<ChatResponse> s_answer = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "billing"))
    {
        Usage = new UsageDetails { InputTokenCount = 20, OutputTokenCount = 1 },
    });

    private static readonly ChatResponseUpdate s_chunk = new(ChatRole.Assistant, "word ");

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        fail ? Task.FromException<ChatResponse>(new ProviderException(FailureKind.Overloaded, "HTTP 503", 503)) : s_answer;

    /// <summary>Yields <c>chunks</c> updates of one word, all from memory (the same update each time: only the reader's cost is measured).</summary>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        fail ? throw new ProviderException(FailureKind.Overloaded, "HTTP 503", 503) : Stream(cancellationToken);

    private async IAsyncEnumerable<ChatResponseUpdate> Stream([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < chunks; i++)
        {
            yield return s_chunk;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
