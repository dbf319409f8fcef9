using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// The reset marker in a <c>ChatResponseUpdate</c> stream of a <see cref="StreamRecovery.Restart"/> route: it carries
/// no content, and every update before it is void. Test for it with <c>update is StreamRestartUpdate restart</c>.
/// Updates after it are the new model's complete answer, so concatenating the updates after the last marker gives
/// exactly that model's answer.
/// </summary>
public sealed class StreamRestartUpdate : ChatResponseUpdate
{
    /// <summary>Creates the marker.</summary>
    public StreamRestartUpdate(StreamRestart restart)
    {
        System.ArgumentNullException.ThrowIfNull(restart);
        Restart = restart;
        Role = ChatRole.Assistant;
        ModelId = restart.NextModel.Model;
    }

    /// <summary>What broke and who answers now.</summary>
    public StreamRestart Restart { get; }
}
