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
    private FailoverEngine.StreamCall? _latest;

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
    public bool IsCompleted => _latest?.IsCompleted ?? false;

    /// <summary>The model that served the answer the caller ended with; null until the stream completed.</summary>
    public ModelTarget? ServedBy => _latest?.ServedBy;

    /// <summary>The serving model's role in the plan.</summary>
    public SlotRole ServedRole => _latest?.ServedRole ?? SlotRole.Primary;

    /// <summary>Whether a fallback (or hedge) served the answer.</summary>
    public bool IsFallback => ServedBy is not null && ServedRole is SlotRole.Fallback or SlotRole.Hedge;

    /// <summary>The serving model's usage as its provider reported it; null until the stream completed.</summary>
    public UsageDetails? Usage => _latest?.Usage;

    /// <summary>Every attempt of the latest enumeration, retries, broken streams and restarts included.</summary>
    public IReadOnlyList<RouteAttempt> Attempts => _latest?.RecordedAttempts ?? Array.Empty<RouteAttempt>();

    /// <summary>Input tokens over every attempt.</summary>
    public long InputTokens => Sum(static a => a.InputTokens);

    /// <summary>Output tokens over every attempt (a broken stream's partial answer included).</summary>
    public long OutputTokens => Sum(static a => a.OutputTokens);

    /// <summary>The cost over every attempt in US dollars, when prices were known.</summary>
    public decimal? Cost
    {
        get
        {
            decimal? cost = null;
            var attempts = Attempts;
            for (var i = 0; i < attempts.Count; i++)
            {
                if (attempts[i].Cost is { } c)
                {
                    cost = (cost ?? 0m) + c;
                }
            }

            return cost;
        }
    }

    /// <summary>How many times the stream started over on another model.</summary>
    public int Restarts => _latest?.Restarts ?? 0;

    /// <summary>How many times the stream was continued by another model from an assistant prefill.</summary>
    public int Continuations => _latest?.Continuations ?? 0;

    /// <inheritdoc/>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        // One object is the run and its enumerator: the properties describe it from now on.
        var call = _run.Engine.Enumerate(_run, this, typeof(T) == typeof(string), cancellationToken);
        _latest = call;
        return (IAsyncEnumerator<T>)(object)call;
    }

    void IRouteStreamObserver.Restarted(StreamRestart restart) => Restarted?.Invoke(restart);

    private long Sum(Func<RouteAttempt, long> tokens)
    {
        long sum = 0;
        var attempts = Attempts;
        for (var i = 0; i < attempts.Count; i++)
        {
            sum += tokens(attempts[i]);
        }

        return sum;
    }
}

/// <summary>What the engine tells a <see cref="RouteStream{T}"/> while it runs.</summary>
internal interface IRouteStreamObserver
{
    /// <summary>The stream starts over on another model.</summary>
    void Restarted(StreamRestart restart);
}
