namespace Failover.CodeAnalysis.Catalog;

/// <summary>Provider names the library knows. Catalogs may use others; these are the ones with built-in clients and models.</summary>
internal static class KnownProviders
{
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";
    public const string Google = "google";
    public const string Mistral = "mistral";
    public const string Groq = "groq";
    public const string Together = "together";
    public const string Ollama = "ollama";

    /// <summary>All of them, in this order.</summary>
    public static readonly EquatableArray<string> All = EquatableArray.Create(OpenAI, Anthropic, Google, Mistral, Groq, Together, Ollama);
}
