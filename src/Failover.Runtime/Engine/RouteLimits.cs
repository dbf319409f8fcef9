using System;

namespace Failover;

/// <summary>
/// The time limits of one route, resolved once per plan (configuration, then the route's attributes, then the global
/// defaults). All run on the engine's <see cref="TimeProvider"/>.
/// </summary>
/// <param name="Attempt">Request sent to response headers (streams), or to the whole answer (plain calls).</param>
/// <param name="FirstToken">Streams: response headers to the first content chunk.</param>
/// <param name="Stall">Streams: the longest gap between two chunks.</param>
/// <param name="Total">The whole call, every attempt and backoff included; null for none.</param>
internal readonly record struct RouteLimits(TimeSpan Attempt, TimeSpan FirstToken, TimeSpan Stall, TimeSpan? Total);
