using System;

namespace Failover;

/// <summary>
/// Optional for an <see cref="IRouteHealthStore"/>: announces every change of the store's state, so the engine may
/// remember a model it was told to skip and skip it again without asking, until the skip's
/// <see cref="HealthVerdict.Until"/> or the next change, whichever comes first. Both built-in stores implement it; a
/// store that does not is asked before every model, as always.
/// </summary>
/// <remarks>
/// A store that implements it promises that a skip verdict it gives (<see cref="HealthVerdict.IsAvailable"/> false,
/// with an <see cref="HealthVerdict.Until"/>) stays its answer until that time, read on <see cref="TimeProvider"/>,
/// unless <see cref="Version"/> grows first; and that <see cref="Version"/> grows after (never before) every change
/// that could alter an answer: a breaker closed, a cooldown set or ended early, a trial released, settings reloaded, a
/// state merged from other instances. The engine never remembers a spent rate budget (a later request must be counted)
/// and only remembers verdicts of a store on its own clock (one whose UTC time and timestamps come from one
/// implementation, such as <see cref="TimeProvider.System"/> or <c>FakeTimeProvider</c>).
/// </remarks>
public interface IRouteHealthChanges
{
    /// <summary>The clock of the verdicts' <see cref="HealthVerdict.Until"/>: the engine remembers skips only when it is its own.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Grows after every change of the store's state; read without a lock.</summary>
    long Version { get; }

    /// <summary>
    /// Raised after <see cref="Version"/> grew, on the thread that made the change (a request, or the Redis store's
    /// subscription, refresh and connection events). Handlers must be quick and must not throw; an exception is ignored.
    /// </summary>
    event EventHandler? Changed;
}
