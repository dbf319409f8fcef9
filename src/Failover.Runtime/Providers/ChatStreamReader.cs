using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// The state of one streamed answer in a provider's wire format: <see cref="HttpChatClient"/> feeds it the
/// server-sent events in order and yields the updates it returns. A stream that ends before <see cref="Completed"/>
/// is an <see cref="FailureKind.InvalidResponse"/> failure with <see cref="IncompleteMessage"/>.
/// </summary>
internal abstract class ChatStreamReader
{
    /// <summary>Whether the provider's end-of-answer signal has arrived.</summary>
    public bool Completed { get; protected set; }

    /// <summary>Whether to stop reading events after the current one.</summary>
    public bool Stopped { get; protected set; }

    /// <summary>What the failure says when the stream ends before <see cref="Completed"/>.</summary>
    public abstract string IncompleteMessage { get; }

    /// <summary>Checked before the event is parsed as JSON: true for a non-JSON end marker, which ends the stream.</summary>
    public virtual bool IsEndMarker(ServerSentEvent sse) => false;

    /// <summary>Reads one event; returns the update to yield, or null when there is nothing to pass on.</summary>
    public abstract ChatResponseUpdate? Read(JsonElement root, ServerSentEvent sse);
}
