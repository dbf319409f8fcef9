using System.Text;
using Failover.Testing;
using Microsoft.Extensions.AI;

namespace Failover.Integration.Tests;

/// <summary>How the caller calls the route.</summary>
public enum CallShape
{
    /// <summary><see cref="FailoverEngine.RunAsync{T}(RouteDescriptor, IList{ChatMessage}, Func{ChatResponse, T}, CancellationToken)"/>: one whole answer.</summary>
    Plain,

    /// <summary><see cref="FailoverEngine.StreamTextAsync(RouteDescriptor, IList{ChatMessage}, string?, CancellationToken)"/>: <c>IAsyncEnumerable&lt;string&gt;</c>.</summary>
    Text,

    /// <summary><see cref="FailoverEngine.StreamUpdatesAsync(RouteDescriptor, IList{ChatMessage}, string?, CancellationToken)"/>: <c>IAsyncEnumerable&lt;ChatResponseUpdate&gt;</c>.</summary>
    Updates,
}

/// <summary>
/// Issue 9's "Must show" list as one matrix: fault x wire format (OpenAI, Anthropic, Gemini over real HTTP against the
/// simulator) x call shape (plain, string stream, update stream). Every cell checks the same things: the attempt trace
/// (<c>P:RateLimited, P:None</c>: role in the chain P -> B (same provider) -> O (other provider), and failure kind),
/// the same trace in the caller's own attempt list, how many requests reached each model at the simulator, who served
/// (and that the caller's text is exactly that model's complete answer), the served attempt's usage, restarts, or the
/// typed failure. A streaming shape expects what the plain shape expects unless the fault only exists in a stream
/// (a break after content reached the caller); those rows say what the plain shape meets instead. The audit table in
/// docs/fault-matrix.md maps each item of the list to its row.
/// </summary>
public sealed class FaultMatrixOverHttpTests
{
    private const string PrimaryText = "Your invoice was corrected this morning and the refund is on its way to you.";
    private const string BackupText = "We fixed the invoice; the refund of the difference arrives within two days.";
    private const string OtherText = "The invoice is corrected and you will see the refund on your next statement.";
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30); // a broken test fails instead of hanging
    private static readonly IList<ChatMessage> Prompt = [new ChatMessage(ChatRole.User, "My invoice is wrong.")];

    /// <summary>What one cell must end with.</summary>
    /// <param name="Trace">Attempts and skips in order (<see cref="Harness.Trace"/>); request counts at the simulator follow from it.</param>
    /// <param name="ServedBy">P, B or O; null when the call fails.</param>
    /// <param name="Error">The typed failure the caller gets when nobody serves.</param>
    /// <param name="Restarts">How many reset signals the caller got (<see cref="StreamRecovery.Restart"/>).</param>
    public sealed record Expect(string Trace, string? ServedBy, Type? Error = null, int Restarts = 0);

    /// <summary>One fault: how the primary (and optionally the backup) is scripted, the route, how time moves, and the outcome.</summary>
    public sealed record Fault(string Name, Action<ModelScript> Script, Expect Expect)
    {
        /// <summary>What the plain shape expects when it differs: the fault cannot happen outside a stream, so it meets the non-streamed form.</summary>
        public Expect? Plain { get; init; }

        /// <summary>Changes to the chain's route (limits, recovery, windows).</summary>
        public Func<RouteDescriptor, RouteDescriptor> Route { get; init; } = static r => r;

        /// <summary>The backup's script, beyond its normal answer.</summary>
        public Action<ModelScript>? Backup { get; init; }

        /// <summary>Moves the fake clock while the call runs, each step only once the timer it needs is armed.</summary>
        public Func<Harness, WireFormat, CallShape, Task>? Drive { get; init; }

        /// <summary>Extra checks of the cell.</summary>
        public Action<Harness, WireFormat, CallShape, Observed>? Check { get; init; }

        public Expect For(CallShape shape) => shape == CallShape.Plain ? Plain ?? Expect : Expect;
    }

    /// <summary>What the caller saw.</summary>
    public sealed record Observed(string Text, ModelTarget? ServedBy, bool IsFallback, IReadOnlyList<RouteAttempt> Attempts, Exception? Error, int Restarts, long OutputTokens, UsageDetails? Usage);

    private static readonly Expect Interrupted = new("P:StreamInterrupted", null, typeof(StreamInterruptedException));

    public static readonly Fault[] Faults =
    [
        new("429 with retry-after in seconds: same model after exactly that wait", s => s.RateLimited(TimeSpan.FromSeconds(2)),
            new("P:RateLimited, P:None", "P")) { Drive = static (h, w, _) => WaitOutRetryAfterAsync(h, w, TimeSpan.FromSeconds(2)) },
        new("429 with retry-after as an HTTP-date: same model after exactly that wait", s => s.RateLimitedUntil(TimeSpan.FromSeconds(2)),
            new("P:RateLimited, P:None", "P")) { Drive = static (h, w, _) => WaitOutRetryAfterAsync(h, w, TimeSpan.FromSeconds(2)) },
        new("429 persistent without retry-after: bounded backoff, then the fallback", s => s.RateLimitedWithoutRetryAfter().Always(),
            new("P:RateLimited x3, B:None", "B")) { Route = static r => With(r, retry: Backoff), Drive = BackOffWithoutHammeringAsync },
        new("500 once: retried on the same model", s => s.ServerError(),
            new("P:ServerError, P:None", "P")),
        new("503 persistent: retried, then the fallback", s => s.Status(503).Always(),
            new("P:Overloaded x3, B:None", "B")),
        new("connection reset before the headers: retried, then the fallback", s => s.ResetConnection().Always(),
            new("P:Connection x3, B:None", "B")),
        new("no response at all: one attempt on the silent model, then the fallback", s => s.Latency(TimeSpan.FromMinutes(10)).Always(),
            new("P:NoResponse, B:None", "B")) { Drive = static (h, _, _) => AdvanceOnceArmedAsync(h, TimeSpan.FromSeconds(1)), Check = SaysWhichLimit("attempt timeout") },
        new("headers at once, very late first token: the first-token limit fails over", s => s.LateFirstToken(TimeSpan.FromMinutes(2)).Always(),
            new("P:NoResponse, B:None", "B"))
        {
            // Not streamed, the answer comes whole after the delay: the attempt limit (10 s) moves on instead.
            Route = static r => With(r, attempt: TimeSpan.FromSeconds(10), firstToken: TimeSpan.FromSeconds(5)),
            Drive = static (h, _, shape) => AdvanceOnceArmedAsync(h, shape == CallShape.Plain ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(5)),
            Check = static (h, w, shape, o) => SaysWhichLimit(shape == CallShape.Plain ? "attempt timeout" : "first-token timeout")(h, w, shape, o),
        },
        new("stream cut mid-answer (connection reset), default: typed interruption, no fallback", s => s.ResetAfterChunks(5).Always(),
            Interrupted) { Plain = new("P:Connection x3, B:None", "B"), Check = DeliveredAPrefixOfThePrimary },
        new("stream cut mid-answer (connection reset), Restart: reset signal, then the fallback's complete answer", s => s.ResetAfterChunks(5).Always(),
            new("P:StreamInterrupted, B:None", "B", Restarts: 1)) { Plain = new("P:Connection x3, B:None", "B"), Route = static r => With(r, recovery: StreamRecovery.Restart) },
        new("stream ended before its finish marker, default: typed interruption, never a success", s => s.CutAfterChunks(5).Always(),
            Interrupted) { Plain = new("P:InvalidResponse, B:None", "B"), Check = DeliveredAPrefixOfThePrimary },
        new("stream ended before its finish marker, Restart: reset signal, then the fallback's complete answer", s => s.CutAfterChunks(5).Always(),
            new("P:StreamInterrupted, B:None", "B", Restarts: 1)) { Plain = new("P:InvalidResponse, B:None", "B"), Route = static r => With(r, recovery: StreamRecovery.Restart) },
        new("stream stall, default: the stall limit ends it with a typed interruption", s => s.StreamStall(afterChunks: 4, TimeSpan.FromMinutes(5)).Always(),
            new("P:Timeout", null, typeof(StreamInterruptedException)))
        {
            // Not streamed, the stalled answer arrives whole after the pause: the attempt limit moves on.
            Plain = new("P:NoResponse, B:None", "B"),
            Route = static r => With(r, attempt: TimeSpan.FromSeconds(10), stall: TimeSpan.FromSeconds(3)),
            Drive = AdvancePastStallAsync,
            Check = DeliveredAPrefixOfThePrimary,
        },
        new("stream stall, Restart: the stall limit, a reset signal, then the fallback's complete answer", s => s.StreamStall(afterChunks: 4, TimeSpan.FromMinutes(5)).Always(),
            new("P:Timeout, B:None", "B", Restarts: 1))
        {
            Plain = new("P:NoResponse, B:None", "B"),
            Route = static r => With(r, attempt: TimeSpan.FromSeconds(10), stall: TimeSpan.FromSeconds(3), recovery: StreamRecovery.Restart),
            Drive = AdvancePastStallAsync,
        },
        new("malformed event in the middle: skipped, counted, the answer is complete", s => s.MalformedEventMidStream().Always(),
            new("P:None", "P")) { Check = CountedASkippedEvent },
        new("no [DONE] / message_stop after the finish marker: a success with usage", s => s.MissingEndMarker().Always(),
            new("P:None", "P")),
        new("context length exceeded, fallback of unknown window: the fallback is tried and serves", s => s.ContextLengthExceeded().Always(),
            new("P:ContextLengthExceeded, B:None", "B")) { Route = static r => With(r, backupWindow: 0) },
        new("context length exceeded, fallback of a known smaller window: skipped", s => s.ContextLengthExceeded().Always(),
            new("P:ContextLengthExceeded, B:skipped, O:None", "O")),
        new("content filter, default: no retry, no fallback", s => s.ContentPolicy().Always(),
            new("P:ContentPolicy", null, typeof(FailoverException))),
        new("content filter, opted in: no retry, the fallback serves", s => s.ContentPolicy().Always(),
            new("P:ContentPolicy, B:None", "B")) { Route = static r => With(r, fallbackOnContentPolicy: true) },
        new("fallback rejects prefill, Restart: no prefill is sent, the fallback's complete answer", s => s.CutAfterChunks(5).Always(),
            new("P:StreamInterrupted, B:None", "B", Restarts: 1))
        {
            Plain = new("P:InvalidResponse, B:None", "B"),
            Backup = static b => b.RejectsPrefill(),
            Route = static r => With(r, recovery: StreamRecovery.Restart),
            Check = static (h, w, _, _) => Assert.DoesNotContain("\"assistant\"", h.Simulator.LastRequestFor(w.SameProviderBackup)!.Body, StringComparison.Ordinal),
        },
    ];

    public static TheoryData<string, string, CallShape> Matrix()
    {
        var data = new TheoryData<string, string, CallShape>();
        foreach (var fault in Faults)
        {
            foreach (var wire in WireFormat.All)
            {
                foreach (var shape in Enum.GetValues<CallShape>())
                {
                    data.Add(fault.Name, wire.Provider, shape);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, CallShape> WiresAndShapes()
    {
        var data = new TheoryData<string, CallShape>();
        foreach (var wire in WireFormat.All)
        {
            foreach (var shape in Enum.GetValues<CallShape>())
            {
                data.Add(wire.Provider, shape);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Cell(string fault, string provider, CallShape shape)
    {
        var row = Faults.Single(f => f.Name == fault);
        var wire = WireFormat.Named(provider);
        var expect = row.For(shape);
        await using var h = await Harness.StartAsync();
        Script(h, wire);
        row.Script(h.Simulator.Model(wire.Primary));
        row.Backup?.Invoke(h.Simulator.Model(wire.SameProviderBackup));

        var call = CallAsync(h, row.Route(wire.Route()), shape);
        if (row.Drive is not null)
        {
            await row.Drive(h, wire, shape).WaitAsync(Guard);
        }

        var observed = await call.WaitAsync(Guard);

        AssertOutcome(h, wire, expect, observed);
        row.Check?.Invoke(h, wire, shape, observed);
    }

    /// <summary>
    /// A primary that flaps: during its outage the fallback serves and, once the breaker opened, the primary is not even
    /// asked; when it is back, the route stays on the fallback until the cooldown has passed, then returns to the primary.
    /// </summary>
    [Theory]
    [MemberData(nameof(WiresAndShapes))]
    public async Task A_flapping_primary_is_left_during_its_outage_and_served_again_after_its_cooldown(string provider, CallShape shape)
    {
        var wire = WireFormat.Named(provider);
        await using var h = await Harness.StartAsync();
        Script(h, wire);
        var route = wire.Route();
        h.Simulator.Model(wire.Primary).Overloaded().Always();

        // Outage: 3 attempts per call; the fifth consecutive failure (default FailureThreshold) opens the breaker.
        AssertServed(h, wire, "B", await CallAsync(h, route, shape).WaitAsync(Guard));
        AssertServed(h, wire, "B", await CallAsync(h, route, shape).WaitAsync(Guard));
        var afterOutage = h.Simulator.RequestCount(wire.Primary);
        Assert.InRange(afterOutage, 5, 6);

        // Back up, but within the 30 s break: still skipped, never asked.
        h.Simulator.Model(wire.Primary).Clear().Reply(PrimaryText);
        AssertServed(h, wire, "B", await CallAsync(h, route, shape).WaitAsync(Guard));
        Assert.Equal(afterOutage, h.Simulator.RequestCount(wire.Primary));
        Assert.EndsWith("P:skipped, B:None", h.Trace(wire), StringComparison.Ordinal);

        // The breaker's cooldown is read from the clock when the next call plans its chain; no timer waits on it.
        h.Time.Advance(TimeSpan.FromSeconds(30));
        AssertServed(h, wire, "P", await CallAsync(h, route, shape).WaitAsync(Guard));
        AssertServed(h, wire, "P", await CallAsync(h, route, shape).WaitAsync(Guard));
        Assert.Equal(afterOutage + 2, h.Simulator.RequestCount(wire.Primary));
    }

    /// <summary>Who served and what it cost are the fallback's: the failed attempts add no tokens, the served one all of them.</summary>
    [Theory]
    [MemberData(nameof(WiresAndShapes))]
    public async Task Accounting_after_a_fallback_reports_the_fallbacks_model_and_usage(string provider, CallShape shape)
    {
        var wire = WireFormat.Named(provider);
        await using var h = await Harness.StartAsync();
        Script(h, wire);
        h.Simulator.Model(wire.Primary).ServerError().Always();

        var observed = await CallAsync(h, wire.Route(), shape).WaitAsync(Guard);

        AssertServed(h, wire, "B", observed);
        Assert.True(observed.IsFallback);
        var served = observed.Attempts[^1];
        Assert.All(observed.Attempts.SkipLast(1), static a => Assert.Equal(0, a.OutputTokens + a.InputTokens));
        Assert.True(served.OutputTokens > 0 && served.InputTokens > 0, "the fallback's usage is reported");
        Assert.Equal(served.OutputTokens, observed.OutputTokens);
        Assert.Equal(wire.Route().Fallbacks[0].CostOf(served.InputTokens, served.OutputTokens), served.Cost);
        var completed = h.Events.Events[^1];
        Assert.Equal(RouteOutcome.ServedByFallback, completed.Outcome);
        Assert.Equal(wire.BackupId, completed.Model!.Id);
        if (shape != CallShape.Plain)
        {
            Assert.Equal(served.OutputTokens, observed.Usage!.OutputTokenCount);
            Assert.Equal(served.InputTokens, observed.Usage.InputTokenCount);
        }
    }

    private static void Script(Harness h, WireFormat wire)
    {
        h.Simulator.Model(wire.Primary).Reply(PrimaryText);
        h.Simulator.Model(wire.SameProviderBackup).Reply(BackupText);
        h.Simulator.Model(wire.OtherProviderModel).Reply(OtherText);
    }

    /// <summary>Runs the route in <paramref name="shape"/> and records what the caller saw, typed failures included.</summary>
    private static Task<Observed> CallAsync(Harness h, RouteDescriptor route, CallShape shape) => shape switch
    {
        CallShape.Plain => PlainAsync(h, route),
        CallShape.Text => TextAsync(h, route),
        _ => UpdatesAsync(h, route),
    };

    private static async Task<Observed> PlainAsync(Harness h, RouteDescriptor route)
    {
        try
        {
            var result = await h.RunAsync(route);
            return new(result.Value, result.ServedBy, result.IsFallback, result.Attempts, null, 0, result.OutputTokens, null);
        }
        catch (FailoverException error)
        {
            return new(string.Empty, null, false, error.Attempts, error, 0, 0, null);
        }
    }

    /// <summary>The documented pattern for string streams: <see cref="RouteStream{T}.Restarted"/> clears what was shown.</summary>
    private static async Task<Observed> TextAsync(Harness h, RouteDescriptor route)
    {
        var stream = h.Engine.StreamTextAsync(route, Prompt);
        var shown = new StringBuilder();
        var restarts = 0;
        stream.Restarted += _ =>
        {
            restarts++;
            shown.Clear();
        };
        Exception? error = null;
        try
        {
            await foreach (var chunk in stream)
            {
                shown.Append(chunk);
            }
        }
        catch (Exception e) when (e is FailoverException or StreamInterruptedException)
        {
            error = e;
        }

        return new(shown.ToString(), stream.ServedBy, stream.IsFallback, Attempts(stream.Attempts, error), error, restarts, stream.OutputTokens, stream.Usage);
    }

    /// <summary>Update streams get the reset signal in the stream itself: everything before the last <see cref="StreamRestartUpdate"/> is void.</summary>
    private static async Task<Observed> UpdatesAsync(Harness h, RouteDescriptor route)
    {
        var stream = h.Engine.StreamUpdatesAsync(route, Prompt);
        var shown = new StringBuilder();
        var markers = 0;
        var events = 0;
        stream.Restarted += _ => events++;
        Exception? error = null;
        try
        {
            await foreach (var update in stream)
            {
                if (update is StreamRestartUpdate)
                {
                    markers++;
                    shown.Clear();
                    continue;
                }

                shown.Append(update.Text);
            }
        }
        catch (Exception e) when (e is FailoverException or StreamInterruptedException)
        {
            error = e;
        }

        Assert.Equal(events, markers); // the in-stream signal and the event agree
        return new(shown.ToString(), stream.ServedBy, stream.IsFallback, Attempts(stream.Attempts, error), error, markers, stream.OutputTokens, stream.Usage);
    }

    private static IReadOnlyList<RouteAttempt> Attempts(IReadOnlyList<RouteAttempt> fromStream, Exception? error) => error switch
    {
        FailoverException failed => failed.Attempts,
        StreamInterruptedException interrupted => interrupted.Attempts,
        _ => fromStream,
    };

    private static void AssertOutcome(Harness h, WireFormat wire, Expect expect, Observed observed)
    {
        Assert.Equal(expect.Trace, h.Trace(wire));

        // The caller's own attempt list tells the same story as the routing events (skips are not attempts).
        var attempted = string.Join(", ", expect.Trace.Split(", ").Where(static s => !s.EndsWith(":skipped", StringComparison.Ordinal)));
        Assert.Equal(attempted, Compress(observed.Attempts.Select(a => wire.RoleOf(a.Model.Id) + ":" + a.Failure)));

        // What reached the simulator over the wire agrees: retries reached it, skipped models never did.
        Assert.Equal(Count(expect.Trace, "P"), h.Simulator.RequestCount(wire.Primary));
        Assert.Equal(Count(expect.Trace, "B"), h.Simulator.RequestCount(wire.SameProviderBackup));
        Assert.Equal(Count(expect.Trace, "O"), h.Simulator.RequestCount(wire.OtherProviderModel));
        Assert.Equal(expect.Restarts, observed.Restarts);

        if (expect.ServedBy is { } role)
        {
            AssertServed(h, wire, role, observed);
        }
        else
        {
            Assert.NotNull(observed.Error);
            Assert.IsType(expect.Error!, observed.Error);
            Assert.Null(observed.ServedBy);
            Assert.Equal(RouteOutcome.Failed, h.Events.Events[^1].Outcome);
            Assert.DoesNotContain("sk-sim", observed.Error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("sk-ant-sim", observed.Error.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>Served by <paramref name="role"/>: its complete answer and nothing else, its usage, and the matching outcome.</summary>
    private static void AssertServed(Harness h, WireFormat wire, string role, Observed observed)
    {
        Assert.Null(observed.Error);
        var (id, text) = role switch
        {
            "P" => (wire.PrimaryId, PrimaryText),
            "B" => (wire.BackupId, BackupText),
            _ => (wire.OtherProviderBackup, OtherText),
        };
        Assert.Equal(text, observed.Text); // never spliced, duplicated or truncated
        Assert.Equal(id, observed.ServedBy?.Id);
        Assert.Equal(role != "P", observed.IsFallback);
        var served = observed.Attempts[^1];
        Assert.Equal(FailureKind.None, served.Failure);
        Assert.Equal(id, served.Model.Id);
        Assert.True(served.OutputTokens > 0, "the served attempt's usage is reported");
        Assert.Equal(role == "P" ? RouteOutcome.Served : RouteOutcome.ServedByFallback, h.Events.Events[^1].Outcome);
    }

    /// <summary>The engine waits exactly the retry-after (on the fake clock) before the same model is asked again.</summary>
    private static async Task WaitOutRetryAfterAsync(Harness h, WireFormat wire, TimeSpan retryAfter)
    {
        await h.Time.WaitForTimersAsync(retryAfter);
        Assert.Equal(1, h.Simulator.RequestCount(wire.Primary));
        h.Time.Advance(retryAfter - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, h.Simulator.RequestCount(wire.Primary));
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
    }

    private static readonly RetryRule Backoff = new() { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(30), Jitter = false };

    /// <summary>
    /// Without a retry-after the engine backs off (2 s, then 4 s) between tries: no request reaches the primary before its
    /// backoff has passed, and after three the route moves on.
    /// </summary>
    private static async Task BackOffWithoutHammeringAsync(Harness h, WireFormat wire, CallShape shape)
    {
        foreach (var (delay, asked) in new[] { (TimeSpan.FromSeconds(2), 1), (TimeSpan.FromSeconds(4), 2) })
        {
            await h.Time.WaitForTimersAsync(delay);
            Assert.Equal(asked, h.Simulator.RequestCount(wire.Primary));
            h.Time.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.Equal(asked, h.Simulator.RequestCount(wire.Primary));
            h.Time.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    /// <summary>
    /// Advances by <paramref name="limit"/> once the request is held at the simulator (so it was counted there) and a
    /// timer has been armed for the limit in force (the attempt or first-token limit).
    /// </summary>
    private static async Task AdvanceOnceArmedAsync(Harness h, TimeSpan limit)
    {
        await h.Simulator.WaitForLatencyAsync();
        await h.Time.WaitForArmedAsync(limit);
        h.Time.Advance(limit);
    }

    /// <summary>
    /// Streams: the simulator pauses mid-stream and the engine's stall limit (3 s since its latest request) ends the wait.
    /// Plain: the simulator holds the whole answer and the attempt limit (10 s) ends it.
    /// </summary>
    private static async Task AdvancePastStallAsync(Harness h, WireFormat wire, CallShape shape)
    {
        if (shape == CallShape.Plain)
        {
            await AdvanceOnceArmedAsync(h, TimeSpan.FromSeconds(10));
            return;
        }

        await h.AdvancePastStallAsync(TimeSpan.FromSeconds(3));
    }

    private static Action<Harness, WireFormat, CallShape, Observed> SaysWhichLimit(string limit) =>
        (_, _, _, o) => Assert.Contains(limit, o.Attempts[0].Message, StringComparison.Ordinal);

    /// <summary>A broken stream handed the caller only the start of the primary's answer, never more, and said so.</summary>
    private static void DeliveredAPrefixOfThePrimary(Harness h, WireFormat wire, CallShape shape, Observed observed)
    {
        if (shape == CallShape.Plain)
        {
            return;
        }

        var interrupted = Assert.IsType<StreamInterruptedException>(observed.Error);
        Assert.NotEmpty(observed.Text);
        Assert.StartsWith(observed.Text, PrimaryText, StringComparison.Ordinal);
        Assert.NotEqual(PrimaryText, observed.Text);
        Assert.Equal(observed.Text.Length, interrupted.CharactersDelivered);
        Assert.Equal(wire.PrimaryId, interrupted.Model.Id);
    }

    private static void CountedASkippedEvent(Harness h, WireFormat wire, CallShape shape, Observed observed)
    {
        if (shape != CallShape.Plain)
        {
            Assert.True(h.Events.Events.Single(static e => e.Kind == RoutingEventKind.Attempt).SkippedEvents > 0, "the skipped event is counted");
        }
    }

    private static RouteDescriptor With(
        RouteDescriptor r,
        RetryRule? retry = null,
        TimeSpan? attempt = null,
        TimeSpan? firstToken = null,
        TimeSpan? stall = null,
        StreamRecovery? recovery = null,
        int? backupWindow = null,
        bool? fallbackOnContentPolicy = null) => new()
        {
            Name = r.Name,
            Interface = r.Interface,
            Method = r.Method,
            Primary = r.Primary,
            Fallbacks = backupWindow is { } window
                ? [new ModelTarget(r.Fallbacks[0].Id, window, r.Fallbacks[0].InputPricePerMillion, r.Fallbacks[0].OutputPricePerMillion), .. r.Fallbacks.Skip(1)]
                : r.Fallbacks,
            Retry = retry ?? r.Retry,
            AttemptTimeout = attempt ?? r.AttemptTimeout,
            FirstTokenTimeout = firstToken ?? r.FirstTokenTimeout,
            StallTimeout = stall ?? r.StallTimeout,
            StreamRecovery = recovery ?? r.StreamRecovery,
            FallbackOnContentPolicy = fallbackOnContentPolicy ?? r.FallbackOnContentPolicy,
        };

    private static string Compress(IEnumerable<string> steps)
    {
        var parts = new List<(string Step, int Count)>();
        foreach (var step in steps)
        {
            if (parts.Count > 0 && parts[^1].Step == step)
            {
                parts[^1] = (step, parts[^1].Count + 1);
            }
            else
            {
                parts.Add((step, 1));
            }
        }

        return string.Join(", ", parts.Select(static p => p.Count == 1 ? p.Step : $"{p.Step} x{p.Count}"));
    }

    private static int Count(string trace, string role) =>
        trace.Split(", ").Where(s => s.StartsWith(role + ":", StringComparison.Ordinal) && !s.Contains("skipped", StringComparison.Ordinal))
            .Sum(s => s.Contains(" x", StringComparison.Ordinal) ? int.Parse(s[(s.LastIndexOf('x') + 1)..]) : 1);
}
