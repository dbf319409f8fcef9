namespace Failover;

/// <summary>
/// Keys a streaming <c>IChatClient</c> can set in <c>ChatResponseUpdate.AdditionalProperties</c> to tell the
/// engine what it saw on the wire. The built-in providers set them; a custom client may too.
/// </summary>
public static class StreamSignals
{
    /// <summary>
    /// An <see cref="int"/>: how many malformed events the client skipped so far in this stream. The engine
    /// reports the largest value it saw in the attempt's routing event and metrics.
    /// </summary>
    public const string SkippedEvents = "failover.skipped_events";
}
