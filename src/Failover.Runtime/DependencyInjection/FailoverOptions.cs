using System;
using System.Collections.Generic;

namespace Failover;

/// <summary>
/// Global settings of the failover engine, bound from the <c>Failover</c> configuration section (for example
/// <c>services.AddOptions&lt;FailoverOptions&gt;().BindConfiguration("Failover")</c>). Read through
/// <c>IOptionsMonitor</c>: a reload applies to the next request; an invalid reload is rejected and logged, and the
/// last good settings stay in force.
/// </summary>
public sealed class FailoverOptions
{
    /// <summary>The timeout of one attempt when neither the route nor its interface or assembly sets one.</summary>
    /// <value>The default is 60 seconds. Every attempt has a timeout, so nothing hangs.</value>
    public TimeSpan DefaultAttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The timeout of a whole route call when the route sets none; <see cref="TimeSpan.Zero"/> for none.</summary>
    /// <value>The default is 3 minutes.</value>
    public TimeSpan DefaultTotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Streams: the longest wait from the response headers to the first content chunk when the route sets none.
    /// A model that answers headers at once and then thinks past this limit is left for the next model.
    /// </summary>
    /// <value>
    /// The default is 30 seconds: chat models send their first token within a few seconds, and reasoning models
    /// typically within tens of seconds; a user waiting longer than that for the first word is better served by a
    /// fallback. Raise it (on the route or here) for routes of deliberately slow reasoning models.
    /// </value>
    public TimeSpan DefaultFirstTokenTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Streams: the longest gap between two chunks, once content flows, when the route sets none.</summary>
    /// <value>
    /// The default is 30 seconds: a healthy stream sends chunks many times a second, and providers that pause (tool
    /// calls, long reasoning steps) send keep-alives well inside that; a longer silence is a stalled stream, never a slow one.
    /// </value>
    public TimeSpan DefaultStallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether prompts and completions are written to the <c>Failover.Routing</c> log (event ids 1101 and 1102, at Debug).
    /// Turn it on only where logs may hold user content. API keys are never logged either way.
    /// </summary>
    /// <value>The default is <see langword="false"/>: no prompt or completion text is logged.</value>
    public bool LogContent { get; set; }
    /// <summary>Circuit breakers and cooldowns of the default health store.</summary>
    public FailoverHealthOptions Health { get; set; } = new();

    /// <summary>
    /// Whether every route estimates its prompt's size (characters / 4) and skips models whose known context window is
    /// smaller, as if each route set <see cref="ModelRouteAttribute.EstimateContext"/>.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool EstimatePromptTokens { get; set; }

    /// <summary>The kill switch: model ids (<c>provider/model</c>) that no route calls. Configuration key <c>Failover:DisabledModels</c>.</summary>
    public IList<string> DisabledModels { get; set; } = new List<string>();

    /// <summary>Provider names whose models no route calls. Configuration key <c>Failover:DisabledProviders</c>.</summary>
    public IList<string> DisabledProviders { get; set; } = new List<string>();

    /// <summary>Game days: faults injected per model through Polly's chaos strategies (<c>Failover:Chaos</c>); off by default.</summary>
    public FailoverChaosOptions Chaos { get; set; } = new();

    /// <summary>Per-route overrides by route name (<c>Failover:Routes:{routeName}</c>).</summary>
    public IDictionary<string, RouteOverrideOptions> Routes { get; set; } = new Dictionary<string, RouteOverrideOptions>(StringComparer.OrdinalIgnoreCase);
}
