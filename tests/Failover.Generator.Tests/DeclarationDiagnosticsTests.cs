using Microsoft.CodeAnalysis;
using Xunit;

namespace Failover.Generator.Tests;

public sealed class DeclarationDiagnosticsTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Failover;
        using Microsoft.Extensions.AI;

        """;

    [Theory]
    [InlineData("Task<int> RunAsync(string text);", "FO001", "return type 'Task<int>' is not supported")]
    [InlineData("Task<string> RunAsync(ref string text);", "FO001", "parameter 'text' is passed by reference (ref)")]
    [InlineData("Task<string> RunAsync(out string text);", "FO001", "parameter 'text' is passed by reference (out)")]
    [InlineData("Task<string> RunAsync<T>(string text);", "FO001", "generic methods are not supported")]
    [InlineData("string Run(string text);", "FO001", "return type 'string' is not supported")]
    [InlineData("Task<string> RunAsync(string text, CancellationToken a, CancellationToken b);", "FO001", "parameter 'b' is a second CancellationToken")]
    public void Unsupported_shapes_are_reported_and_not_generated(string signature, string id, string message)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            public interface IShapes
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [Prompt("Echo {text}")]
                {{signature}}
            }
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics, d => d.Id == id);
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_route_on_a_class_method_is_reported()
    {
        var run = GeneratorHarness.Run(Usings + """
            public class NotAnInterface
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Prompt("Hi")]
                public Task<string> RunAsync() => Task.FromResult("");
            }
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics);
        Assert.Equal("FO002", diagnostic.Id);
        Assert.Contains("move the method to an interface", diagnostic.GetMessage());
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("\"\"", "''")]
    [InlineData("\"gpt-5-mini\"", "'gpt-5-mini'")]
    [InlineData("\"openai/\"", "'openai/'")]
    [InlineData("\"/gpt-5\"", "'/gpt-5'")]
    [InlineData("\"openai/gpt 5\"", "'openai/gpt 5'")]
    [InlineData("null", "''")]
    public void Malformed_model_ids_are_reported(string literal, string shown)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            public interface IModels
            {
                [ModelRoute({{literal}})]
                [Prompt("Hi")]
                Task<string> RunAsync();
            }
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics);
        Assert.Equal("FO003", diagnostic.Id);
        Assert.Contains($"names model {shown}, which is not of the form 'provider/model'", diagnostic.GetMessage());
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_malformed_fallback_id_is_reported_at_the_fallback()
    {
        var run = GeneratorHarness.Run(Usings + """
            public interface IModels
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("claude-haiku")]
                [Prompt("Hi")]
                Task<string> RunAsync();
            }
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics);
        Assert.Equal("FO003", diagnostic.Id);
        Assert.Equal(9, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void A_placeholder_without_a_parameter_is_reported()
    {
        var run = GeneratorHarness.Run(Usings + """
            public interface ITemplates
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Prompt("Translate {text} into {language}")]
                Task<string> TranslateAsync(string text);
            }
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics);
        Assert.Equal("FO004", diagnostic.Id);
        Assert.Equal("The prompt template of route 'Templates.Translate' uses placeholder '{language}', but the method has no parameter named 'language'; add the parameter or fix the placeholder (write '{{' for a literal brace)", diagnostic.GetMessage());
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_parameter_no_template_uses_is_a_warning_and_the_route_is_still_generated()
    {
        var run = GeneratorHarness.Run(Usings + """
            public interface ITemplates
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [Prompt("Translate {text}")]
                Task<string> TranslateAsync(string text, string language, CancellationToken cancellationToken = default);
            }
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics);
        Assert.Equal("FO005", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Single(run.Sources);
        Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [InlineData("Hello {name", "the '{' at position 6 is never closed")]
    [InlineData("Hello name}", "the '}' at position 10 closes nothing")]
    [InlineData("Hello {}", "'{}' at position 6 is not a parameter name")]
    [InlineData("Hello {first name}", "'{first name}' at position 6 is not a parameter name")]
    public void Malformed_templates_are_reported(string template, string message)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            public interface ITemplates
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Prompt("{{template}}")]
                Task<string> GreetAsync(string name);
            }
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics, static d => d.Id == "FO006");
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_route_with_no_prompt_and_no_messages_is_reported()
    {
        var run = GeneratorHarness.Run(Usings + """
            public interface IEmpty
            {
                [ModelRoute("openai/gpt-5-mini")]
                Task<string> RunAsync(CancellationToken cancellationToken);
            }
            """);

        Assert.Equal("FO007", Assert.Single(run.DeclarationDiagnostics).Id);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("[Retry(MaxAttempts = 0)]", "[Retry] MaxAttempts is 0; an attempt count (the first attempt included; more only delays the fallback) must be 1 to 10")]
    [InlineData("[Retry(MaxAttempts = 50)]", "[Retry] MaxAttempts is 50; an attempt count")]
    [InlineData("[Retry(BaseDelayMs = -5)]", "[Retry] BaseDelayMs is -5; a retry delay must be 0 to 86400000 ms (0 to 24 h)")]
    [InlineData("[Retry(BaseDelayMs = 100_000_000)]", "[Retry] BaseDelayMs is 100000000; a retry delay must be 0 to 86400000 ms (0 to 24 h)")]
    [InlineData("[Retry(MaxDelayMs = int.MaxValue)]", "[Retry] MaxDelayMs is 2147483647; a retry delay must be 0 to 86400000 ms")]
    [InlineData("[ModelRoute(\"openai/gpt-5\", AttemptTimeoutMs = 5)]", "[ModelRoute] AttemptTimeoutMs is 5; a timeout must be 10 to 86400000 ms (10 ms to 24 h), or 0 to inherit the default")]
    [InlineData("[ModelRoute(\"openai/gpt-5\", AttemptTimeoutMs = int.MaxValue)]", "[ModelRoute] AttemptTimeoutMs is 2147483647; a timeout must be 10 to 86400000 ms")]
    [InlineData("[ModelRoute(\"openai/gpt-5\", TotalTimeoutMs = 172_800_000)]", "[ModelRoute] TotalTimeoutMs is 172800000; a timeout must be 10 to 86400000 ms (10 ms to 24 h)")]
    [InlineData("[Hedge(AfterMs = 90_000_000)]\n    [Fallback(\"anthropic/claude-haiku-4-5\")]", "[Hedge] AfterMs is 90000000; a hedging delay must be 1 to 86400000 ms")]
    [InlineData("[Retry(BaseDelayMs = 1000, MaxDelayMs = 10)]", "MaxDelayMs (10) is smaller than BaseDelayMs (1000)")]
    [InlineData("[ModelRoute(\"openai/gpt-5\", AttemptTimeoutMs = -1)]", "AttemptTimeoutMs is -1")]
    [InlineData("[ModelRoute(\"openai/gpt-5\", AttemptTimeoutMs = 5000, TotalTimeoutMs = 1000)]", "TotalTimeoutMs (1000) is shorter than AttemptTimeoutMs (5000)")]
    [InlineData("[ModelRoute(\"openai/gpt-5\", MinContextTokens = -1)]", "MinContextTokens is -1")]
    public void Out_of_range_attribute_values_are_reported(string attribute, string message)
    {
        var route = attribute.StartsWith("[ModelRoute", StringComparison.Ordinal) ? attribute : "[ModelRoute(\"openai/gpt-5\")]\n    " + attribute;
        var run = GeneratorHarness.Run(Usings + $$"""
            public interface IValues
            {
                {{route}}
                [Prompt("Hi")]
                Task<string> RunAsync();
            }
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics);
        Assert.Equal("FO008", diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("[RouteTimeout(AttemptTimeoutMs = 5)]", "[RouteTimeout] AttemptTimeoutMs is 5; a timeout must be 10 to 86400000 ms")]
    [InlineData("[RouteTimeout(TotalTimeoutMs = int.MaxValue)]", "[RouteTimeout] TotalTimeoutMs is 2147483647; a timeout must be 10 to 86400000 ms")]
    public void Out_of_range_inherited_timeouts_are_reported_with_the_range(string attribute, string message)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            {{attribute}}
            public interface IValues
            {
                [ModelRoute("openai/gpt-5")]
                [Prompt("Hi")]
                Task<string> RunAsync();
            }
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics);
        Assert.Equal("FO008", diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("[ChatDefaults(Temperature = 2.5)]", "[ChatDefaults] Temperature is 2.5; a temperature must be 0 to 2")]
    [InlineData("[ChatDefaults(Temperature = double.NaN)]", "[ChatDefaults] Temperature is NaN; a temperature must be 0 to 2")]
    [InlineData("[ChatDefaults(TopP = 1.5)]", "[ChatDefaults] TopP is 1.5; a top-p probability must be 0 to 1")]
    [InlineData("[ChatDefaults(PresencePenalty = -3)]", "[ChatDefaults] PresencePenalty is -3; a frequency or presence penalty must be -2 to 2")]
    [InlineData("[ChatDefaults(MaxOutputTokens = 0)]", "[ChatDefaults] MaxOutputTokens is 0; an output token limit must be 1 to 2147483647")]
    [InlineData("[ChatDefaults(TopK = -1)]", "[ChatDefaults] TopK is -1; a top-k count must be 1 to 2147483647")]
    [InlineData("[ChatDefaults(Stop = new[] { \"a\", \"b\", \"c\", \"d\", \"e\" })]", "[ChatDefaults] Stop is 5; the number of stop sequences (OpenAI accepts at most 4) must be 1 to 4")]
    [InlineData("[ChatDefaults(Stop = new[] { \"\" })]", "[ChatDefaults] Stop has an empty or null sequence")]
    [InlineData("[ChatDefaults(Temperature = 1.5)]", "[ChatDefaults] Temperature is 1.5; a temperature for Anthropic models must be 0 to 1, and 'anthropic/claude-haiku-4-5' is in this route's chain")]
    [InlineData("[ChatDefaults(ResponseFormat = (DefaultResponseFormat)7)]", "[ChatDefaults] ResponseFormat is 7; use DefaultResponseFormat.Text or Json")]
    public void Out_of_range_chat_defaults_are_reported_with_the_range(string attribute, string message)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            public interface IValues
            {
                [ModelRoute("openai/gpt-5")]
                [Fallback("anthropic/claude-haiku-4-5")]
                {{attribute}}
                [Prompt("Hi")]
                Task<string> RunAsync();
            }
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics, static d => d.Id == "FO008");
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.StartsWith("ChatDefaults(", diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_temperature_above_1_is_fine_without_Anthropic_and_an_error_when_the_canary_is_Anthropic()
    {
        var route = """
            public interface IValues
            {
                [ModelRoute("openai/gpt-5")]
                [Fallback("google/gemini-2.5-flash")]
                CANARY
                [ChatDefaults(Temperature = 1.5)]
                [Prompt("Hi")]
                Task<string> RunAsync();
            }
            """;

        var without = GeneratorHarness.Run(Usings + route.Replace("CANARY", string.Empty));
        Assert.DoesNotContain(without.DeclarationDiagnostics, static d => d.Id == "FO008");
        Assert.Single(without.Sources);

        var withCanary = GeneratorHarness.Run(Usings + route.Replace("CANARY", "[Canary(\"anthropic/claude-haiku-4-5\", Percent = 5)]"));
        var diagnostic = Assert.Single(withCanary.DeclarationDiagnostics, static d => d.Id == "FO008");
        Assert.Contains("'anthropic/claude-haiku-4-5' is in this route's chain", diagnostic.GetMessage());
    }

    [Fact]
    public void Interface_chat_defaults_out_of_range_stop_every_route_and_a_structured_route_may_not_set_a_format()
    {
        var run = GeneratorHarness.Run(Usings + """
            public sealed record Label(string Name);

            [ChatDefaults(TopP = -0.1)]
            public interface IValues
            {
                [ModelRoute("openai/gpt-5")]
                [Fallback("google/gemini-2.5-flash")]
                [ChatDefaults(ResponseFormat = DefaultResponseFormat.Json)]
                [Prompt("Hi")]
                Task<Label> RunAsync();
            }
            """);

        var messages = run.DeclarationDiagnostics.Where(static d => d.Id == "FO008").Select(static d => d.GetMessage()).ToList();
        Assert.Contains(messages, static m => m.Contains("[ChatDefaults] TopP is -0.1; a top-p probability must be 0 to 1", StringComparison.Ordinal));
        Assert.Contains(messages, static m => m.Contains("[ChatDefaults] ResponseFormat is set on a structured route", StringComparison.Ordinal));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Broken_attribute_syntax_never_crashes_the_generator()
    {
        var run = GeneratorHarness.Run(Usings + """
            public interface IBroken
            {
                [ModelRoute]
                [Fallback()]
                [Prompt(42)]
                Task<string> RunAsync(string text;

                [ModelRoute(Tier = (RouteTier)99, Criticality = (Criticality)7, Requires = (Capabilities)64)]
                Task<string>
            }
            """);

        Assert.DoesNotContain(run.DeclarationDiagnostics, static d => d.Id is "CS8785" or "AD0001");
        Assert.NotEmpty(run.Output.GetDiagnostics());
    }

    [Fact]
    public void Every_descriptor_has_a_help_link_into_the_docs_and_a_section_there()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "diagnostics.md"));
        foreach (var field in typeof(Failover.CodeAnalysis.DiagnosticDescriptors).GetFields().Where(static f => f.FieldType == typeof(DiagnosticDescriptor)))
        {
            var descriptor = (DiagnosticDescriptor)field.GetValue(null)!;
            Assert.Equal("https://github.com/failover-dotnet/failover/blob/main/docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            Assert.Contains($"## {descriptor.Id}:", docs);
        }
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Generator.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Generator.sln not found above " + AppContext.BaseDirectory);
    }
}
