using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Failover;

/// <summary>
/// The HTTP plumbing the built-in providers share: sending, turning error answers into classified
/// <see cref="ProviderException"/>s through <see cref="FailureClassifier"/>, reading JSON and server-sent events,
/// and naming garbage for what it is. Messages name provider and model, never headers or the key.
/// </summary>
internal sealed class ProviderTransport
{
    private const int MaxQuotedBody = 200;

    private readonly Func<HttpClient> _http;
    private readonly HttpProviderOptions _options;
    private readonly string? _apiKey;
    private readonly TimeProvider _time;
    private readonly Func<JsonElement, ProviderError?> _readError;
    private readonly SecretRedactor _redactor;

    public ProviderTransport(
        string providerName,
        Func<HttpClient> http,
        Uri baseUrl,
        HttpProviderOptions options,
        string? apiKey,
        TimeProvider time,
        Func<JsonElement, ProviderError?> readError)
    {
        ProviderName = providerName;
        _http = http;
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _options = options;
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        _time = time;
        _redactor = SecretRedactor.For(_apiKey, options);

        // Provider error fields are redacted where they are read, before classification cuts or stores them.
        _readError = root => readError(root) is { } error ? Redacted(error) : null;
    }

    public string ProviderName { get; }

    public Uri BaseUrl { get; }

    public HttpProviderOptions Options => _options;

    public string? ApiKey => _apiKey;

