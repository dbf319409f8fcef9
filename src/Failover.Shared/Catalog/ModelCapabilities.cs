using System;

namespace Failover.CodeAnalysis.Catalog;

/// <summary>What a model can do. The numeric values are a contract with the runtime's attribute enum: never change them.</summary>
[Flags]
internal enum ModelCapabilities
{
    /// <summary>No capability.</summary>
    None = 0,

    /// <summary>Tool (function) calling; catalog name <c>tools</c>.</summary>
    Tools = 1,

    /// <summary>JSON / structured output; catalog name <c>json</c>.</summary>
    Json = 2,

    /// <summary>Image input; catalog name <c>vision</c>.</summary>
    Vision = 4,

    /// <summary>Streaming responses; catalog name <c>streaming</c>.</summary>
    Streaming = 8,

    /// <summary>
    /// Accepts a trailing assistant message as a prefill and continues it; catalog name <c>prefill</c>. Needed by a
    /// stream that recovers with <c>StreamRecovery.Continue</c>.
    /// </summary>
    Prefill = 16,
}
