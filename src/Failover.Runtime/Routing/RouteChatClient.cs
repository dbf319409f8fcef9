using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// A route as an <see cref="IChatClient"/>: every call walks the route's chain (retry, fallbacks, health, kill switch,
/// timeouts) with the caller's messages and <see cref="ChatOptions"/>, so <c>ChatClientBuilder</c> middleware (function
/// invocation, caching, OpenTelemetry, logging) composes around failover and any code that takes an
/// <see cref="IChatClient"/> gets it. The route's prompt template is not applied: the messages are sent as given.
/// </summary>
internal sealed class RouteChatClient : IChatClient
{
    private readonly FailoverEngine _engine;
    private readonly RouteDescriptor _route;

    public RouteChatClient(FailoverEngine engine, RouteDescriptor route)
    {
        _engine = engine;
        _route = route;
        _engine.Validate(route);
        Metadata = new ChatClientMetadata(providerName: "failover", defaultModelId: route.Primary.Id);
    }

    public ChatClientMetadata Metadata { get; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = await _engine.RunAsync(_route, AsList(messages), ResponseReaders.Response, new RouteCallOptions<ChatResponse> { ChatOptions = options }, cancellationToken).ConfigureAwait(false);
        var response = result.Value;
        response.ModelId ??= result.ServedBy?.Model;
        return response;
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return _engine.StreamUpdatesAsync(_route, AsList(messages), options, null, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? Metadata
            : serviceType == typeof(RouteDescriptor) ? _route
            : serviceType == typeof(FailoverEngine) ? _engine
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The engine and its providers belong to the container, not to one route's client.
    }

    // The engine reads the list once per attempt; a copy keeps a lazily evaluated sequence from running per attempt.
    private static IList<ChatMessage> AsList(IEnumerable<ChatMessage> messages) => messages as IList<ChatMessage> ?? new List<ChatMessage>(messages);
}
