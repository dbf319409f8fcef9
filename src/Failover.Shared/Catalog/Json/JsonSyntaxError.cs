namespace Failover.CodeAnalysis.Catalog;

/// <summary>Why a JSON text could not be read, and where.</summary>
internal sealed record JsonSyntaxError(string Message, JsonPosition Position, int Length)
{
    /// <inheritdoc/>
    public override string ToString() => Position + ": " + Message;
}
