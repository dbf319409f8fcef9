using Failover;
using Microsoft.Extensions.AI;

namespace QuickStart;

/// <summary>A stand-in for a provider SDK during an incident: it fails with a fixed HTTP status, or answers.</summary>
internal sealed class IncidentChatClient(string provider, int? failWithStatus, string? errorCode = null) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (failWithStatus is { } status)
        {
            // The same mapping the built-in HTTP providers use for real error bodies.
            var failure = FailureClassifier.FromHttp(status, errorCode, null, $"{provider} answered {status}", null);
            throw new ProviderException(failure.Kind, failure.Message, status, failure.ProviderErrorCode);
        }

        var ticket = messages.Last().Text;
        var label = ticket.Contains("charged", StringComparison.OrdinalIgnoreCase) ? "billing" : "bug";
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, label))
        {
            ModelId = options?.ModelId,
            Usage = new UsageDetails { InputTokenCount = ticket.Length / 4, OutputTokenCount = 1 },
        });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
