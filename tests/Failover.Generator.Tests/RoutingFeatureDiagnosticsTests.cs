using Microsoft.CodeAnalysis;
using Xunit;

namespace Failover.Generator.Tests;

public sealed class RoutingFeatureDiagnosticsTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Failover;
        using Microsoft.Extensions.AI;

        public static class Fallbacks
        {
            public static string Text() => "";
            public static int Number() => 0;
            public static string WithArgs(string text, int count) => "";
            private static string Hidden() => "";
        }

        """;

    [Theory]
    [InlineData("[Degrade(typeof(Fallbacks), \"Missing\")]", "Task<string> RunAsync(string text);", "FO009", "'Fallbacks' has no method of that name")]
    [InlineData("[Degrade(typeof(Fallbacks), nameof(Fallbacks.Number))]", "Task<string> RunAsync(string text);", "FO009", "must be an accessible static method returning 'string'")]
    [InlineData("[Degrade(typeof(Fallbacks), nameof(Fallbacks.WithArgs))]", "Task<string> RunAsync(string text);", "FO009", "taking no parameters or the route's parameters in order")]
    [InlineData("[Degrade(typeof(Fallbacks), \"Hidden\")]", "Task<string> RunAsync(string text);", "FO009", "must be an accessible static method")]
    [InlineData("[Degrade(\"NotOnInterface\")]", "Task<string> RunAsync(string text);", "FO009", "has no method of that name")]
    [InlineData("[Degrade(typeof(Fallbacks), nameof(Fallbacks.Text))]", "IAsyncEnumerable<string> RunAsync(string text);", "FO009", "not supported on streaming routes")]
    [InlineData("[Canary(\"gemini-2.5-flash\")]", "Task<string> RunAsync(string text);", "FO003", "'gemini-2.5-flash', which is not of the form 'provider/model'")]
    [InlineData("[Canary(\"google/gemini-2.5-flash\", Percent = 0)]", "Task<string> RunAsync(string text);", "FO008", "[Canary] Percent is 0")]
    [InlineData("[Canary(\"google/gemini-2.5-flash\", Percent = 150)]", "Task<string> RunAsync(string text);", "FO008", "[Canary] Percent is 150")]
    [InlineData("[Canary(\"google/gemini-2.5-flash\")]", "Task<string> RunAsync(string text, [CanaryKey] int key);", "FO010", "[CanaryKey] parameter 'key' is not a string; make it a string")]
    [InlineData("[Canary(\"google/gemini-2.5-flash\")]", "Task<string> RunAsync(string text, [CanaryKey] string a, [CanaryKey] string b);", "FO010", "[CanaryKey] is on both 'a' and 'b'")]
    [InlineData("", "Task<string> RunAsync(string text, [CanaryKey] string key);", "FO010", "has no effect without a [Canary]")]
    [InlineData("[Hedge(AfterMs = 0)]", "Task<string> RunAsync(string text);", "FO008", "[Hedge] AfterMs is 0")]
    public void Bad_routing_feature_declarations_are_reported_and_not_generated(string attribute, string signature, string id, string message)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            public interface IFeatures
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [Prompt("Echo {text}")]
                {{attribute}}
                {{signature}}
            }
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics, d => d.Id == id);
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_degrade_method_taking_the_route_parameters_and_token_is_accepted()
    {
        var run = GeneratorHarness.Run(Usings + """
            public interface IFeatures
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [Prompt("Echo {text}")]
                [Degrade(nameof(Echo))]
                Task<string> RunAsync(string text, CancellationToken cancellationToken);

                static string Echo(string text, CancellationToken cancellationToken) => text;
            }
            """);

        Assert.Empty(run.DeclarationDiagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Contains("Degrade = () => global::IFeatures.Echo(text, cancellationToken) }", Assert.Single(run.Sources).SourceText.ToString());
    }
}
