using Failover.Testing;

namespace Failover.Integration.Tests;

/// <summary>
/// The failure policy table of DESIGN.md, row by row, for each wire format, over real HTTP: the built-in providers
/// talk to the simulator on 127.0.0.1 and the engine runs the chain P -> B (same provider) -> O (other provider, larger
/// window). A trace reads <c>P:RateLimited, P:None</c>: the primary was rate limited, then served.
/// </summary>
public sealed class FailurePolicyOverHttpTests
{
    /// <summary>One row: the fault scripted on the primary, and the attempt trace and outcome the policy demands.</summary>
    public sealed record Row(string Failure, Action<ModelScript> Script, string Trace, Outcome Outcome)
    {
        /// <summary>Moves the fake clock (or cancels) while the call runs; null when time plays no part.</summary>
        public Func<Harness, WireFormat, CancellationTokenSource, Task>? Drive { get; init; }

        public bool FallbackOnContentPolicy { get; init; }

        public bool RefuseConnections { get; init; }
    }

    public enum Outcome
    {
        ServedByPrimary,
        ServedByFallback,
        Fails,
        Cancelled,
    }

    private static readonly TimeSpan s_long = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(30); // a broken test fails instead of hanging

    public static readonly Row[] Rows =
    [
        new("rate limited 429, short retry-after: same model after the wait", s => s.RateLimited(TimeSpan.FromSeconds(2)),
            "P:RateLimited, P:None", Outcome.ServedByPrimary) { Drive = HonourRetryAfterAsync },
        new("rate limited 429, long retry-after: fall back at once", s => s.RateLimited(TimeSpan.FromMinutes(1)).Always(),
            "P:RateLimited, B:None", Outcome.ServedByFallback),
        new("overloaded (Anthropic 529, 503): retry then fall back", s => s.Overloaded().Always(),
            "P:Overloaded x3, B:None", Outcome.ServedByFallback),
        new("server error 500: retry then fall back", s => s.ServerError().Always(),
            "P:ServerError x3, B:None", Outcome.ServedByFallback),
        new("silent model (attempt timeout, no content): no retry, fall back", s => s.Latency(s_long).Always(),
            "P:NoResponse, B:None", Outcome.ServedByFallback) { Drive = TimeOutOneAttemptAsync },
        new("connection reset: retry then fall back", s => s.ResetConnection().Always(),
            "P:Connection x3, B:None", Outcome.ServedByFallback),
        new("connection refused: retry then fall back", _ => { },
            "P:Connection x3, B:Connection x3, O:None", Outcome.ServedByFallback) { RefuseConnections = true },
        new("model not found 404: no retry, fall back", s => s.ModelNotFound().Always(),
            "P:ModelUnavailable, B:None", Outcome.ServedByFallback),
        new("model gone 410: no retry, fall back", s => s.Status(410).Always(),
            "P:ModelUnavailable, B:None", Outcome.ServedByFallback),
        new("model switched off: no retry, fall back", s => s.SwitchOff(),
            "P:ModelUnavailable, B:None", Outcome.ServedByFallback),
        new("auth 401: no retry, same-provider backup skipped", s => s.Unauthorized().Always(),
            "P:Auth, B:skipped, O:None", Outcome.ServedByFallback),
        new("auth 403: no retry, same-provider backup skipped", s => s.Status(403).Always(),
            "P:Auth, B:skipped, O:None", Outcome.ServedByFallback),
        new("context length exceeded: only to a larger window", s => s.ContextLengthExceeded().Always(),
            "P:ContextLengthExceeded, B:skipped, O:None", Outcome.ServedByFallback),
        new("content policy block: stop by default", s => s.ContentPolicy().Always(),
            "P:ContentPolicy", Outcome.Fails),
        new("content policy block: fall back when the route opts in", s => s.ContentPolicy().Always(),
            "P:ContentPolicy, B:None", Outcome.ServedByFallback) { FallbackOnContentPolicy = true },
        new("malformed request 400: stop", s => s.MalformedRequest().Always(),
            "P:MalformedRequest", Outcome.Fails),
        new("invalid response, malformed JSON: fall back", s => s.MalformedJson().Always(),
            "P:InvalidResponse, B:None", Outcome.ServedByFallback),
        new("invalid response, HTML error page (502): retry then fall back", s => s.HtmlErrorPage().Always(),
            "P:ServerError x3, B:None", Outcome.ServedByFallback),
        new("invalid response, empty 200: fall back", s => s.EmptyBody().Always(),
            "P:InvalidResponse, B:None", Outcome.ServedByFallback),
        new("caller cancelled: stop at once", s => s.Latency(s_long).Always(),
            "P:Cancelled", Outcome.Cancelled) { Drive = CancelWhileWaitingAsync },
    ];

