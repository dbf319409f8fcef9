using Microsoft.Extensions.AI;

namespace Failover.Integration.Tests;

/// <summary>
/// Streaming through the engine over real HTTP, for each wire format: failover is allowed until the first chunk
/// reaches the caller, never after.
/// </summary>
public sealed class EngineStreamingOverHttpTests
{
    public static TheoryData<string> Providers => new() { "openai", "anthropic", "google" };

    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30); // a broken test fails instead of hanging

    private static readonly IList<ChatMessage> Prompt = [new ChatMessage(ChatRole.User, "Write a short apology for the late refund.")];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stream_that_fails_before_its_first_chunk_fails_over(string provider)
    {
        var wire = WireFormat.Named(provider);
        await using var h = await Harness.StartAsync();
        h.Simulator.Model(wire.Primary).Overloaded().Always();
        h.Simulator.Model(wire.SameProviderBackup).Reply("We are sorry the refund is late; it is on its way.");

        var chunks = new List<string>();
        await DrainAsync(h.Engine.StreamTextAsync(wire.Route(), Prompt), chunks).WaitAsync(Guard);

        Assert.Equal("We are sorry the refund is late; it is on its way.", string.Concat(chunks));
        Assert.True(chunks.Count > 1, "the answer should arrive in several chunks");
        Assert.Equal("P:Overloaded x3, B:None", h.Trace(wire));
        var completed = h.Events.Events.Last();
        Assert.Equal(RouteOutcome.ServedByFallback, completed.Outcome);
        Assert.NotNull(h.Events.Events.Single(static e => e.Kind == RoutingEventKind.Attempt && e.Failure == FailureKind.None).TimeToFirstToken);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stream_that_breaks_after_its_first_chunk_surfaces_what_was_delivered_and_does_not_fail_over(string provider)
    {
        var wire = WireFormat.Named(provider);
        await using var h = await Harness.StartAsync();
        h.Simulator.Model(wire.Primary).Reply("One two three four five six seven eight nine ten eleven twelve.").ResetAfterChunks(5); // five events: on Anthropic the first two carry no text

        var received = new List<string>();
        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => DrainAsync(h.Engine.StreamTextAsync(wire.Route(), Prompt), received).WaitAsync(Guard));

        Assert.NotEmpty(received);
        Assert.Equal(received.Count, error.ChunksDelivered);
        Assert.Equal(string.Concat(received).Length, error.CharactersDelivered);
        Assert.Equal(wire.PrimaryId, error.Model.Id);
        Assert.Equal(0, h.Simulator.RequestCount(wire.SameProviderBackup));
        Assert.Equal(0, h.Simulator.RequestCount(wire.OtherProviderModel));
        Assert.Equal(RouteOutcome.Failed, h.Events.Events.Last().Outcome);
    }

    private static async Task DrainAsync(IAsyncEnumerable<string> stream, List<string> into)
    {
        await foreach (var chunk in stream)
        {
            into.Add(chunk);
        }
    }
}
