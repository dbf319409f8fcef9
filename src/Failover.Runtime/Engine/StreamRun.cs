using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// What a <see cref="RouteStream{T}"/> needs to run its route on each enumeration: held by value in the stream itself,
/// so a stream costs no closure and no delegate on top of its own object.
/// </summary>
internal readonly record struct StreamRun(FailoverEngine Engine, RoutePlan Plan, IList<ChatMessage> Messages, ChatOptions? ChatOptions, string? CanaryKey, CancellationToken CallerToken);
