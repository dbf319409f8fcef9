using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// The base of the built-in HTTP providers (<see cref="OpenAIChatClient"/>, <see cref="AnthropicChatClient"/>,
/// <see cref="GeminiChatClient"/>): it owns the transport and metadata and runs the steps every call shares
/// (pick the model, write the JSON body, send, then read one JSON answer or a stream of server-sent events),
/// while each provider supplies its wire format. It cannot be derived from outside this assembly.
/// </summary>
public abstract class HttpChatClient : IChatClient
{
    private readonly ChatClientMetadata _metadata;

    private protected HttpChatClient(
        Func<HttpClient> httpClient,
        string? apiKey,
        HttpProviderOptions? options,
        string providerName,
        TimeProvider? timeProvider,
        Uri defaultBaseUrl,
        Func<JsonElement, ProviderError?> readError)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        options ??= new HttpProviderOptions();
        ProviderAddress.Validate(providerName, options.BaseUrl, nameof(options));
        Transport = new ProviderTransport(providerName, httpClient, options.BaseUrl ?? defaultBaseUrl, options, apiKey, timeProvider ?? TimeProvider.System, readError);
        _metadata = new ChatClientMetadata(providerName, Transport.BaseUrl, options.DefaultModelId);
    }

    private protected ProviderTransport Transport { get; }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = ModelOf(options);
        using var request = CreateRequest(messages, options, model, stream: false);
        using var response = await Transport.SendAsync(request, model, cancellationToken).ConfigureAwait(false);
        using var document = await Transport.ReadJsonAsync(response, model, cancellationToken).ConfigureAwait(false);
        return ParseResponse(document.RootElement, model, options);
    }

    /// <summary>
    /// Streams the answer. The first update, yielded as soon as successful response headers arrive, carries no content
    /// (only the role and the model), so a caller can tell "the provider took the request" from "the first token
    /// arrived". Server-sent events are parsed by <see cref="SseParser"/>; a malformed event is skipped and counted in
    /// <see cref="StreamSignals.SkippedEvents"/> on every later update, and only an unusable stream fails. A stream that
    /// ends after the provider's finish marker is complete; one that ends, breaks or becomes unusable before it throws
    /// <see cref="FailureKind.StreamInterrupted"/>. Cancellation is honoured at every read; no timeout of its own applies.
    /// </summary>
    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = ModelOf(options);
        using var request = CreateRequest(messages, options, model, stream: true);
        using var response = await Transport.SendAsync(request, model, cancellationToken).ConfigureAwait(false);
        var body = await Transport.OpenEventStreamAsync(response, model, cancellationToken).ConfigureAwait(false);
        await using var bounded = new BoundedEventStream(body, Transport.Options.MaxStreamEventBytes);

        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, ModelId = model };

        var reader = CreateStreamReader(model);
        var parser = SseParser.Create(bounded, (type, data) => ServerSentEvent.Parse(type, data, reader));
        var events = parser.EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (events.ConfigureAwait(false))
        {
            var skipped = 0;
            var reported = 0;
            var malformedInARow = 0;
            while (await NextEventAsync(events, model, cancellationToken).ConfigureAwait(false))
            {
                using var sse = events.Current.Data;

                // Events already buffered are not read from the network: check the token for each one, not only per read.
                cancellationToken.ThrowIfCancellationRequested();
                if (sse.IsEndMarker)
                {
                    reader.OnEndMarker();
                    break;
                }

                if (sse.Json is not { } json)
                {
                    skipped++;
                    if (++malformedInARow >= Transport.Options.MaxConsecutiveMalformedEvents)
                    {
                        throw Transport.StreamInterrupted(model, $"sent {malformedInARow} malformed events in a row ({skipped} in all): the event stream is unusable");
                    }

                    continue;
                }

                malformedInARow = 0;
                if (reader.Read(json.RootElement, sse.Event) is { } update)
                {
                    if (skipped > 0)
                    {
                        (update.AdditionalProperties ??= new())[StreamSignals.SkippedEvents] = skipped;
                        reported = skipped;
                    }

                    yield return update;
                }

                if (reader.Stopped)
                {
                    break;
                }
            }

            if (!reader.Completed)
            {
                throw Transport.StreamInterrupted(model, reader.IncompleteMessage + (skipped > 0 ? $" ({skipped} malformed events skipped)" : string.Empty));
            }

            if (skipped > reported)
            {
                // Events skipped after the last update still count: one empty update carries the final number.
                yield return new ChatResponseUpdate
                {
                    Role = ChatRole.Assistant,
                    ModelId = model,
                    AdditionalProperties = new() { [StreamSignals.SkippedEvents] = skipped },
                };
            }
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the <see cref="HttpClient"/> belongs to its factory.</summary>
    public void Dispose()
    {
    }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}({Transport.ProviderName}, {ProviderAddress.Safe(Transport.BaseUrl)})";

    private protected static Func<HttpClient> NonNull(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    /// <summary>The model to call: the request's, else the configured default.</summary>
    private protected virtual string ModelOf(ChatOptions? options) =>
        options?.ModelId ?? Transport.Options.DefaultModelId
        ?? throw new ArgumentException($"No model id: set ChatOptions.ModelId or HttpProviderOptions.DefaultModelId for provider '{Transport.ProviderName}'.", nameof(options));

    /// <summary>The endpoint, relative to the base address.</summary>
    private protected abstract string RequestPath(string model, bool stream);

    /// <summary>Adds the key (never null or empty here) in the provider's header.</summary>
    private protected abstract void AddApiKey(HttpRequestMessage request, string apiKey);

    /// <summary>Adds the provider's fixed headers, after the key.</summary>
    private protected virtual void AddHeaders(HttpRequestMessage request)
    {
    }

    /// <summary>Writes the request body in the provider's wire format.</summary>
    private protected abstract void WriteBody(Utf8JsonWriter writer, IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream);

    /// <summary>Turns a whole successful JSON answer into a response, or throws the failure it carries.</summary>
    private protected abstract ChatResponse ParseResponse(JsonElement root, string model, ChatOptions? options);

    /// <summary>Creates the per-stream state that turns events into updates.</summary>
    private protected abstract ChatStreamReader CreateStreamReader(string model);

    /// <summary>
    /// Moves to the next event. A connection that breaks or an event over the size limit is a
    /// <see cref="FailureKind.StreamInterrupted"/> failure; after cancellation, whatever the read threw is reported as
    /// the cancellation it is.
    /// </summary>
    private async ValueTask<bool> NextEventAsync(IAsyncEnumerator<SseItem<ServerSentEvent>> events, string model, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync().ConfigureAwait(false);
        }
        catch (EventTooLargeException error)
        {
            throw Transport.StreamInterrupted(model, "made the event stream unusable", error);
        }
        catch (Exception error) when (error is HttpRequestException or IOException or ObjectDisposedException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Transport.StreamInterrupted(model, "broke off its event stream", error);
        }
    }

    private HttpRequestMessage CreateRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream)
    {
        var body = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(body))
        {
            WriteBody(writer, messages, options, model, stream);
        }

        var request = Transport.CreatePost(RequestPath(model, stream), body);
        if (Transport.ApiKey is { } key)
        {
            AddApiKey(request, key);
        }

        AddHeaders(request);
        if (stream)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        return request;
    }
}
