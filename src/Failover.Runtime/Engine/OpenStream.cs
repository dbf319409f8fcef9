using System;
using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>A streaming attempt that has produced its first content: the enumerator, its watch and what was read so far.</summary>
internal sealed class OpenStream
{
    public OpenStream(ModelSlot slot, IAsyncEnumerator<ChatResponseUpdate> updates, StreamWatch watch, List<ChatResponseUpdate>? preamble, ChatResponseUpdate firstContent, long started, TimeSpan timeToFirstToken, Activity? activity, bool continued, int skippedEvents)
    {
        Slot = slot;
        Updates = updates;
        Watch = watch;
        Preamble = preamble;
        FirstContent = firstContent;
        Started = started;
        TimeToFirstToken = timeToFirstToken;
        Activity = activity;
        Continued = continued;
        SkippedEvents = skippedEvents;
    }

    public ModelSlot Slot { get; }

    public IAsyncEnumerator<ChatResponseUpdate> Updates { get; }

    public StreamWatch Watch { get; }

    /// <summary>The updates read before the first content (headers, usage), or null when the stream started with content.</summary>
    public List<ChatResponseUpdate>? Preamble { get; }

    /// <summary>The update that carried the first content.</summary>
    public ChatResponseUpdate FirstContent { get; }

    public long Started { get; }

    public TimeSpan TimeToFirstToken { get; }

    /// <summary>The attempt's span; it lasts until the stream ends.</summary>
    public Activity? Activity { get; }

    /// <summary>Whether the attempt continues a broken stream from an assistant prefill (<see cref="StreamRecovery.Continue"/>).</summary>
    public bool Continued { get; }

    /// <summary>The largest count of skipped malformed events the provider reported (<see cref="StreamSignals.SkippedEvents"/>).</summary>
    public int SkippedEvents { get; set; }

    /// <summary>Ends the attempt's stream; a failure to dispose adds nothing to what already happened.</summary>
    public async System.Threading.Tasks.ValueTask CloseAsync()
    {
        try
        {
            await Updates.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Disposing a broken or cancelled provider stream may throw; the outcome is already recorded.
        }

        Watch.Dispose();
        Activity?.Dispose();
    }
}
