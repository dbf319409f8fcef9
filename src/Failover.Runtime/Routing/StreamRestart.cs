namespace Failover;

/// <summary>
/// A stream of a <see cref="StreamRecovery.Restart"/> route broke after content reached the caller and starts over on
/// another model: everything received so far is void, and the next chunk is the first of the new model's complete
/// answer. A UI clears the partial answer (or shows "retrying") when it sees this.
/// </summary>
public sealed class StreamRestart
{
    /// <summary>Creates the signal.</summary>
    public StreamRestart(ModelTarget failedModel, ModelTarget nextModel, FailureKind failure, int chunksDiscarded, long charactersDiscarded, int number)
    {
        FailedModel = failedModel;
        NextModel = nextModel;
        Failure = failure;
        ChunksDiscarded = chunksDiscarded;
        CharactersDiscarded = charactersDiscarded;
        Number = number;
    }

    /// <summary>The model whose stream broke.</summary>
    public ModelTarget FailedModel { get; }

    /// <summary>The model whose answer follows.</summary>
    public ModelTarget NextModel { get; }

    /// <summary>How the stream broke.</summary>
    public FailureKind Failure { get; }

    /// <summary>Chunks the caller received before the break, now void.</summary>
    public int ChunksDiscarded { get; }

    /// <summary>Characters of text the caller received before the break, now void.</summary>
    public long CharactersDiscarded { get; }

    /// <summary>1 for the call's first restart, 2 for the second, ...</summary>
    public int Number { get; }

    /// <inheritdoc/>
    public override string ToString() => $"restart #{Number}: {FailedModel.Id} broke ({Failure}) after {ChunksDiscarded} chunk(s); {NextModel.Id} answers from the start";
}
