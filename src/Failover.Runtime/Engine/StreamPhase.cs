namespace Failover;

/// <summary>Which limit a stream attempt is under.</summary>
internal enum StreamPhase
{
    /// <summary>Request sent, waiting for the response headers (the first update of any kind): the attempt timeout.</summary>
    Headers,

    /// <summary>Headers in, waiting for the first content: the first-token timeout.</summary>
    FirstToken,

    /// <summary>Content flows: the stall timeout between two chunks, and the route's total timeout.</summary>
    Streaming,
}
