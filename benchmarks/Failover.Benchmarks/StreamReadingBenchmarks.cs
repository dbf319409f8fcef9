using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace Failover.Benchmarks;

/// <summary>
/// What the built-in OpenAI stream reader costs per chunk over parsing the same server-sent events raw. The body is
/// served from memory (no socket), so the difference is the reader's own work: the size bound, JSON parsing of each
/// event, building a <see cref="ChatResponseUpdate"/>, plus the request and HTTP plumbing once per stream.
/// </summary>
[MemoryDiagnoser]
public class StreamReadingBenchmarks
{
    /// <summary>Content chunks per stream; divide a row by this (plus 4 framing events) for the per-chunk figure.</summary>
    public const int Chunks = 100;

    private readonly List<ChatMessage> _messages = [new(ChatRole.User, "Write a haiku.")];
    private readonly ChatOptions _options = new() { ModelId = "gpt-5-mini" };
    private byte[] _body = [];
    private OpenAIChatClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sse = new StringBuilder();
        sse.Append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}\n\n");
        for (var i = 0; i < Chunks; i++)
        {
            sse.Append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word \"},\"finish_reason\":null}],\"usage\":null}\n\n");
        }

        sse.Append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n");
        sse.Append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":100,\"total_tokens\":109}}\n\n");
        sse.Append("data: [DONE]\n\n");
        _body = Encoding.UTF8.GetBytes(sse.ToString());
        _client = new OpenAIChatClient(new HttpClient(new MemoryHandler(_body)), "sk-bench", new HttpProviderOptions { BaseUrl = new Uri("http://127.0.0.1:1/v1/") });
    }

    [Benchmark(Baseline = true, Description = "SseParser alone (data length only)")]
    public async Task<long> RawSse()
    {
        long total = 0;
        await foreach (var item in SseParser.Create(new MemoryStream(_body, writable: false), static (_, data) => data.Length).EnumerateAsync())
        {
            total += item.Data;
        }

        return total;
    }

    [Benchmark(Description = "SseParser + JsonDocument per event")]
    public async Task<long> SseAndJson()
    {
        long total = 0;
        await foreach (var item in SseParser.Create(new MemoryStream(_body, writable: false), static (_, data) =>
        {
            if (data.SequenceEqual("[DONE]"u8))
            {
                return 0;
            }

            var reader = new Utf8JsonReader(data);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.GetArrayLength("choices");
        }).EnumerateAsync())
        {
            total += item.Data;
        }

        return total;
    }

    [Benchmark(Description = "OpenAIChatClient stream (request, HTTP, reader)")]
    public async Task<int> BuiltInReader()
    {
        var text = 0;
        await foreach (var update in _client.GetStreamingResponseAsync(_messages, _options))
        {
            text += update.Contents.Count;
        }

        return text;
    }

    private sealed class MemoryHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }
}

internal static class JsonElementExtensions
{
    public static int GetArrayLength(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0;
}
