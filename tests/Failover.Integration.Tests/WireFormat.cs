namespace Failover.Integration.Tests;

/// <summary>
/// One provider wire format and the chain used to test it: the primary, a backup on the same provider, and a backup
/// on another provider with a larger context window (the only one a context-length failure may move to).
/// </summary>
public sealed record WireFormat(string Provider, string Primary, string SameProviderBackup, string OtherProviderBackup)
{
    public static readonly WireFormat OpenAI = new("openai", "gpt-5-mini", "gpt-5-nano", "anthropic/claude-haiku-4-5");
    public static readonly WireFormat Anthropic = new("anthropic", "claude-haiku-4-5", "claude-sonnet-4-5", "google/gemini-2.5-flash");
    public static readonly WireFormat Gemini = new("google", "gemini-2.5-flash", "gemini-2.5-flash-lite", "openai/gpt-5-mini");

    public static IReadOnlyList<WireFormat> All { get; } = [OpenAI, Anthropic, Gemini];

    public static WireFormat Named(string provider) => All.Single(w => w.Provider == provider);

    public string PrimaryId => Provider + "/" + Primary;

    public string BackupId => Provider + "/" + SameProviderBackup;

    /// <summary>The model name the simulator sees for the other-provider backup.</summary>
    public string OtherProviderModel => OtherProviderBackup[(OtherProviderBackup.IndexOf('/') + 1)..];

    /// <summary>P (primary), B (same-provider backup) or O (other-provider backup).</summary>
    public string RoleOf(string modelId) =>
        modelId == PrimaryId ? "P" : modelId == BackupId ? "B" : modelId == OtherProviderBackup ? "O" : modelId;

    /// <summary>
    /// P (100k window) -> B (same provider, 100k) -> O (other provider, 200k). Every row of the policy table runs on it.
    /// Three attempts per model without backoff delays (time is not the subject), no jitter, retry-after honoured up to 5 s,
    /// and a 1 s attempt timeout on the fake clock.
    /// </summary>
    public RouteDescriptor Route(bool fallbackOnContentPolicy = false) => new()
    {
        Name = "Integration." + Provider,
        Interface = "Failover.Integration.Tests.IPolicyTable",
        Method = "RunAsync",
        Primary = new ModelTarget(PrimaryId, 100_000, 1m, 2m),
        Fallbacks = [new ModelTarget(BackupId, 100_000, 0.5m, 1m), new ModelTarget(OtherProviderBackup, 200_000, 3m, 4m)],
        Retry = new RetryRule { MaxAttempts = 3, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.FromSeconds(5), Jitter = false },
        AttemptTimeout = TimeSpan.FromSeconds(1),
        FallbackOnContentPolicy = fallbackOnContentPolicy,
    };

    public override string ToString() => Provider;
}
