namespace Failover;

/// <summary>
/// The outcome of a slot's first try, made outside Polly, handed to the slot's pipeline as its first attempt: the
/// pipeline's first callback returns it instead of calling the model again, later ones call the model.
/// </summary>
internal sealed class FirstTry(AttemptOutcome outcome)
{
    private bool _taken;

    /// <summary>The outcome the first time; null afterwards.</summary>
    public AttemptOutcome? Take()
    {
        if (_taken)
        {
            return null;
        }

        _taken = true;
        return outcome;
    }
}
