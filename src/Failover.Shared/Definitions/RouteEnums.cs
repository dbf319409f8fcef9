using System;

// One definition, compiled twice: into Failover.Runtime as the public attribute enums (FAILOVER_RUNTIME), and into the
// generator and analyzers as internal copies, so the Roslyn side reads and writes the very same names and values.
#if FAILOVER_RUNTIME
namespace Failover;
#else
namespace Failover.CodeAnalysis;
#endif

/// <summary>What kind of work a route does; fallbacks are chosen for the task, not just the price.</summary>
#if FAILOVER_RUNTIME
public
#else
internal
#endif
enum RouteTier
{
    /// <summary>No particular tier.</summary>
    General = 0,

    /// <summary>Short labelling or routing decisions.</summary>
    Classification,

    /// <summary>Pulling structured fields out of text.</summary>
    Extraction,

    /// <summary>Writing prose or code for people.</summary>
    Generation,

    /// <summary>Multi-step reasoning, planning, agents.</summary>
    Reasoning,
}

/// <summary>How much it matters when the route fails.</summary>
#if FAILOVER_RUNTIME
public
#else
internal
#endif
enum Criticality
{
    /// <summary>A failure is an inconvenience.</summary>
    Low = 0,

    /// <summary>The default.</summary>
    Normal,

    /// <summary>A failure breaks a user-facing feature.</summary>
    High,

    /// <summary>A failure breaks the product; the analyzers demand a fallback.</summary>
    Critical,
}

/// <summary>What a route needs from every model in its chain. The numeric values are shared with the model catalog.</summary>
[Flags]
#if FAILOVER_RUNTIME
public
#else
internal
#endif
enum Capabilities
{
    /// <summary>Nothing beyond text in, text out.</summary>
    None = 0,

    /// <summary>Tool (function) calling.</summary>
    Tools = 1,

    /// <summary>JSON / structured output.</summary>
    Json = 2,

    /// <summary>Image input.</summary>
    Vision = 4,

    /// <summary>Streamed responses.</summary>
    Streaming = 8,

    /// <summary>Continues a trailing assistant message (a prefill); needed by <see cref="StreamRecovery.Continue"/>.</summary>
    Prefill = 16,
}

/// <summary>
/// What a streamed route does when its stream breaks after the first chunk reached the caller. Before the first
/// chunk a stream always fails over like any call. See docs/routing.md, "Stream recovery".
/// </summary>
#if FAILOVER_RUNTIME
public
#else
internal
#endif
enum StreamRecovery
{
    /// <summary>The break surfaces as a <c>StreamInterruptedException</c> (the default): the caller keeps what it showed.</summary>
    None = 0,

    /// <summary>
    /// The request is sent again, unchanged, to the next healthy model. The caller is told first that everything received
    /// so far is void (a <c>StreamRestartUpdate</c> in update streams, <c>RouteStream&lt;T&gt;.Restarted</c> for both
    /// shapes), then receives the new model's complete answer.
    /// </summary>
    Restart,

    /// <summary>
    /// The partial answer goes to the next model as an assistant prefill and the stream continues where it broke. Only models
    /// whose catalog entry accepts a prefill are continued (FO117 flags a chain that has one that does not); any other model
    /// gets a <see cref="Restart"/>, so a prefill never reaches a model that rejects it.
    /// </summary>
    Continue,
}

/// <summary>The response format a route's <c>[ChatDefaults]</c> asks for; a per-call <c>ChatOptions.ResponseFormat</c> wins.</summary>
#if FAILOVER_RUNTIME
public
#else
internal
#endif
enum DefaultResponseFormat
{
    /// <summary>No default: the provider's own (text), unless the call sets one.</summary>
    Unset = 0,

    /// <summary>Plain text (<c>ChatResponseFormat.Text</c>).</summary>
    Text,

    /// <summary>Any JSON object (<c>ChatResponseFormat.Json</c>). Structured routes (<c>Task&lt;T&gt;</c>) ask for their schema themselves.</summary>
    Json,
}
