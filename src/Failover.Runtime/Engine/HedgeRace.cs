using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Failover;

/// <summary>
/// Where a hedged walk gets its next finished attempt: it starts the next slot of the chain whenever the attempts in
/// flight take longer than the hedge delay, and hands back attempts as they finish. The walk itself (classify, decide)
/// stays the engine's one loop; only the source of attempts differs.
/// </summary>
internal sealed class HedgeRace : IAsyncDisposable
{
    private readonly FailoverEngine _engine;
    private readonly RouteCallState _call;
    private readonly TimeSpan _delay;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource? _deadline;
    private readonly CancellationTokenSource _race;
    private readonly List<(Task<AttemptOutcome> Task, ModelSlot Slot)> _running = new(2);
    private bool _exhausted;

    public HedgeRace(FailoverEngine engine, RouteCallState call, TimeSpan delay, TimeProvider time)
    {
        _engine = engine;
        _call = call;
        _delay = delay;
        _time = time;

        // Hedged attempts run side by side, so the route's deadline is also a timer here: it cancels every runner at once.
        _deadline = call.Deadline != 0 ? new CancellationTokenSource(call.Remaining(time), time) : null;
        _race = _deadline is null
            ? CancellationTokenSource.CreateLinkedTokenSource(call.AttemptToken)
            : CancellationTokenSource.CreateLinkedTokenSource(call.AttemptToken, _deadline.Token);
    }

    /// <summary>The next finished attempt, or a null slot when nothing is running and the chain has no slot left.</summary>
    public async Task<(ModelSlot? Slot, AttemptOutcome Outcome)> NextAsync()
    {
        while (true)
        {
            if (_running.Count == 0)
            {
                if (_exhausted || _engine.NextSlot(_call) is not { } first)
                {
                    return (null, default);
                }

                Start(first);
            }

            using var timerCancel = CancellationTokenSource.CreateLinkedTokenSource(_race.Token);
            var waitFor = new List<Task>(_running.Count + 1);
            foreach (var attempt in _running)
            {
                waitFor.Add(attempt.Task);
            }

            Task? timer = null;
            if (!_exhausted)
            {
                timer = Task.Delay(_delay, _time, timerCancel.Token);
                waitFor.Add(timer);
            }

            var done = await Task.WhenAny(waitFor).ConfigureAwait(false);
            timerCancel.Cancel();
            if (ReferenceEquals(done, timer))
            {
                if (_engine.NextSlot(_call) is { } next)
                {
                    Start(next);
                }
                else
                {
                    _exhausted = true;
                }

                continue;
            }

            var index = _running.FindIndex(r => ReferenceEquals(r.Task, done));
            var (task, slot) = _running[index];
            _running.RemoveAt(index);
            return (slot, await task.ConfigureAwait(false));
        }
    }

    /// <summary>Cancels what still runs and waits for it: a loser records its own cancelled attempt, and a stream it opened is closed.</summary>
    public async ValueTask DisposeAsync()
    {
        _race.Cancel();
        foreach (var (task, _) in _running)
        {
            try
            {
                var outcome = await task.ConfigureAwait(false);
                if (outcome.Succeeded && outcome.Value is StreamAttempt lost)
                {
                    await lost.CloseAsync().ConfigureAwait(false);
                }
            }
            catch (Exception)
            {
                // Whatever a loser did, it must not replace the winner's answer or the route's own failure.
            }
        }

        _running.Clear();
        _race.Dispose();
        _deadline?.Dispose();
    }

    private void Start(ModelSlot slot) => _running.Add((_engine.ExecuteSlotAsync(_call, slot, _race.Token, _race.Token).AsTask(), slot));
}
