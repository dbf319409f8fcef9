using Microsoft.CodeAnalysis;
using Xunit;

namespace Failover.Generator.Tests;

/// <summary>Inputs whose generated code once failed to compile: the client must compile for every accepted route.</summary>
public sealed class GeneratedCodeCompilesTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Failover;
        using Microsoft.Extensions.AI;

        """;

    private const string Route = """[ModelRoute("openai/gpt-5-mini")][Fallback("anthropic/claude-haiku-4-5")][Retry(MaxAttempts = 2)]""";

    [Theory]
    [InlineData("string_named___messages", "[Prompt(\"Echo {__messages}\")] Task<string> RunAsync(string __messages);")]
    [InlineData("messages_named___c", "Task<string> RunAsync(IReadOnlyList<ChatMessage> __c);")]
    [InlineData("messages_named___messages", "Task<string> RunAsync(IReadOnlyList<ChatMessage> __messages, CancellationToken __c);")]
    [InlineData("canary_key_named___options", "[Canary(\"google/gemini-2.5-flash\", Percent = 10)][Prompt(\"Echo {__options}\")] Task<string> RunAsync([CanaryKey] string __options);")]
    [InlineData("degrade_with_parameter_named___options", "[Degrade(nameof(D))][Prompt(\"A {__options}\")] Task<string> AAsync(string __options);\n static string D(string __options) => \"x\";")]
    [InlineData("parameters_named_like_locals_and_their_fallbacks", "[Prompt(\"{__messages} {__messages_} {__options}\")] Task<Item> RunAsync(string __messages, string __messages_, string __options, IReadOnlyList<ChatMessage> __c_, CancellationToken __c);")]
    [InlineData("stream_token_named___messages", "IAsyncEnumerable<string> AAsync(IList<ChatMessage> messages, CancellationToken __messages);")]
    [InlineData("stream_messages_named___c", "IAsyncEnumerable<ChatResponseUpdate> AAsync(IList<ChatMessage> __c, CancellationToken __messages);")]
    [InlineData("parameter_named__engine", "[Prompt(\"A {_engine}\")] Task<string> AAsync(string _engine);")]
    [InlineData("parameter_named_like_the_route_table", "[Prompt(\"A {ARoutes}\")] Task<Item> AAsync(string ARoutes);")]
    [InlineData("keyword_parameter", "[Prompt(\"A {@class}\")] Task<string> AAsync(string @class);")]
    [InlineData("route_result_named___options", "[Prompt(\"A {__options}\")] ValueTask<RouteResult<Item>> AAsync(string __options);")]
    public void Parameters_named_like_generated_locals_compile(string name, string member)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            namespace Review;

            public sealed record Item(string Type);

            public interface IA
            {
                {{Route}}
                {{member}}
            }
            """);

        Assert.True(run.Result.Exception is null, name + ": " + run.Result.Exception);
        Assert.Empty(run.DeclarationDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error));
        Assert.Single(run.Sources);
        AssertCompiles(run);
    }

    [Theory]
    [InlineData("reader_field_then_route", "[Prompt(\"A {t}\")] Task<Item> FooAsync(string t);", "[Prompt(\"A {t}\")] Task<string> FooReaderAsync(string t);")]
    [InlineData("route_then_reader_field", "[Prompt(\"A {t}\")] Task<string> FooReaderAsync(string t);", "[Prompt(\"A {t}\")] Task<Item> FooAsync(string t);")]
    [InlineData("json_field", "[Prompt(\"A {t}\")] ValueTask<RouteResult<Item>> FooAsync(string t);", "[Prompt(\"A {t}\")] Task<string> FooJsonAsync(string t);")]
    [InlineData("two_structured", "[Prompt(\"A {t}\")] Task<Item> FooAsync(string t);", "[Prompt(\"A {t}\")] Task<Item> FooReaderAsync(string t);")]
    [InlineData("overloads", "[Prompt(\"A {t}\")] Task<Item> FooAsync(string t);", "[Prompt(\"A {t} {n}\")] Task<Item> FooAsync(string t, int n);")]
    [InlineData("all", "[Prompt(\"A {t}\")] Task<Item> AllAsync(string t);", "[Prompt(\"A {t}\")] Task<string> All2Async(string t);")]
    [InlineData("named_like_the_route_table", "[Prompt(\"A {t}\")] Task<Item> ARoutes(string t);", "[Prompt(\"A {t}\")] Task<string> ARoutes2Async(string t);")]
    [InlineData("named_like_client_members", "[Prompt(\"A\")] Task<string> Register();", "[Prompt(\"A {t}\")] Task<string> _engine(string t);")]
    [InlineData("named_like_the_client", "[Prompt(\"A {t}\")] Task<string> AFailoverClient(string t);", "[Prompt(\"A {t}\")] Task<Item> @class(string t);")]
    public void Route_table_and_client_member_names_never_collide(string name, string first, string second)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            namespace Review;

            public sealed record Item(string Type);

            public interface IA
            {
                {{Route}}
                {{first}}

                {{Route}}
                {{second}}
            }
            """);

        Assert.True(run.Result.Exception is null, name + ": " + run.Result.Exception);
        Assert.Empty(run.DeclarationDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error));
        Assert.Single(run.Sources);
        AssertCompiles(run);
    }

    private static void AssertCompiles(GeneratorRun run)
    {
        var errors = run.CompilationErrors.Select(static d => d.ToString()).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors));
    }
}