    /// <summary>Creates a JSON POST to a path relative to the base address, with the configured extra headers.</summary>
    public HttpRequestMessage CreatePost(string relativePath, ArrayBufferWriter<byte> body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, relativePath))
        {
            Content = new ReadOnlyMemoryContent(body.WrittenMemory),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var header in _options.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return request;
    }

    /// <summary>
    /// Sends the request and returns a successful answer with its body unread. Error answers become classified
    /// <see cref="ProviderException"/>s; connection failures become <see cref="FailureKind.Connection"/> ones.
    /// Cancellation propagates unchanged.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string model, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw Wrap(error, model, "the request failed");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorFromAsync(response, model, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a whole successful JSON body; empty, non-JSON and malformed bodies are <see cref="FailureKind.InvalidResponse"/>.</summary>
    public async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, string model, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(response, model, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (body.Length == 0)
        {
            throw InvalidResponse(model, $"returned an empty {status} response instead of JSON", status);
        }

        if (!LooksLikeJson(body))
        {
            throw InvalidResponse(model, $"returned a {status} {MediaType(response)} page instead of JSON: {Quote(body)}", status);
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException error)
        {
            throw InvalidResponse(model, $"returned truncated or malformed JSON ({error.Message})", status, error);
        }
    }

    /// <summary>
    /// Opens the body of a successful streaming answer. A JSON or other non-event-stream body (some servers answer a
    /// streaming request with a 200 error document or an HTML page) is read and thrown as the failure it is.
    /// </summary>
    public async Task<Stream> OpenEventStreamAsync(HttpResponseMessage response, string model, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            using var document = await ReadJsonAsync(response, model, cancellationToken).ConfigureAwait(false);
            throw ErrorFromBody(document.RootElement, (int)response.StatusCode, model, null, "instead of a stream")
                ?? InvalidResponse(model, "returned a JSON document instead of an event stream", (int)response.StatusCode);
        }

        if (mediaType is not null && !mediaType.Contains("event-stream", StringComparison.OrdinalIgnoreCase))
        {
            var body = await ReadBodyAsync(response, model, cancellationToken).ConfigureAwait(false);
            throw InvalidResponse(model, $"returned a {(int)response.StatusCode} {mediaType} page instead of an event stream: {Quote(body)}", (int)response.StatusCode);
        }

        try
        {
            return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw StreamInterrupted(model, "the event stream could not be opened", error);
        }
    }

    /// <summary>A <see cref="FailureKind.StreamInterrupted"/> failure naming provider and model: the stream ended early, broke or became unusable.</summary>
    public ProviderException StreamInterrupted(string model, string what, Exception? inner = null) =>
        new(FailureKind.StreamInterrupted, Truncate($"{Label(model)} {Redact(what)}" + (inner is null ? string.Empty : ": " + Redact(inner.Message))), 200, null, null, SafeInner(inner));

    /// <summary>The exception for an error the provider reported inside a stream (or a 200 body).</summary>
    public ProviderException? ErrorFromBody(JsonElement root, int status, string model, TimeSpan? retryAfter, string where)
    {
        if (_readError(root) is not { } error)
        {
            return null;
        }

        var classified = FailureClassifier.FromHttp(status, error.Type, error.Code, error.Message, retryAfter ?? error.RetryDelay);
        var code = classified.ProviderErrorCode;
        var message = $"{Label(model)} reported an error {where}" + (code is null ? string.Empty : $" ({code})") + ": " + Redact(error.Message ?? "(no message)");
        return new ProviderException(classified.Kind, Truncate(message), null, code, classified.RetryAfter);
    }

    /// <summary>An <see cref="FailureKind.InvalidResponse"/> failure naming provider and model.</summary>
    public ProviderException InvalidResponse(string model, string what, int? status = null, Exception? inner = null) =>
        new(FailureKind.InvalidResponse, Truncate($"{Label(model)} {Redact(what)}"), status, null, null, SafeInner(inner));

    /// <summary>A failure the provider signalled inside a successful answer (a safety block, a refusal).</summary>
    public ProviderException Blocked(FailureKind kind, string model, string reason, string what) =>
        new(kind, Truncate($"{Label(model)} {Redact(what)} ({Redact(reason)})"), 200, Redact(reason), null);

    public string Label(string model) => ProviderName + "/" + model;

    private async Task<ProviderException> ErrorFromAsync(HttpResponseMessage response, string model, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfterParser.FromHeaders(response.Headers, _time);
        byte[] body;
        try
        {
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception readError) when (readError is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            body = [];
        }

        ProviderError? parsed = null;
        if (body.Length > 0 && LooksLikeJson(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                parsed = _readError(document.RootElement);
            }
            catch (JsonException)
            {
                parsed = null;
            }
        }

        if (parsed is not { } error)
        {
            // A gateway's HTML page or an empty body: the status is all there is to classify.
            var bare = FailureClassifier.FromHttp(status, null, null, null, retryAfter);
            var what = body.Length == 0
                ? $"returned HTTP {status} with an empty body"
                : LooksLikeJson(body)
                    ? $"returned HTTP {status} with an unrecognised error body: {Quote(body)}"
                    : $"returned a {status} {MediaType(response)} page instead of JSON: {Quote(body)}";
            return new ProviderException(bare.Kind, Truncate($"{Label(model)} {Redact(what)}"), status, null, bare.RetryAfter);
        }

        var classified = FailureClassifier.FromHttp(status, error.Type, error.Code, error.Message, retryAfter ?? error.RetryDelay);
        return new ProviderException(
            classified.Kind,
            Truncate($"{Label(model)} failed: {Redact(classified.Message)}"),
            status,
            classified.ProviderErrorCode,
            classified.RetryAfter);
    }

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, string model, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw Wrap(error, model, "the response body broke off");
        }
    }

    private ProviderException Wrap(Exception error, string model, string what)
    {
        var classified = FailureClassifier.Classify(error, CancellationToken.None);
        return new ProviderException(
            classified.Kind,
            Truncate($"{Label(model)}: {what}: {Redact(error.Message)}"),
            classified.StatusCode,
            null,
            null,
            SafeInner(error));
    }

    /// <summary>
    /// The exception to chain as the inner one: dropped when any message in its chain contains the key, because inner
    /// exceptions end up in <c>ToString()</c> and in logged exceptions, where no redaction runs.
    /// </summary>
    private Exception? SafeInner(Exception? error)
    {
        if (error is null || _redactor.IsEmpty)
        {
            return error;
        }

        for (var current = error; current is not null; current = current.InnerException)
        {
            if (_redactor.Reveals(current.Message))
            {
                return null;
            }
        }

        return error;
    }

    /// <summary>The provider text with the key and secret header values redacted (<see cref="SecretRedactor"/>): call before any cut.</summary>
    public string Redact(string text) => _redactor.Redact(text)!;

    private ProviderError Redacted(ProviderError error) =>
        _redactor.IsEmpty ? error : error with
        {
            Type = _redactor.Redact(error.Type),
            Code = _redactor.Redact(error.Code),
            Message = _redactor.Redact(error.Message),
        };

    private string Quote(byte[] body)
    {
        // Redact first, then cut: a key straddling the cut leaves no piece behind. Decoding stops well past the
        // quoted length so that a key crossing the decoding boundary is still seen whole enough to be found.
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaxQuotedBody * 8));
        text = Redact(text.ReplaceLineEndings(" ").Trim());
        return text.Length <= MaxQuotedBody ? text : text[..MaxQuotedBody] + "...";
    }

    private static string MediaType(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType ?? "non-JSON";

    private static bool LooksLikeJson(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b is (byte)'{' or (byte)'[';
        }

        return false;
    }

    private static string Truncate(string message) => message.Length <= 600 ? message : message[..600] + "...";
}