    public static TheoryData<string, string> Table()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Rows)
        {
            foreach (var wire in WireFormat.All)
            {
                data.Add(row.Failure, wire.Provider);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Policy(string failure, string provider)
    {
        var row = Rows.Single(r => r.Failure == failure);
        var wire = WireFormat.Named(provider);
        await using var h = await Harness.StartAsync(refusing: row.RefuseConnections ? provider : null);
        row.Script(h.Simulator.Model(wire.Primary));
        using var cancel = new CancellationTokenSource();

        var call = h.RunAsync(wire.Route(row.FallbackOnContentPolicy), cancel.Token);
        if (row.Drive is not null)
        {
            await row.Drive(h, wire, cancel).WaitAsync(s_guard);
        }

        switch (row.Outcome)
        {
            case Outcome.ServedByPrimary:
            case Outcome.ServedByFallback:
                var result = await call.WaitAsync(s_guard);
                Assert.False(string.IsNullOrEmpty(result.Value));
                Assert.Equal(row.Outcome == Outcome.ServedByFallback, result.IsFallback);
                Assert.Equal(row.Outcome == Outcome.ServedByFallback ? RouteOutcome.ServedByFallback : RouteOutcome.Served, h.Events.Events[^1].Outcome);
                break;
            case Outcome.Fails:
                var error = await Assert.ThrowsAsync<FailoverException>(() => call.WaitAsync(s_guard));
                Assert.DoesNotContain("sk-sim", error.Message, StringComparison.Ordinal);
                Assert.Equal(RouteOutcome.Failed, h.Events.Events[^1].Outcome);
                break;
            case Outcome.Cancelled:
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_guard));
                Assert.Equal(RouteOutcome.Cancelled, h.Events.Events[^1].Outcome);
                break;
        }

        Assert.Equal(row.Trace, h.Trace(wire));
        if (!row.RefuseConnections)
        {
            // What the simulator saw over the wire agrees with the trace: retries reached it, skipped models never did.
            Assert.Equal(Count(row.Trace, "P"), h.Simulator.RequestCount(wire.Primary));
            Assert.Equal(Count(row.Trace, "B"), h.Simulator.RequestCount(wire.SameProviderBackup));
            Assert.Equal(Count(row.Trace, "O"), h.Simulator.RequestCount(wire.OtherProviderModel));
        }
    }

    /// <summary>The engine waits exactly the 2 s the provider asked for (on the fake clock) before the same model is retried.</summary>
    private static async Task HonourRetryAfterAsync(Harness h, WireFormat wire, CancellationTokenSource cancel)
    {
        await h.Time.WaitForTimersAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(1, h.Simulator.RequestCount(wire.Primary));
        h.Time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(1, h.Simulator.RequestCount(wire.Primary));
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
    }

    /// <summary>Each attempt parks on 10 s of simulated latency; 1 s later (the attempt timeout) it is abandoned.</summary>
    // A model that took the request and said nothing is not asked again (FailureKind.NoResponse): one attempt times out,
    // then the fallback answers.
    private static async Task TimeOutOneAttemptAsync(Harness h, WireFormat wire, CancellationTokenSource cancel)
    {
        await h.Time.WaitForTimersAsync(s_long, 1);
        h.Time.Advance(TimeSpan.FromSeconds(1));
    }

    private static async Task CancelWhileWaitingAsync(Harness h, WireFormat wire, CancellationTokenSource cancel)
    {
        await h.Simulator.WaitForLatencyAsync();
        await cancel.CancelAsync();
    }

    private static int Count(string trace, string role) =>
        trace.Split(", ").Where(s => s.StartsWith(role + ":", StringComparison.Ordinal) && !s.Contains("skipped", StringComparison.Ordinal))
            .Sum(s => s.Contains(" x", StringComparison.Ordinal) ? int.Parse(s[(s.LastIndexOf('x') + 1)..]) : 1);
}
