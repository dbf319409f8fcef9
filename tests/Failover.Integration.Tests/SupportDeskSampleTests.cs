using SupportDesk;

namespace Failover.Integration.Tests;

/// <summary>Runs the SupportDesk sample's incident (simulator, real HTTP, real time with small latencies) in-process.</summary>
public sealed class SupportDeskSampleTests
{
    [Fact]
    public async Task The_incident_is_answered_and_the_switched_off_model_is_routed_around_after_the_directive()
    {
        var output = new StringWriter();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var report = await IncidentPlayback.RunAsync(output, guard.Token);

        Assert.True(report.EveryRequestAnswered, output.ToString());
        Assert.Equal(15, report.Calls.Count(static c => c.Route == "ticket.classify"));

        var classify = report.Calls.Where(static c => c.Route == "ticket.classify").ToList();
        var before = classify.Where(static c => c.Phase == "normal").ToList();
        var after = classify.Where(static c => c.Phase != "normal").ToList();
        Assert.NotEmpty(before);
        Assert.All(before, static c => Assert.Equal("openai/gpt-5-mini", c.ServedBy));
        Assert.NotEmpty(after);
        Assert.All(after, static c =>
        {
            // After the directive the primary never serves: it answers 404 (or, once health tracking skips it, is skipped).
            Assert.Equal(RouteOutcome.ServedByFallback, c.Outcome);
            Assert.NotEqual("openai/gpt-5-mini", c.ServedBy);
            Assert.StartsWith("gpt-5-mini: ", c.Path[0], StringComparison.Ordinal);
            Assert.True(c.Path[0].EndsWith("404 ModelUnavailable", StringComparison.Ordinal) || c.Path[0].EndsWith("skipped", StringComparison.Ordinal), c.Path[0]);
        });

        // The breaker: after the first 404 the dead model costs no more requests; it is skipped for its long cooldown.
        Assert.Equal(1, after.Count(static c => c.Path[0].EndsWith("404 ModelUnavailable", StringComparison.Ordinal)));

        // Phase 3: the rate-limited draft route moves to its OpenAI fallback; a minute later (recovery) the primary is back.
        Assert.All(report.Calls.Where(static c => c.Route == "reply.draft" && c.Phase == "throttle"), static c => Assert.Equal("openai/gpt-5", c.ServedBy));
        Assert.All(report.Calls.Where(static c => c.Route == "reply.draft" && c.Phase == "recovery"), static c => Assert.Equal("anthropic/claude-sonnet-4-5", c.ServedBy));

        // Phase 5: the kill switch in configuration takes effect on the next call, without a restart.
        var disabled = classify.Where(static c => c.Phase == "config").ToList();
        Assert.NotEmpty(disabled);
        Assert.All(disabled, static c =>
        {
            Assert.Equal("google/gemini-2.5-flash", c.ServedBy);
            Assert.Contains("claude-haiku-4-5: skipped", c.Path);
        });

        var text = output.ToString();
        Assert.Contains("Phase 2: directive day", text, StringComparison.Ordinal);
        Assert.Contains("Summary", text, StringComparison.Ordinal);
        Assert.Contains("Failed attempts by kind", text, StringComparison.Ordinal);
        Assert.Contains($"Answered {report.Calls.Count} of {report.Calls.Count} requests; total cost $", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-simulated", text, StringComparison.Ordinal);
    }
}
