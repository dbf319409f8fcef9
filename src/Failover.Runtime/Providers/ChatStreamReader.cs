using System;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// The state of one streamed answer in a provider's wire format: <see cref="HttpChatClient"/> feeds it the
/// server-sent events in order and yields the updates it returns. A stream that ends before <see cref="Completed"/>
/// (the provider's finish marker) is a <see cref="FailureKind.StreamInterrupted"/> failure with <see cref="IncompleteMessage"/>;
/// one that ends after it is a complete answer, whether or not a trailing end marker such as <c>[DONE]</c> followed.
/// </summary>
internal abstract class ChatStreamReader
{
    /// <summary>Whether the provider's finish marker has arrived: the answer is whole.</summary>
    public bool Completed { get; protected set; }

    /// <summary>Whether nothing more is expected: reading stops after the current event.</summary>
    public bool Stopped { get; protected set; }

    /// <summary>What the failure says when the stream ends before <see cref="Completed"/>.</summary>
    public abstract string IncompleteMessage { get; }

    /// <summary>Checked on the raw data before it is parsed as JSON: true for a non-JSON end marker, which ends the stream.</summary>
    public virtual bool IsEndMarker(ReadOnlySpan<byte> data) => false;

    /// <summary>Called when <see cref="IsEndMarker"/> matched.</summary>
    public virtual void OnEndMarker() => Stopped = true;

    /// <summary>Reads one event; returns the update to yield, or null when there is nothing to pass on.</summary>
    public abstract ChatResponseUpdate? Read(JsonElement root, string eventType);
}
