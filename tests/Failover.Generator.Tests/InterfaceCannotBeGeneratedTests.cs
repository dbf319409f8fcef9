using Microsoft.CodeAnalysis;
using Xunit;

namespace Failover.Generator.Tests;

/// <summary>FO011: interfaces the generator cannot implement get one clear diagnostic and no client (not CS0535/CS0246/CS0122 noise).</summary>
public sealed class InterfaceCannotBeGeneratedTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Failover;
        using Microsoft.Extensions.AI;

        namespace Review;

        """;

    private const string Route = """[ModelRoute("openai/gpt-5-mini")][Fallback("anthropic/claude-haiku-4-5")][Retry(MaxAttempts = 2)]""";

    [Theory]
    [InlineData("generic", "public interface IA<T> { R1 R2 }", "IA<T>", "it is generic")]
    [InlineData("nested_in_generic", "public class Outer<T> { public interface IA { R1 R2 } }", "Outer<T>.IA", "nested in the generic type 'Outer<T>'")]
    [InlineData("nested_private", "public class Outer { private interface IA { R1 R2 } }", "Outer.IA", "it is private")]
    [InlineData("nested_protected", "public class Outer { protected interface IA { R1 R2 } }", "Outer.IA", "it is protected")]
    [InlineData("nested_private_protected", "public class Outer { private protected interface IA { R1 R2 } }", "Outer.IA", "it is private protected")]
    [InlineData("inside_private_type", "public class Outer { private class Inner { internal interface IA { R1 R2 } } }", "Outer.Inner.IA", "its containing type 'Outer.Inner' is private")]
    [InlineData("plain_method", "public interface IA { R1 Task<string> PlainAsync(string t); R2 }", "IA", "method 'PlainAsync' is not a [ModelRoute] method")]
    [InlineData("property", "public interface IA { R1 int Count { get; } R2 }", "IA", "property 'Count' is not a [ModelRoute] method")]
    [InlineData("event", "public interface IA { R1 event EventHandler Changed; R2 }", "IA", "event 'Changed' is not a [ModelRoute] method")]
    [InlineData("indexer", "public interface IA { R1 string this[int i] { get; } R2 }", "IA", "the indexer is not a [ModelRoute] method")]
    [InlineData("inherited_member", "public interface IA : IDisposable { R1 R2 }", "IA", "method 'Dispose' (inherited from 'IDisposable') is not a [ModelRoute] method")]
    [InlineData("inherited_property", "public interface IBase { int Count { get; } } public interface IA : IBase { R1 R2 }", "IA", "property 'Count' (inherited from 'IBase')")]
    public void Interfaces_that_cannot_be_implemented_get_one_FO011_and_no_client(string name, string declaration, string shown, string reason)
    {
        var run = Run(declaration);

        Assert.True(run.Result.Exception is null, name + ": " + run.Result.Exception);
        var diagnostic = Assert.Single(run.DeclarationDiagnostics);
        Assert.Equal("FO011", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.StartsWith($"Interface '{shown}' cannot get a generated failover client: ", diagnostic.GetMessage());
        Assert.Contains(reason, diagnostic.GetMessage());
        Assert.Equal("IA", TextAt(run, diagnostic));
        Assert.Empty(run.Sources);
        AssertCompiles(run);
    }

    [Fact]
    public void A_route_inherited_from_a_base_interface_is_reported_on_the_derived_interface_and_the_base_is_generated()
    {
        var run = Run("""
            public interface IBase { R1 }
            public interface IDerived : IBase { R2 }
            """);

        var diagnostic = Assert.Single(run.DeclarationDiagnostics);
        Assert.Equal("FO011", diagnostic.Id);
        Assert.Equal("Interface 'IDerived' cannot get a generated failover client: it inherits route method 'AAsync' (inherited from 'IBase'); declare each route on one interface, and the routes of 'IBase' get their own client", diagnostic.GetMessage());
        Assert.Equal("IDerived", TextAt(run, diagnostic));
        Assert.Equal("Review.IBase.g.cs", Assert.Single(run.Sources).HintName);
        AssertCompiles(run);
    }

    [Theory]
    [InlineData("static_and_default_members", "public interface IA { R1 R2 static string Helper() => \"x\"; string Describe() => \"x\"; int Count => 1; static int Shared { get; set; } }")]
    [InlineData("partial", "public partial interface IA { R1 } public partial interface IA { R2 }")]
    [InlineData("nested_internal_in_public", "public class Outer { internal interface IA { R1 R2 } }")]
    [InlineData("protected_internal", "public class Outer { protected internal interface IA { R1 R2 } }")]
    [InlineData("empty_base", "public interface IMarker { } public interface IA : IMarker { R1 R2 }")]
    [InlineData("base_implemented_by_default", "public interface IBase { string Name { get; } } public interface IA : IBase { R1 R2 string IBase.Name => \"a\"; }")]
    public void Interfaces_with_only_routes_besides_static_and_default_members_are_generated(string name, string declaration)
    {
        var run = Run(declaration);

        Assert.True(run.Result.Exception is null, name + ": " + run.Result.Exception);
        Assert.Empty(run.DeclarationDiagnostics);
        Assert.Single(run.Sources);
        AssertCompiles(run);
    }

    [Fact]
    public void An_interface_with_a_route_that_failed_to_parse_gets_no_partial_client_and_others_are_still_generated()
    {
        var run = Run("""
            public interface IBroken
            {
                R1
                [ModelRoute("openai/gpt-5-mini")][Fallback("anthropic/claude-haiku-4-5")][Retry(MaxAttempts = 2)]
                [Prompt("A {nope} {t}")] Task<string> BAsync(string t);
            }
            public interface IA { R1 R2 }
            """);

        Assert.Equal("FO004", Assert.Single(run.DeclarationDiagnostics).Id);
        Assert.Equal("Review.IA.g.cs", Assert.Single(run.Sources).HintName);
        AssertCompiles(run);
    }

    [Fact]
    public void An_interface_problem_and_route_errors_are_reported_together()
    {
        var run = Run("""
            public interface IA<T>
            {
                R1
                [ModelRoute("openai")][Prompt("A {t}")] Task<string> BAsync(string t);
            }
            """);

        Assert.Equal(["FO003", "FO011"], run.DeclarationDiagnostics.Select(static d => d.Id).Order());
        Assert.Empty(run.Sources);
        AssertCompiles(run);
    }

    private static GeneratorRun Run(string declaration) =>
        GeneratorHarness.Run(Usings + declaration
            .Replace("R1", Route + "\n[Prompt(\"A {t}\")] Task<string> AAsync(string t);\n")
            .Replace("R2", Route + "\n[Prompt(\"B {t}\")] Task<string> BAsync(string t);\n"));

    private static string TextAt(GeneratorRun run, Diagnostic diagnostic) =>
        run.Output.SyntaxTrees.Single(t => t.FilePath == diagnostic.Location.GetLineSpan().Path).GetText().ToString(diagnostic.Location.SourceSpan);

    private static void AssertCompiles(GeneratorRun run)
    {
        var errors = run.CompilationErrors.Select(static d => d.ToString()).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors));
    }
}
