using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Failover;

/// <summary>Hedged route calls: a slow attempt gets company from the next model; the first good answer wins.</summary>
public sealed partial class FailoverEngine
{
    private async Task<RouteResult<T>> RunHedgedAsync<T>(RouteCall<T> call, ChainWalk walk, TimeSpan hedge, long started)
    {
        // Hedged attempts run side by side, so the route's deadline is also a timer here: it cancels every runner at once.
        using var deadline = call.Plan.TotalTimeout is { } total ? new CancellationTokenSource(total, _time) : null;
        using var race = deadline is null
            ? CancellationTokenSource.CreateLinkedTokenSource(call.CallerToken)
            : CancellationTokenSource.CreateLinkedTokenSource(call.CallerToken, deadline.Token);
        var running = new List<(Task<AttemptOutcome> Task, ModelSlot Slot)>(2);
        var chainExhausted = false;
        try
        {
            while (true)
            {
                if (running.Count == 0)
                {
                    if (chainExhausted || NextSlot(call, walk) is not { } first)
                    {
                        break;
                    }

                    running.Add((ExecuteSlotAsync(call, first, race.Token, race.Token).AsTask(), first));
                }

                using var timerCancel = CancellationTokenSource.CreateLinkedTokenSource(race.Token);
                var waitFor = new List<Task>(running.Count + 1);
                foreach (var attempt in running)
                {
                    waitFor.Add(attempt.Task);
                }

                Task? timer = null;
                if (!chainExhausted)
                {
                    timer = Task.Delay(hedge, _time, timerCancel.Token);
                    waitFor.Add(timer);
                }

                var done = await Task.WhenAny(waitFor).ConfigureAwait(false);
                timerCancel.Cancel();
                if (ReferenceEquals(done, timer))
                {
                    if (NextSlot(call, walk) is { } next)
                    {
                        running.Add((ExecuteSlotAsync(call, next, race.Token, race.Token).AsTask(), next));
                    }
                    else
                    {
                        chainExhausted = true;
                    }

                    continue;
                }

                var index = running.FindIndex(r => ReferenceEquals(r.Task, done));
                var (task, slot) = running[index];
                running.RemoveAt(index);
                var outcome = await task.ConfigureAwait(false);
                if (outcome.Succeeded)
                {
                    await CancelLosersAsync(race, running).ConfigureAwait(false);
                    call.Value = (T)outcome.Value!;
                    return Complete(call, slot.Target, started, RouteOutcome.Served);
                }

                if (!ShouldContinue(call, walk, slot, outcome, started))
                {
                    await CancelLosersAsync(race, running).ConfigureAwait(false);
                    break;
                }
            }
        }
        finally
        {
            // A caller cancellation thrown by ShouldContinue must not leave a hedge running.
            if (running.Count > 0)
            {
                await CancelLosersAsync(race, running).ConfigureAwait(false);
            }
        }

        return Fail(call, walk, started);
    }

    private static async Task CancelLosersAsync(CancellationTokenSource race, List<(Task<AttemptOutcome> Task, ModelSlot Slot)> running)
    {
        race.Cancel();
        foreach (var (task, _) in running)
        {
            try
            {
                // Attempts return failures as data, and each records its own cancelled attempt.
                await task.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Whatever a loser did, it must not replace the winner's answer or the route's own failure.
            }
        }

        running.Clear();
    }
}
