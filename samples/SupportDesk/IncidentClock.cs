namespace SupportDesk;

/// <summary>
/// The wall clock plus the jumps the playback makes between phases ("one minute later"), so that cooldowns and
/// retry-after windows can end without the sample waiting for them. Timers (latencies, backoff) still run in real time.
/// </summary>
internal sealed class IncidentClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far the incident has jumped ahead of the wall clock.</summary>
    public TimeSpan Skipped => TimeSpan.FromTicks(Volatile.Read(ref _offsetTicks));

    public void Skip(TimeSpan span) => Interlocked.Add(ref _offsetTicks, span.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Skipped;

    public override long GetTimestamp() =>
        System.GetTimestamp() + (long)(Volatile.Read(ref _offsetTicks) * (double)TimestampFrequency / TimeSpan.TicksPerSecond);
}
