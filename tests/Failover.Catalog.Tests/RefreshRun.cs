using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Failover.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Catalog.Tests;

/// <summary>
/// One refresh through the real command (<see cref="CatalogCommand.RunAsync"/>) against a simulator over HTTP, with a
/// catalog and price file in a temporary directory and a fake clock fixed on 2026-12-01.
/// </summary>
internal sealed class RefreshRun : IAsyncDisposable
{
    public const string OpenAIKey = "sk-sim-OPENAI-7f3a9c1e5b";
    public const string AnthropicKey = "sk-ant-sim-ANTHROPIC-2d8e4b";
    public const string GeminiKey = "AIzaSim-GEMINI-91c0ffee";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "failover-catalog-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new();

    private RefreshRun(ProviderSimulator simulator)
    {
        Simulator = simulator;
        Directory.CreateDirectory(_directory);
    }

    public ProviderSimulator Simulator { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public string CatalogPath => Path.Combine(_directory, "models.json");

    public string PricesPath => Path.Combine(_directory, "prices.json");

    public string Output { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    public static async Task<RefreshRun> StartAsync() => new(await ProviderSimulator.StartAsync());

    public void WriteCatalog(string json) => File.WriteAllText(CatalogPath, json);

    public void WritePrices(string json) => File.WriteAllText(PricesPath, json);

    public string ReadCatalog() => File.ReadAllText(CatalogPath);

    /// <summary>Runs <c>refresh --catalog models.json</c> for <paramref name="providers"/> (keys set for those only) plus <paramref name="extra"/>.</summary>
    public async Task<int> RefreshAsync(string providers, params string[] extra)
    {
        var args = new List<string> { "refresh", "--catalog", CatalogPath, "--providers", providers,
            "--openai-url", Simulator.OpenAIBaseUrl.ToString(), "--anthropic-url", Simulator.AnthropicBaseUrl.ToString(), "--gemini-url", Simulator.GeminiBaseUrl.ToString() };
        args.AddRange(extra);
        var keys = new Dictionary<string, string>();
        foreach (string provider in providers.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            keys[provider == "openai" ? "OPENAI_API_KEY" : provider == "anthropic" ? "ANTHROPIC_API_KEY" : "GEMINI_API_KEY"] =
                provider == "openai" ? OpenAIKey : provider == "anthropic" ? AnthropicKey : GeminiKey;
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await CatalogCommand.RunAsync([.. args], output, error, name => keys.GetValueOrDefault(name), _http, Time);
        Output = output.ToString();
        Error = error.ToString();
        return exit;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Simulator.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
