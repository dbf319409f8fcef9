using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>A streaming attempt that has produced its first chunk: the enumerator, its cancellation and what was read so far.</summary>
internal sealed class OpenStream
{
    public OpenStream(ModelSlot slot, IAsyncEnumerator<ChatResponseUpdate> updates, CancellationTokenSource cancellation, List<ChatResponseUpdate> firstChunks, long started, TimeSpan timeToFirstToken, Activity? activity)
    {
        Slot = slot;
        Updates = updates;
        Cancellation = cancellation;
        FirstChunks = firstChunks;
        Started = started;
        TimeToFirstToken = timeToFirstToken;
        Activity = activity;
    }

    public ModelSlot Slot { get; }

    public IAsyncEnumerator<ChatResponseUpdate> Updates { get; }

    public CancellationTokenSource Cancellation { get; }

    public List<ChatResponseUpdate> FirstChunks { get; }

    public long Started { get; }

    public TimeSpan TimeToFirstToken { get; }

    /// <summary>The attempt's span; it lasts until the stream ends.</summary>
    public Activity? Activity { get; }
}
