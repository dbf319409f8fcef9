using Microsoft.Extensions.AI;

namespace Failover.Integration.Tests;

/// <summary>
/// Issue 9 over real HTTP against the simulator, for each wire format: the stream limits fail over from a silent or
/// stalled model, <see cref="StreamRecovery.Restart"/> replaces a broken answer with the fallback's complete one after a
/// reset signal (never with a prefill), and a tolerated wire fault still gives a complete answer with its accounting.
/// </summary>
public sealed class StreamRecoveryOverHttpTests
{
    public static TheoryData<string> Providers => new() { "openai", "anthropic", "google" };

    private const string Answer = "We are sorry the refund is late; it is on its way today.";
    private const string Backup = "Your refund was sent this morning and arrives within two days.";

    /// <summary>Real time a test waits for an answer at most: a broken test fails instead of hanging.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static readonly IList<ChatMessage> Prompt = [new ChatMessage(ChatRole.User, "Write a short apology for the late refund.")];

    private static RouteDescriptor Route(WireFormat wire, TimeSpan? firstToken = null, TimeSpan? stall = null, StreamRecovery recovery = StreamRecovery.None)
    {
        var r = wire.Route();
        return new RouteDescriptor
        {
            Name = r.Name,
            Interface = r.Interface,
            Method = r.Method,
            Primary = r.Primary,
            Fallbacks = r.Fallbacks,
            Retry = r.Retry,
            AttemptTimeout = TimeSpan.FromSeconds(10),
            FirstTokenTimeout = firstToken,
            StallTimeout = stall,
            StreamRecovery = recovery,
        };
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Headers_at_once_but_a_very_late_first_token_fails_over_after_one_attempt(string provider)
    {
        var wire = WireFormat.Named(provider);
        await using var h = await Harness.StartAsync();
        h.Simulator.Model(wire.Primary).Reply(Answer).LateFirstToken(TimeSpan.FromMinutes(2));
        h.Simulator.Model(wire.SameProviderBackup).Reply(Backup);

        var stream = h.Engine.StreamTextAsync(Route(wire, firstToken: TimeSpan.FromSeconds(5)), Prompt);
        var text = Concat(stream);
        await h.Time.WaitForArmedAsync(TimeSpan.FromSeconds(5)); // headers are in: the first-token limit runs
        h.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(Backup, await text.WaitAsync(Guard));
        Assert.Equal(1, h.Simulator.RequestCount(wire.Primary)); // a silent model is not asked again
        Assert.Equal(FailureKind.NoResponse, stream.Attempts[0].Failure);
        Assert.Equal(wire.BackupId, stream.ServedBy!.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Headers_then_nothing_is_one_attempt_on_the_silent_model_then_the_fallback(string provider)
    {
        var wire = WireFormat.Named(provider);
        await using var h = await Harness.StartAsync();
        h.Simulator.Model(wire.Primary).HeadersThenNothing();
        h.Simulator.Model(wire.SameProviderBackup).Reply(Backup);

        var stream = h.Engine.StreamUpdatesAsync(Route(wire, firstToken: TimeSpan.FromSeconds(5)), Prompt);
        var updates = stream.ToListAsync().AsTask();
        await h.Time.WaitForArmedAsync(TimeSpan.FromSeconds(5)); // headers are in: the first-token limit runs
        h.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(Backup, string.Concat((await updates.WaitAsync(Guard)).Select(static u => u.Text)));
        Assert.Equal(1, h.Simulator.RequestCount(wire.Primary));
        Assert.Equal(FailureKind.NoResponse, stream.Attempts[0].Failure);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stall_with_Restart_gives_a_reset_marker_then_the_fallbacks_complete_answer(string provider)
    {
        var wire = WireFormat.Named(provider);
        await using var h = await Harness.StartAsync();
        h.Simulator.Model(wire.Primary).Reply(Answer).StreamStall(afterChunks: 4, TimeSpan.FromMinutes(5));
        h.Simulator.Model(wire.SameProviderBackup).Reply(Backup);

        var stream = h.Engine.StreamUpdatesAsync(Route(wire, stall: TimeSpan.FromSeconds(3), recovery: StreamRecovery.Restart), Prompt);
        var updates = stream.ToListAsync().AsTask();

        // Content flows: the stall limit runs from the engine's latest request; three seconds without the next chunk
        // fire it (far less than the simulated five-minute stall).
        await h.AdvancePastStallAsync(TimeSpan.FromSeconds(3));

        var all = await updates.WaitAsync(Guard);
        var marker = Assert.Single(all.OfType<StreamRestartUpdate>());
        Assert.Equal(FailureKind.Timeout, marker.Restart.Failure);
        Assert.Equal(Backup, string.Concat(all.SkipWhile(static u => u is not StreamRestartUpdate).Select(static u => u.Text)));
        Assert.Equal(wire.BackupId, stream.ServedBy!.Id);
        Assert.True(stream.OutputTokens > 0, "the served attempt's usage is reported");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stream_cut_mid_answer_with_Restart_never_sends_a_prefill_to_a_fallback_that_rejects_one(string provider)
    {
        var wire = WireFormat.Named(provider);
        await using var h = await Harness.StartAsync();
        h.Simulator.Model(wire.Primary).Reply(Answer).CutAfterChunks(5);
        h.Simulator.Model(wire.SameProviderBackup).Reply(Backup).RejectsPrefill();

        var stream = h.Engine.StreamTextAsync(Route(wire, recovery: StreamRecovery.Restart), Prompt);
        var shown = new System.Text.StringBuilder();
        var restarts = 0;
        stream.Restarted += _ =>
        {
            restarts++;
            shown.Clear();
        };
        await foreach (var chunk in stream)
        {
            shown.Append(chunk);
        }

        Assert.Equal(Backup, shown.ToString());
        Assert.Equal(1, restarts);
        Assert.Equal([FailureKind.StreamInterrupted, FailureKind.None], stream.Attempts.Select(static a => a.Failure));
        Assert.Equal(wire.BackupId, stream.ServedBy!.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_malformed_event_mid_stream_is_skipped_counted_and_the_answer_is_complete(string provider)
    {
        var wire = WireFormat.Named(provider);
        await using var h = await Harness.StartAsync();
        h.Simulator.Model(wire.Primary).Reply(Answer).MalformedEventMidStream();

        var stream = h.Engine.StreamTextAsync(Route(wire), Prompt);
        Assert.Equal(Answer, await Concat(stream));
        Assert.True(stream.IsCompleted);
        Assert.True(h.Events.Events.Single(static e => e.Kind == RoutingEventKind.Attempt).SkippedEvents > 0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stream_without_its_end_marker_after_the_finish_is_a_success_with_usage(string provider)
    {
        var wire = WireFormat.Named(provider);
        await using var h = await Harness.StartAsync();
        h.Simulator.Model(wire.Primary).Reply(Answer).MissingEndMarker();

        var stream = h.Engine.StreamTextAsync(Route(wire), Prompt);
        Assert.Equal(Answer, await Concat(stream));
        Assert.True(stream.IsCompleted);
        Assert.Equal(wire.PrimaryId, stream.ServedBy!.Id);
        Assert.True(stream.OutputTokens > 0);
    }

    private static async Task<string> Concat(IAsyncEnumerable<string> stream)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var chunk in stream)
        {
            text.Append(chunk);
        }

        return text.ToString();
    }
}
