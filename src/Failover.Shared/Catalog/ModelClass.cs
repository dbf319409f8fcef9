namespace Failover.CodeAnalysis.Catalog;

/// <summary>
/// How strong (and, roughly, how expensive) a model is; catalog field <c>class</c>. Used to judge a fallback against the
/// route's tier (FO120) and a cheap tier running on the strongest models (FO122).
/// </summary>
internal enum ModelClass
{
    /// <summary>The catalog entry names no class: the model is not judged by class.</summary>
    Unknown,

    /// <summary>A model run on your own machine or cluster (Ollama, vLLM ...); judged as strong as <see cref="Small"/>.</summary>
    Local,

    /// <summary>A small hosted model (nano, lite, 8B): classification and extraction.</summary>
    Small,

    /// <summary>A mid-size hosted model (mini, flash, 70B): most generation and general work.</summary>
    Standard,

    /// <summary>A provider's strongest models (reasoning, frontier): the most capable and the most expensive.</summary>
    Frontier,
}
