using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace Failover;

/// <summary>
/// Takes resilience handlers (Microsoft.Extensions.Http.Resilience, Polly) out of the handler chain of the built-in
/// providers' named HttpClients (<c>failover-*</c>), wherever they came from: usually <c>ConfigureHttpClientDefaults(h =>
/// h.AddStandardResilienceHandler())</c>, as Aspire's service defaults do. The engine owns retries, timeouts and
/// fallbacks; a standard resilience handler underneath would retry each attempt up to three times and impose its own
/// timeouts, unseen by the engine (one attempt became three requests, a 12 s answer a 79.6 s route). It runs as a
/// handler builder filter, after every configuration action, so the order of registrations does not matter. Other
/// handlers (service discovery, logging, auth) stay.
/// </summary>
internal sealed partial class InheritedResilience : IHttpMessageHandlerBuilderFilter
{
    /// <summary>The log category of provider setup messages.</summary>
    public const string ProviderLogCategory = "Failover.Providers";

    private readonly ConcurrentDictionary<string, bool> _logged = new(StringComparer.Ordinal);
    private readonly ILogger? _logger;

    public InheritedResilience(ILoggerFactory? loggers = null) => _logger = loggers?.CreateLogger(ProviderLogCategory);

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.Name is { } name && name.StartsWith(FailoverBuilderProviderExtensions.HttpClientNamePrefix, StringComparison.Ordinal))
        {
            Remove(name, builder.AdditionalHandlers);
        }
    };

    private void Remove(string clientName, IList<DelegatingHandler> handlers)
    {
        List<string>? removed = null;
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            if (IsResilienceHandler(handlers[i]))
            {
                (removed ??= []).Add(handlers[i].GetType().Name);
                handlers.RemoveAt(i);
            }
        }

        // The chain is rebuilt on every handler rotation (2 minutes by default): say it once per client.
        if (removed is not null && _logger is not null && _logged.TryAdd(clientName, true))
        {
            Removed(_logger, clientName, string.Join(", ", removed));
        }
    }

    private static bool IsResilienceHandler(DelegatingHandler handler)
    {
        var space = handler.GetType().Namespace ?? string.Empty;
        return space.StartsWith("Microsoft.Extensions.Http.Resilience", StringComparison.Ordinal)
            || space.StartsWith("Microsoft.Extensions.Http.Polly", StringComparison.Ordinal)
            || space.StartsWith("Polly", StringComparison.Ordinal);
    }

    [LoggerMessage(EventId = FailoverLogEvents.InheritedResilienceRemoved, EventName = "InheritedResilienceRemoved", Level = LogLevel.Information,
        Message = "Removed resilience handler(s) {Handlers} from HttpClient '{ClientName}': Failover's engine retries, times out and falls back itself, and a second layer would hide requests and stretch timeouts (see docs/aspire.md).")]
    private static partial void Removed(ILogger logger, string clientName, string handlers);
}
