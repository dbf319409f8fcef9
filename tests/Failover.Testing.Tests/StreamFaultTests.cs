using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Testing.Tests;

/// <summary>The stream faults of the simulator, per wire format, seen with a plain HTTP client.</summary>
public sealed class StreamFaultTests
{
    private const string Reply = "One two three four five six seven eight.";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<SimulatedProvider> Providers => new() { SimulatedProvider.OpenAI, SimulatedProvider.Anthropic, SimulatedProvider.Gemini };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task LateFirstToken_sends_headers_and_opening_events_at_once_and_content_after_the_delay(SimulatedProvider provider)
    {
        var time = new FakeTimeProvider(Start);
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model("m").Reply(Reply).LateFirstToken(TimeSpan.FromSeconds(30));
        using var client = Raw.Client();

        using var response = await client.SendAsync(Raw.For(provider, sim, "m", stream: true), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await sim.WaitForLatencyAsync().WaitAsync(TimeSpan.FromSeconds(10));
        using var body = new StreamReader(await response.Content.ReadAsStreamAsync());
        var opening = await ReadEventsAsync(body, Leading(provider));
        Assert.All(opening, e => Assert.Equal(string.Empty, ContentOf(provider, e.Data)));

        time.Advance(TimeSpan.FromSeconds(30));
        var rest = Raw.Sse(await body.ReadToEndAsync());
        Assert.Equal(Reply, string.Concat(rest.Select(e => ContentOf(provider, e.Data))));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StreamStall_pauses_after_the_given_events_and_then_completes(SimulatedProvider provider)
    {
        var time = new FakeTimeProvider(Start);
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model("m").Reply(Reply).StreamStall(Leading(provider) + 2, TimeSpan.FromMinutes(2));
        using var client = Raw.Client();

        using var response = await client.SendAsync(Raw.For(provider, sim, "m", stream: true), HttpCompletionOption.ResponseHeadersRead);
        using var body = new StreamReader(await response.Content.ReadAsStreamAsync());
        var before = await ReadEventsAsync(body, Leading(provider) + 2);
        await sim.WaitForLatencyAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("One two ", string.Concat(before.Select(e => ContentOf(provider, e.Data))));

        time.Advance(TimeSpan.FromMinutes(2));
        var after = Raw.Sse(await body.ReadToEndAsync());
        Assert.Equal("three four five six seven eight.", string.Concat(after.Select(e => ContentOf(provider, e.Data))));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MalformedEventMidStream_adds_one_event_that_is_not_json_and_keeps_the_whole_answer(SimulatedProvider provider)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").Reply(Reply).MalformedEventMidStream();

        var events = await StreamAsync(sim, provider);

        var malformed = events.Where(e => !IsJsonOrDone(e.Data)).ToList();
        Assert.Single(malformed);
        var index = events.IndexOf(malformed[0]);
        Assert.InRange(index, Leading(provider) + 1, events.Count - 2);
        Assert.Equal(Reply, string.Concat(events.Where(e => IsJsonOrDone(e.Data)).Select(e => ContentOf(provider, e.Data))));
        Assert.True(HasFinish(provider, events));
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI)]
    [InlineData(SimulatedProvider.Anthropic)]
    [InlineData(SimulatedProvider.Gemini)]
    public async Task MissingEndMarker_ends_after_the_finish_marker_and_usage(SimulatedProvider provider)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").Reply(Reply).MissingEndMarker();

        var events = await StreamAsync(sim, provider);

        Assert.DoesNotContain(events, e => e.Data == "[DONE]" || e.Event == "message_stop");
        Assert.True(HasFinish(provider, events));
        Assert.Contains(events, e => e.Data.Contains(provider == SimulatedProvider.Gemini ? "candidatesTokenCount" : provider == SimulatedProvider.OpenAI ? "completion_tokens" : "output_tokens", StringComparison.Ordinal));
        Assert.Equal(Reply, string.Concat(events.Select(e => ContentOf(provider, e.Data))));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CutAfterChunks_ends_cleanly_after_n_events_without_a_finish_marker(SimulatedProvider provider)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").Reply(Reply).CutAfterChunks(Leading(provider) + 3).CutAfterChunks(1000);

        var cut = await StreamAsync(sim, provider);
        Assert.Equal(Leading(provider) + 3, cut.Count);
        Assert.All(cut, e => Assert.True(IsJsonOrDone(e.Data)));
        Assert.False(HasFinish(provider, cut));

        var capped = await StreamAsync(sim, provider); // a count past the end still stops before the finish marker
        Assert.False(HasFinish(provider, capped));
        var text = string.Concat(capped.Select(e => ContentOf(provider, e.Data)));
        Assert.StartsWith("One two three four five six seven ", Reply, StringComparison.Ordinal);
        Assert.True(Reply.StartsWith(text, StringComparison.Ordinal) && text.Length >= "One two three four five six seven ".Length, text);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OversizedEvent_sends_one_valid_event_of_the_given_size(SimulatedProvider provider)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").Reply(Reply).OversizedEvent(1_500_000);

        var events = await StreamAsync(sim, provider);

        var big = Assert.Single(events, e => e.Data.Length > 100_000);
        Assert.InRange(big.Data.Length, 1_500_000, 1_600_000);
        Assert.True(IsJsonOrDone(big.Data));
        Assert.True(HasFinish(provider, events));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EndlessStream_keeps_sending_until_the_client_goes_away(SimulatedProvider provider)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").EndlessStream();
        using var client = Raw.Client();

        using (var response = await client.SendAsync(Raw.For(provider, sim, "m", stream: true), HttpCompletionOption.ResponseHeadersRead))
        {
            using var body = new StreamReader(await response.Content.ReadAsStreamAsync());
            var events = await ReadEventsAsync(body, Leading(provider) + 200);
            Assert.Equal("more more ", string.Concat(events.Skip(Leading(provider)).Take(2).Select(e => ContentOf(provider, e.Data))));
            Assert.False(HasFinish(provider, events));
        }

        // The abandoned request does not block the next one.
        var (next, _, _) = await Raw.SendAsync(sim, Raw.For(provider, sim, "m"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EndlessStream_with_an_interval_waits_on_the_simulator_clock(SimulatedProvider provider)
    {
        var time = new FakeTimeProvider(Start);
        await using var sim = await ProviderSimulator.StartAsync(time);
        sim.Model("m").EndlessStream(TimeSpan.FromSeconds(1));
        using var client = Raw.Client();

        using var response = await client.SendAsync(Raw.For(provider, sim, "m", stream: true), HttpCompletionOption.ResponseHeadersRead);
        using var body = new StreamReader(await response.Content.ReadAsStreamAsync());
        await ReadEventsAsync(body, Leading(provider));
        for (var i = 0; i < 3; i++)
        {
            await sim.WaitForLatencyAsync().WaitAsync(TimeSpan.FromSeconds(10));
            time.Advance(TimeSpan.FromSeconds(1));
            var one = await ReadEventsAsync(body, 1);
            Assert.Equal("more ", ContentOf(provider, one[0].Data));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task HeadersThenNothing_sends_200_headers_and_no_byte(SimulatedProvider provider)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").HeadersThenNothing();
        using var client = Raw.Client();

        using var response = await client.SendAsync(Raw.For(provider, sim, "m", stream: true), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(provider == SimulatedProvider.Gemini ? "event-stream" : "event-stream", response.Content.Headers.ContentType!.MediaType!, StringComparison.Ordinal);
        var body = await response.Content.ReadAsStreamAsync();
        using var cts = new CancellationTokenSource();
        var read = body.ReadAsync(new byte[16], cts.Token).AsTask();
        Assert.False(read.IsCompleted);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    [Theory]
    [InlineData(SimulatedProvider.OpenAI, "invalid_request_error")]
    [InlineData(SimulatedProvider.Anthropic, "invalid_request_error")]
    [InlineData(SimulatedProvider.Gemini, "INVALID_ARGUMENT")]
    public async Task RejectsPrefill_answers_a_request_ending_with_an_assistant_message_with_the_providers_400(SimulatedProvider provider, string type)
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").RejectsPrefill().Reply(Reply);

        var (rejected, json, _) = await Raw.SendAsync(sim, WithPrefill(provider, sim, "m", "One two"));
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        var errorType = provider switch
        {
            SimulatedProvider.OpenAI => (string?)json!["error"]!["type"],
            SimulatedProvider.Anthropic => (string?)json!["error"]!["type"],
            _ => (string?)json!["error"]!["status"],
        };
        Assert.Equal(type, errorType);
        Assert.Contains("prefill", json!.ToJsonString().Replace("multiturn requests end with a user role", "prefill", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

        var (accepted, _, _) = await Raw.SendAsync(sim, Raw.For(provider, sim, "m"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        sim.Model("m").RejectsPrefill(false);
        var (allowed, _, _) = await Raw.SendAsync(sim, WithPrefill(provider, sim, "m", "One two"));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task RejectsPrefill_wins_over_a_queued_stream_fault_but_not_over_a_queued_error()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("m").RejectsPrefill().LateFirstToken(TimeSpan.FromSeconds(5)).Overloaded();

        var (first, _, _) = await Raw.SendAsync(sim, WithPrefill(SimulatedProvider.Anthropic, sim, "m", "One"));
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        var (second, _, _) = await Raw.SendAsync(sim, WithPrefill(SimulatedProvider.Anthropic, sim, "m", "One"));
        Assert.Equal((HttpStatusCode)529, second.StatusCode);
    }

    [Fact]
    public void Stream_fault_factories_validate_their_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedBehavior.LateFirstToken(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedBehavior.StreamStall(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedBehavior.CutAfterChunks(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedBehavior.OversizedEvent(10));
        Assert.Equal(TimeSpan.FromSeconds(3), SimulatedBehavior.StreamStall(2, TimeSpan.FromSeconds(3)).WithLatency(TimeSpan.FromSeconds(1)).Delay);
    }

    private static HttpRequestMessage WithPrefill(SimulatedProvider provider, ProviderSimulator sim, string model, string prefill) => provider switch
    {
        SimulatedProvider.OpenAI => Raw.OpenAI(sim, model, edit: b => b["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = prefill })),
        SimulatedProvider.Anthropic => Raw.Anthropic(sim, model, edit: b => b["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = prefill })),
        _ => Raw.Gemini(sim, model, edit: b => b["contents"]!.AsArray().Add(new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(new JsonObject { ["text"] = prefill }) })),
    };

    private static int Leading(SimulatedProvider provider) => provider switch
    {
        SimulatedProvider.OpenAI => 1,
        SimulatedProvider.Anthropic => 3,
        _ => 0,
    };

    private static async Task<List<(string? Event, string Data)>> StreamAsync(ProviderSimulator sim, SimulatedProvider provider)
    {
        var (response, _, text) = await Raw.SendAsync(sim, Raw.For(provider, sim, "m", stream: true));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Raw.Sse(text).Where(e => e.Event != "(partial)").ToList();
    }

    /// <summary>Reads <paramref name="count"/> whole events (data lines up to a blank line).</summary>
    private static async Task<List<(string? Event, string Data)>> ReadEventsAsync(StreamReader body, int count)
    {
        var events = new List<(string?, string)>();
        string? name = null;
        var data = new StringBuilder();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20)); // a broken test fails instead of hanging
        while (events.Count < count)
        {
            var line = await body.ReadLineAsync(guard.Token) ?? throw new EndOfStreamException($"the stream ended after {events.Count} events");
            if (line.Length == 0)
            {
                events.Add((name, data.ToString()));
                name = null;
                data.Clear();
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line["data: ".Length..]);
            }
        }

        return events;
    }

    private static bool IsJsonOrDone(string data)
    {
        if (data == "[DONE]")
        {
            return true;
        }

        try
        {
            using var _ = JsonDocument.Parse(data);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string ContentOf(SimulatedProvider provider, string data)
    {
        if (!IsJsonOrDone(data) || data == "[DONE]")
        {
            return string.Empty;
        }

        var json = JsonNode.Parse(data)!;
        return provider switch
        {
            SimulatedProvider.OpenAI => (string?)json["choices"]?.AsArray().FirstOrDefault()?["delta"]?["content"] ?? string.Empty,
            SimulatedProvider.Anthropic => (string?)json["delta"]?["text"] ?? string.Empty,
            _ => (string?)json["candidates"]?[0]?["content"]?["parts"]?[0]?["text"] ?? string.Empty,
        };
    }

    private static bool HasFinish(SimulatedProvider provider, List<(string? Event, string Data)> events) => provider switch
    {
        SimulatedProvider.OpenAI => events.Any(e => IsJsonOrDone(e.Data) && e.Data != "[DONE]" && JsonNode.Parse(e.Data)!["choices"]?.AsArray().Any(c => c?["finish_reason"] is JsonValue) == true),
        SimulatedProvider.Anthropic => events.Any(e => e.Data.Contains("\"stop_reason\":\"", StringComparison.Ordinal)),
        _ => events.Any(e => e.Data.Contains("finishReason", StringComparison.Ordinal)),
    };
}
