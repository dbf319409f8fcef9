using System;

namespace Failover;

/// <summary>
/// The breaker of one model or provider: Closed (counting consecutive failures), Open until a time, then Half-open
/// (one trial allowed). Not thread-safe by itself; <see cref="InMemoryRouteHealthStore"/> locks around it.
/// </summary>
internal sealed class CircuitState
{
    private int _consecutiveFailures;
    private DateTimeOffset? _openUntil;
    private bool _trialInFlight;
    private DateTimeOffset _trialExpires;
    private string _reason = string.Empty;
    private volatile bool _settled = true;
    private volatile OpenBreaker? _open;

    /// <summary>
    /// Closed with no failure counted and no trial running: <see cref="TryEnter"/> would answer Available and
    /// <see cref="Success"/> would change nothing. Volatile so the store can read it without its lock on the hot path.
    /// </summary>
    public bool IsSettled => _settled;

    /// <summary>
    /// Whether the breaker has an open-until time (open, or half-open once it passed); null when closed. Volatile and
    /// immutable, so the store can answer a skip of an open breaker without its lock and without building its reason.
    /// </summary>
    public OpenBreaker? Open => _open;

    /// <summary>Whether a request may go to the subject; the reason names it as <c>{kind} '{name}'</c>, built only when it may not.</summary>
    /// <param name="now">The store's clock.</param>
    /// <param name="kind">"model" or "provider", for the reason.</param>
    /// <param name="name">The subject, for the reason.</param>
    /// <param name="trialLease">
    /// How long a half-open trial holds the breaker. A trial whose outcome never comes back (its call was cancelled
    /// before it reached the model, or its caller vanished) must not hold the breaker half-open for ever: after the
    /// lease another request may try, as Polly's breaker allows one trial per break duration.
    /// </param>
    public HealthVerdict TryEnter(DateTimeOffset now, string kind, string name, TimeSpan trialLease)
    {
        if (_openUntil is not { } until)
        {
            return HealthVerdict.Available;
        }

        if (now < until)
        {
            return _open!.Verdict(kind, name);
        }

        if (_trialInFlight && now < _trialExpires)
        {
            return HealthVerdict.Unavailable(until, $"{kind} '{name}' is half-open and another request is running its trial");
        }

        _trialInFlight = true;
        _trialExpires = now + trialLease;
        _settled = false;
        return HealthVerdict.Available;
    }

    public void Success()
    {
        _consecutiveFailures = 0;
        _openUntil = null;
        _open = null;
        _trialInFlight = false;
        _settled = true;
    }

    /// <summary>Counts a breaker failure; opens at the threshold, or at once when it was the half-open trial.</summary>
    public void CountFailure(DateTimeOffset now, int threshold, TimeSpan breakDuration)
    {
        _consecutiveFailures++;
        _settled = false;
        if (_trialInFlight || _consecutiveFailures >= Math.Max(1, threshold))
        {
            OpenUntil(now + breakDuration, $"has its circuit open after {_consecutiveFailures} consecutive failures");
        }
    }

    /// <summary>Skips the subject until <paramref name="until"/> (a cooldown), unless it is already open for longer.</summary>
    public void CoolDown(DateTimeOffset until, string reason)
    {
        if (_openUntil is { } current && current >= until && !_trialInFlight)
        {
            return;
        }

        OpenUntil(until, reason);
    }

    /// <summary>Ends a half-open trial without a verdict; true when one was running (so another request may now try).</summary>
    public bool Release()
    {
        var running = _trialInFlight;
        _trialInFlight = false;
        return running;
    }

    private void OpenUntil(DateTimeOffset until, string reason)
    {
        _openUntil = until;
        _trialInFlight = false;
        _reason = reason;
        _settled = false;
        _open = new OpenBreaker(until, reason);
    }

    /// <summary>An open period of the breaker: until when, and why; the skip verdict's text is built once per period.</summary>
    internal sealed class OpenBreaker(DateTimeOffset until, string reason)
    {
        private string? _message;

        public DateTimeOffset Until { get; } = until;

        public HealthVerdict Verdict(string kind, string name) =>
            HealthVerdict.Unavailable(Until, _message ??= $"{kind} '{name}' {reason} until {Until:O}");
    }
}
