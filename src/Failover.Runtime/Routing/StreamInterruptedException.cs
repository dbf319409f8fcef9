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
        : this(route, model, chunksDelivered, charactersDelivered, failure, attempts, inner, null)
    {
    }

    /// <summary>Creates the exception; <paramref name="recoveryFailure"/> says why the route's <see cref="StreamRecovery"/> found no model to go on with (null when the route does not recover).</summary>
    public StreamInterruptedException(RouteDescriptor route, ModelTarget model, int chunksDelivered, long charactersDelivered, FailureKind failure, IReadOnlyList<RouteAttempt> attempts, Exception? inner, string? recoveryFailure)
        : base(recoveryFailure is null
            ? $"The stream of route '{route?.Name}' from model '{model?.Id}' broke ({failure}) after {chunksDelivered} chunk(s) and {charactersDelivered} character(s) had been delivered; the route does not recover a stream once the caller has received part of it (set StreamRecovery = Restart or Continue on [ModelRoute] to go on with the next model)."
            : $"The stream of route '{route?.Name}' from model '{model?.Id}' broke ({failure}) after {chunksDelivered} chunk(s) and {charactersDelivered} character(s) had been delivered, and no other model could take over: {recoveryFailure} Attempts: {string.Join("; ", attempts ?? Array.Empty<RouteAttempt>())}.", inner)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(model);
        Route = route;
        Model = model;
        ChunksDelivered = chunksDelivered;
        CharactersDelivered = charactersDelivered;
        Failure = failure;
        Attempts = attempts ?? Array.Empty<RouteAttempt>();
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
