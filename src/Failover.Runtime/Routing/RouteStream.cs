using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// A route's stream: enumerate it like any <see cref="IAsyncEnumerable{T}"/> (of <see cref="string"/> or of
/// <see cref="ChatResponseUpdate"/>); once it has ended, it tells which model served and what that cost, without an
/// event sink. With <see cref="StreamRecovery.Restart"/>, <see cref="Restarted"/> fires before the new model's first
/// chunk (for string streams it is the reset signal; update streams also get a <see cref="StreamRestartUpdate"/>).
/// Each enumeration runs the route again; the properties describe the latest run.
/// </summary>
/// <typeparam name="T"><see cref="string"/> (text chunks) or <see cref="ChatResponseUpdate"/>.</typeparam>
public sealed class RouteStream<T> : IAsyncEnumerable<T>, IRouteStreamObserver
{
    private readonly StreamRun _run;
    private IReadOnlyList<RouteAttempt> _attempts = Array.Empty<RouteAttempt>();

    internal RouteStream(RouteDescriptor route, StreamRun run)
    {
        if (typeof(T) != typeof(string) && typeof(T) != typeof(ChatResponseUpdate))
        {
            throw new NotSupportedException($"A route stream yields string or ChatResponseUpdate, not {typeof(T).Name}.");
        }

        Route = route;
        _run = run;
    }

    /// <summary>
    /// Raised when a <see cref="StreamRecovery.Restart"/> route starts over on another model: discard what was received,
    /// the next chunk begins the new model's complete answer. Raised on the enumerating thread, before that chunk.
    /// </summary>
    public event Action<StreamRestart>? Restarted;

    /// <summary>The route that runs.</summary>
    public RouteDescriptor Route { get; }

    /// <summary>Whether the latest enumeration ran to the end of a complete answer.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>The model that served the answer the caller ended with; null until the stream completed.</summary>
    public ModelTarget? ServedBy { get; private set; }

    /// <summary>The serving model's role in the plan.</summary>
    public SlotRole ServedRole { get; private set; }

    /// <summary>Whether a fallback (or hedge) served the answer.</summary>
    public bool IsFallback => ServedBy is not null && ServedRole is SlotRole.Fallback or SlotRole.Hedge;

    /// <summary>The serving model's usage as its provider reported it; null until the stream completed or when it reported none.</summary>
    public UsageDetails? Usage { get; private set; }

    /// <summary>Every attempt of the latest enumeration, retries, broken streams and restarts included.</summary>
    public IReadOnlyList<RouteAttempt> Attempts => _attempts;

    /// <summary>Input tokens over every attempt.</summary>
    public long InputTokens { get; private set; }

    /// <summary>Output tokens over every attempt (a broken stream's partial answer included).</summary>
    public long OutputTokens { get; private set; }

    /// <summary>The cost over every attempt in US dollars, when prices were known.</summary>
    public decimal? Cost { get; private set; }

    /// <summary>How many times the stream started over on another model.</summary>
    public int Restarts { get; private set; }

    /// <summary>How many times the stream was continued by another model from an assistant prefill.</summary>
    public int Continuations { get; private set; }

    /// <inheritdoc/>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var run = _run;
        var updates = run.Engine.StreamCoreAsync(run.Plan, run.Messages, run.CanaryKey, run.ChatOptions, this, run.CallerToken, cancellationToken);
        return typeof(T) == typeof(string)
            ? (IAsyncEnumerator<T>)(object)new TextChunks(updates.GetAsyncEnumerator(cancellationToken))
            : (IAsyncEnumerator<T>)(object)updates.GetAsyncEnumerator(cancellationToken);
    }

    void IRouteStreamObserver.Started(IReadOnlyList<RouteAttempt> attempts)
    {
        _attempts = attempts;
        IsCompleted = false;
        ServedBy = null;
        ServedRole = SlotRole.Primary;
        Usage = null;
        InputTokens = OutputTokens = 0;
        Cost = null;
        Restarts = Continuations = 0;
    }

    void IRouteStreamObserver.Restarted(StreamRestart restart)
    {
        Restarts++;
        Restarted?.Invoke(restart);
    }

    void IRouteStreamObserver.Continued() => Continuations++;

    void IRouteStreamObserver.Ended<TValue>(RouteResult<TValue> result, UsageDetails? usage)
    {
        InputTokens = result.InputTokens;
        OutputTokens = result.OutputTokens;
        Cost = result.Cost;
        if (result.ServedBy is { } served)
        {
            ServedBy = served;
            ServedRole = result.ServedRole;
            Usage = usage;
            IsCompleted = true;
        }
    }
}

/// <summary>What the engine tells a <see cref="RouteStream{T}"/> while it runs.</summary>
internal interface IRouteStreamObserver
{
    /// <summary>A run starts; <paramref name="attempts"/> fills as it goes.</summary>
    void Started(IReadOnlyList<RouteAttempt> attempts);

    /// <summary>The stream starts over on another model.</summary>
    void Restarted(StreamRestart restart);

    /// <summary>The stream is continued by another model from a prefill.</summary>
    void Continued();

    /// <summary>The run ended, served or not.</summary>
    void Ended<TValue>(RouteResult<TValue> result, UsageDetails? usage);
}
