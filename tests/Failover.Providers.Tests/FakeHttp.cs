using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Failover.Providers.Tests;

/// <summary>A request as the fake handler saw it.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>An HttpMessageHandler that answers from recorded wire-format responses and records what was sent.</summary>
public sealed class FakeHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _answers = new();

    public List<RecordedRequest> Requests { get; } = new();

    public FakeHandler Respond(Func<HttpResponseMessage> answer)
    {
        _answers.Enqueue((_, _) => Task.FromResult(answer()));
        return this;
    }

    public FakeHandler Respond(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    public FakeHandler Json(int status, string body, params (string Name, string Value)[] headers) =>
        Respond(() => Wire.Response(status, body, "application/json", headers));

    public FakeHandler Sse(string body, params (string Name, string Value)[] headers) =>
        Respond(() => Wire.Response(200, body, "text/event-stream", headers));

    public FakeHandler Throw(Exception error) => Respond((_, _) => Task.FromException<HttpResponseMessage>(error));

    public RecordedRequest Last => Requests[^1];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        var body = string.Empty;
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(",", header.Value);
            }

            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, body));
        if (_answers.Count == 0)
        {
            throw new InvalidOperationException("No answer queued for " + request.RequestUri);
        }

        return await _answers.Dequeue()(request, cancellationToken);
    }
}

public static class Wire
{
    public static HttpResponseMessage Response(int status, string body, string mediaType, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>A response whose body delivers <paramref name="prefix"/> and then breaks like a reset connection.</summary>
    public static HttpResponseMessage Breaking(int status, string prefix, string mediaType)
    {
        var content = new StreamContent(new BreakingStream(Encoding.UTF8.GetBytes(prefix)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage((HttpStatusCode)status) { Content = content };
    }

    /// <summary>Joins SSE events: each item is one event's lines.</summary>
    public static string Sse(params string[] events) => string.Concat(events.Select(e => e + "\n\n"));

    private sealed class BreakingStream(byte[] prefix) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= prefix.Length)
            {
                throw new IOException("Connection reset by peer");
            }

            var n = Math.Min(count, prefix.Length - _position);
            Array.Copy(prefix, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
