using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace Failover;

/// <summary>
/// A skip verdict of the health store, remembered on its slot: while the store's <see cref="IRouteHealthChanges.Version"/>
/// is the one it was given under and the engine's clock has not reached <see cref="EndsAt"/> (the verdict's end, a little
/// early), the engine skips the slot's model without asking the store. Any change the store announces, and the clock
/// reaching the end, send the next request to the store again, so half-open trials start exactly when they did.
/// </summary>
internal sealed class RememberedSkip(HealthVerdict verdict, long version, long endsAt)
{
    // Renewed when the store, asked again after an unrelated change, gave the same verdict: no new memo per change.
    private long _version = version;

    public HealthVerdict Verdict { get; } = verdict;

    /// <summary>The verdict's end, for the last-resort choice.</summary>
    public DateTimeOffset Until { get; } = verdict.Until!.Value;

    /// <summary>The verdict's reason, for the Skipped event.</summary>
    public string Reason { get; } = verdict.Reason ?? "unhealthy";

    /// <summary>A timestamp on the engine's clock; from then on the store is asked again.</summary>
    public long EndsAt { get; } = endsAt;

    /// <summary>
    /// Whether skips can be remembered on <paramref name="time"/>: the memo's end is the verdict's UTC end carried over
    /// to the clock's timestamps, which is only right when both come from one implementation (the system clock, or a
    /// provider such as <c>FakeTimeProvider</c> that overrides both). A provider that overrides only one of them, say
    /// a UTC time that can jump while its timestamps run on, gets no memo: the store is asked every time.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Where trimming removed the members' metadata the lookup finds nothing and no skip is remembered: the store is asked every time, as without the memo.")]
    public static bool CanTime(TimeProvider time)
    {
        if (ReferenceEquals(time, TimeProvider.System)) // clock: an identity check on the injected provider, no clock read
        {
            return true;
        }

        var type = time.GetType();
        var utcNow = type.GetMethod(nameof(TimeProvider.GetUtcNow), Type.EmptyTypes);
        var timestamp = type.GetMethod(nameof(TimeProvider.GetTimestamp), Type.EmptyTypes);
        return utcNow is not null && timestamp is not null && utcNow.DeclaringType == timestamp.DeclaringType;
    }

    /// <summary>Whether the verdict is still the store's answer: no change since, and <paramref name="now"/> before its end.</summary>
    public bool Holds(long version, long now) => version == Volatile.Read(ref _version) && now < EndsAt;

    /// <summary>
    /// The store gave the same verdict under <paramref name="version"/>. A racing renewal may leave an older version
    /// here: the memo is then stale, and the store asked once more.
    /// </summary>
    public void Renew(long version) => Volatile.Write(ref _version, version);
}
