using System;
using System.Collections.Generic;

namespace Failover;

/// <summary>
/// A streamed answer broke after its first chunk reached the caller. Failover is not possible at that point (the
/// caller already shows part of one model's answer), so the route surfaces the break: which route and model, and how
/// much had been delivered.
/// </summary>
public sealed class StreamInterruptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StreamInterruptedException(RouteDescriptor route, ModelTarget model, int chunksDelivered, long charactersDelivered, FailureKind failure, IReadOnlyList<RouteAttempt> attempts, Exception? inner)
        : base($"The stream of route '{route?.Name}' from model '{model?.Id}' broke ({failure}) after {chunksDelivered} chunk(s) and {charactersDelivered} character(s) had been delivered; a stream cannot fail over once the caller has received part of it.", inner)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(model);
        Route = route;
        Model = model;
        ChunksDelivered = chunksDelivered;
        CharactersDelivered = charactersDelivered;
        Failure = failure;
        Attempts = attempts;
    }

    /// <summary>The route whose stream broke.</summary>
    public RouteDescriptor Route { get; }

    /// <summary>The model that was streaming.</summary>
    public ModelTarget Model { get; }

    /// <summary>Chunks that had reached the caller.</summary>
    public int ChunksDelivered { get; }

    /// <summary>Characters of text that had reached the caller.</summary>
    public long CharactersDelivered { get; }

    /// <summary>How the stream broke.</summary>
    public FailureKind Failure { get; }

    /// <summary>Every attempt of the call, the broken one last.</summary>
    public IReadOnlyList<RouteAttempt> Attempts { get; }
}
