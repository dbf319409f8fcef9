using System;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>Thrown inside <see cref="JsonReaderLite"/> only; never escapes <see cref="JsonReaderLite.Parse"/>.</summary>
internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(JsonSyntaxError error)
        : base(error.Message)
    {
        Error = error;
    }

    public JsonSyntaxError Error { get; }
}
