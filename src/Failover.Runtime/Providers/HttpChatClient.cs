using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
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

        var reader = CreateStreamReader(model);
        await foreach (var sse in Transport.ReadEventsAsync(response, model, cancellationToken).ConfigureAwait(false))
        {
            if (reader.IsEndMarker(sse))
            {
                break;
            }

            using var document = Transport.ParseEvent(sse, model);
            if (reader.Read(document.RootElement, sse) is { } update)
            {
                yield return update;
            }

            if (reader.Stopped)
            {
                break;
            }
        }

        if (!reader.Completed)
        {
            throw Transport.InvalidResponse(model, reader.IncompleteMessage, 200);
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
