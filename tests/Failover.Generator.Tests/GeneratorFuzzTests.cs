using System.Collections.Immutable;
using System.Text;
using Failover.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Failover.Generator.Tests;

/// <summary>
/// A seeded fuzz test: thousands of mutations of valid route declarations and of models.json (garbage arguments, wrong
/// types, missing parts, odd syntax and targets, unicode, huge values), run through the generator and every Failover
/// analyzer directly on in-memory compilations, in batches. It asserts that nothing throws (no CS8785, no AD0001),
/// that no generated file has a compiler error, and that every interface with routes either gets a client or an error
/// that says why. Set FAILOVER_FUZZ_SEED to replay a seed printed by a failing run.
/// </summary>
public sealed class GeneratorFuzzTests(ITestOutputHelper output)
{
    private const int DeclarationMutations = 2000;
    private const int CatalogMutations = 400;
    private const int DeclarationsPerBatch = 200;
    private const int CatalogsPerBatch = 40;

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
    [
        .. typeof(Failover.CodeAnalysis.Analyzers.DeclarationAnalyzer).Assembly.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(static t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ];

    [Fact]
    public void Mutated_declarations_and_catalogs_never_crash_and_never_produce_generated_code_that_does_not_compile()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FAILOVER_FUZZ_SEED"), out var s) ? s : 20261201;
        var random = new Random(seed);
        var failures = new List<string>();
        var generated = 0;
        var withError = 0;

        for (var batch = 0; batch * DeclarationsPerBatch < DeclarationMutations; batch++)
        {
            var files = Enumerable.Range(0, DeclarationsPerBatch).Select(i => DeclarationMutator.Mutate(random, batch * DeclarationsPerBatch + i)).Append(DeclarationMutator.Support).ToArray();
            var (g, e) = Check(files, [], failures, $"declaration batch {batch}");
            generated += g;
            withError += e;
        }

        for (var batch = 0; batch * CatalogsPerBatch < CatalogMutations; batch++)
        {
            var catalogs = Enumerable.Range(0, CatalogsPerBatch)
                .Select(i => (AdditionalText)new FuzzText($"/fuzz/c{batch}_{i}/models.json", CatalogMutator.Mutate(random)))
                .ToImmutableArray();
            var (g, e) = Check([CatalogMutator.Routes], catalogs, failures, $"catalog batch {batch}");
            generated += g;
            withError += e;
        }

        output.WriteLine($"seed {seed}: {DeclarationMutations} declaration mutations and {CatalogMutations} catalog mutations; {generated} clients generated, {withError} declarations rejected with an error; {failures.Count} failures; {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, $"seed {seed}:\n" + string.Join("\n\n", failures.Take(10)));
    }

    private static (int Generated, int WithError) Check(string[] files, ImmutableArray<AdditionalText> additional, List<string> failures, string label)
    {
        var compilation = GeneratorHarness.Compile(files);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new FailoverGenerator().AsSourceGenerator()], additional, (CSharpParseOptions)compilation.SyntaxTrees.First().Options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var updated, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null || !generatorDiagnostics.IsEmpty)
        {
            failures.Add($"{label}: the generator threw or reported: {result.Exception?.ToString() ?? string.Join("; ", generatorDiagnostics)}");
        }

        // One binding pass of the compilation as a build sees it (generated code included): compiler and analyzer diagnostics.
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additional),
            onAnalyzerException: (ex, analyzer, _) => { lock (exceptions) { exceptions.Add(analyzer.GetType().Name + ": " + ex); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = updated.WithAnalyzers(Analyzers, options).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        failures.AddRange(exceptions.Select(e => $"{label}: analyzer exception {e}"));
        failures.AddRange(diagnostics.Where(static d => d.Id is "AD0001" or "CS8785").Select(d => $"{label}: {d}"));

        // Compiler errors inside generated files: the generated code must compile whenever it is emitted.
        var generatedTrees = result.GeneratedSources.ToDictionary(static g => g.SyntaxTree.FilePath, static g => g);
        foreach (var error in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generatedTrees.ContainsKey(tree.FilePath)))
        {
            var tree = error.Location.SourceTree!;
            var hint = generatedTrees[tree.FilePath].HintName;
            var file = files.FirstOrDefault(f => hint.StartsWith(NamespaceOf(f) + ".", StringComparison.Ordinal)) ?? "(declaration not found)";
            failures.Add($"{label}: {error} in {hint}\n--- generated line: {tree.GetText().Lines[error.Location.GetLineSpan().StartLinePosition.Line]}\n--- declaration:\n{file}");
        }

        // Every interface with routes either got a client or its file carries an error saying why.
        var clients = string.Join("\n", result.GeneratedSources.Select(static g => g.SourceText.ToString()));
        int generatedCount = 0, errorCount = 0;
        for (var i = 0; i < files.Length; i++)
        {
            var tree = compilation.SyntaxTrees.ElementAt(i);
            foreach (var iface in RouteInterfaces(compilation, tree))
            {
                var implemented = " : " + iface.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                if (clients.Contains(implemented + "\n", StringComparison.Ordinal) || clients.Contains(implemented + "\r", StringComparison.Ordinal))
                {
                    generatedCount++;
                }
                else if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath == tree.FilePath))
                {
                    errorCount++;
                }
                else
                {
                    failures.Add($"{label}: no client and no error for {iface}\n{files[i]}");
                }
            }
        }

        return (generatedCount, errorCount);
    }

    private static IEnumerable<INamedTypeSymbol> RouteInterfaces(Compilation compilation, SyntaxTree tree)
    {
        var model = compilation.GetSemanticModel(tree);
        return tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InterfaceDeclarationSyntax>()
            .Select(i => model.GetDeclaredSymbol(i))
            .OfType<INamedTypeSymbol>()
            .Where(static i => i.GetMembers().Any(static m => m.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == KnownNames.ModelRouteAttribute)))
            .Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default);
    }

    private static string NamespaceOf(string file)
    {
        var start = file.IndexOf("namespace ", StringComparison.Ordinal) + "namespace ".Length;
        return file.Substring(start, file.IndexOf(';', start) - start).Trim();
    }
}

/// <summary>Mutations of valid route declarations; each file is one namespace <c>Fuzz.Nnnn</c>.</summary>
internal static class DeclarationMutator
{
    private const string Header = "using System;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Failover;\nusing Microsoft.Extensions.AI;\n";

    private static readonly string[] Templates =
    [
        """
        public interface ISupportAi
        {
            [ModelRoute("openai/gpt-5-mini", Owner = "support", Tier = RouteTier.Classification)]
            [Fallback("anthropic/claude-haiku-4-5")]
            [Retry(MaxAttempts = 3)]
            [Prompt("Classify the ticket: {ticket}")]
            Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);
        }
        """,
        """
        public sealed record Invoice(string Number, decimal Total);

        public interface IBillingAi
        {
            [ModelRoute("anthropic/claude-sonnet-4-5", Criticality = Criticality.Critical, Requires = Capabilities.Json, MinContextTokens = 100000)]
            [Fallback("openai/gpt-5")]
            [SystemPrompt("You extract invoices.")]
            [Prompt("Extract from {text} (page {page})")]
            Task<Invoice> ExtractAsync(string text, int page = 1, CancellationToken cancellationToken = default);
        }
        """,
        """
        public interface IDraftingAi
        {
            [ModelRoute("openai/gpt-5", Name = "drafting.reply")]
            [Fallback("google/gemini-2.5-flash")]
            [Hedge(AfterMs = 1500)]
            IAsyncEnumerable<string> DraftAsync(IReadOnlyList<ChatMessage> conversation, CancellationToken cancellationToken = default);
        }
        """,
        """
        public static class Ai
        {
            public interface ITagger
            {
                [ModelRoute("openai/gpt-5-mini")]
                [Fallback("anthropic/claude-haiku-4-5")]
                [Canary("google/gemini-2.5-flash", Percent = 10)]
                [Prompt("Tag {text} for {user}")]
                ValueTask<RouteResult<string>> TagAsync(string text, [CanaryKey] string user, CancellationToken cancellationToken = default);
            }
        }

        public interface Ai_ITagger
        {
            [ModelRoute("openai/gpt-5-mini")]
            [Prompt("Tag {text}")]
            Task<ChatResponse> TagAsync(string text);
        }
        """,
        """
        public interface IAnswerAi
        {
            [ModelRoute("openai/gpt-5-mini", AttemptTimeoutMs = 2000, TotalTimeoutMs = 8000, Region = "eu")]
            [Fallback("anthropic/claude-haiku-4-5")]
            [Degrade(nameof(Fallback))]
            [Prompt("Answer {question}")]
            Task<string> AnswerAsync(string question, CancellationToken cancellationToken = default);

            static string Fallback() => "unavailable";
        }
        """,
    ];

    /// <summary>(find, replacements): a find string present in some template and what may replace it.</summary>
    private static readonly (string Find, string[] Replace)[] Edits =
    [
        ("\"openai/gpt-5-mini\"", ["\"\"", "null", "\"noslash\"", "\"openai/\"", "\"/gpt\"", "\"openai/gpt\\n5\"", "\"openai/gpt\\u2028x\"", "\"openai/ gpt\"", "\"ОпенАИ/модель-😀\"", "\"" + new string('x', 600) + "/y\"", "42", "\"openai/gpt-5-mini\" + \"x\"", "nameof(ISupportAi)", "\"fuzz/\\0\""]),
        ("Owner = \"support\"", ["Owner = null", "Owner = \"\"", "Owner = \"TODO\"", "Owner = \"a\\nb\"", "Owner = 3", "Owner = \"\\u2028\"", "Owner"]),
        ("Tier = RouteTier.Classification", ["Tier = (RouteTier)(-1)", "Tier = (RouteTier)99", "Tier = (RouteTier)int.MinValue", "Tier = 1", "Tier = RouteTier.Nope", "Tier = RouteTier.Reasoning | RouteTier.Extraction"]),
        ("Criticality = Criticality.Critical", ["Criticality = (Criticality)(-7)", "Criticality = (Criticality)int.MaxValue", "Criticality = \"high\"", "Criticality = default"]),
        ("Requires = Capabilities.Json", ["Requires = (Capabilities)(-1)", "Requires = (Capabilities)64", "Requires = Capabilities.Json | Capabilities.Tools | Capabilities.Vision | Capabilities.Streaming", "Requires = 0"]),
        ("MinContextTokens = 100000", ["MinContextTokens = -1", "MinContextTokens = int.MaxValue", "MinContextTokens = 1e9", "MinContextTokens = 0x7fffffff"]),
        ("AttemptTimeoutMs = 2000", ["AttemptTimeoutMs = int.MinValue", "AttemptTimeoutMs = int.MaxValue", "AttemptTimeoutMs = 0", "AttemptTimeoutMs = -1"]),
        ("TotalTimeoutMs = 8000", ["TotalTimeoutMs = 1", "TotalTimeoutMs = int.MaxValue", "TotalTimeoutMs = -8000"]),
        ("Region = \"eu\"", ["Region = \"eu\\r\\n\"", "Region = \"\"", "Region = \"mars\"", "Region = null"]),
        ("Name = \"drafting.reply\"", ["Name = \"a\\nb\"", "Name = \"a\\u2028b\"", "Name = \"a\\u2029b\"", "Name = \"\\\"quoted\\\" </c> & <x>\"", "Name = \"\"", "Name = \"   \"", "Name = \"ÿ😀\\t\"", "Name = 42", "Name = \"*/ /* //\""]),
        ("[Retry(MaxAttempts = 3)]", ["[Retry(MaxAttempts = 0)]", "[Retry(MaxAttempts = 1)]", "[Retry(MaxAttempts = int.MaxValue)]", "[Retry(MaxAttempts = \"3\")]", "[Retry(BaseDelayMs = -1)]", "[Retry(BaseDelayMs = 10, MaxDelayMs = 5)]", "[Retry]", "[Retry(]", "[Retry(Jitter = false, RetryInvalidResponse = true)]", ""]),
        ("[Fallback(\"anthropic/claude-haiku-4-5\")]", ["", "[Fallback(\"openai/gpt-5-mini\")]", "[Fallback(null)]", "[Fallback]", "[Fallback(\"a/b\")][Fallback(\"a/b\")]", "[Fallback(\"anthropic/claude-haiku-4-5\", \"x\")]", "[Fallback(\"x\\ny/z\")]"]),
        ("[Prompt(\"Classify the ticket: {ticket}\")]", ["", "[Prompt(\"{\")]", "[Prompt(\"}\")]", "[Prompt(\"{{ticket}}\")]", "[Prompt(\"{ticket\")]", "[Prompt(\"{unknown}\")]", "[Prompt(\"{@ticket}\")]", "[Prompt(\"\\u2028{ticket}\\u2029\\r\\n\")]", "[Prompt(null)]", "[Prompt(\"" + new string('a', 3000) + "{ticket}\")]", "[Prompt(\"{ticket}{ticket}{cancellationToken}\")]", "[Prompt(\"\"\"\n        raw {ticket}\n        \"\"\")]", "[Prompt($\"interp {1}\")]", "[Prompt(\"{ ticket }\")]", "[Prompt(\"\\\"\\\\ {ticket}\")]"]),
        ("[Prompt(\"Extract from {text} (page {page})\")]", ["[Prompt(\"Extract from {text}\")]", "[Prompt(\"{text}{page}{missing}\")]", ""]),
        ("[Hedge(AfterMs = 1500)]", ["[Hedge(AfterMs = 0)]", "[Hedge(AfterMs = -1)]", "[Hedge]", "[Hedge(AfterMs = int.MaxValue)]"]),
        ("[Canary(\"google/gemini-2.5-flash\", Percent = 10)]", ["[Canary(\"google/gemini-2.5-flash\", Percent = double.NaN)]", "[Canary(\"google/gemini-2.5-flash\", Percent = double.PositiveInfinity)]", "[Canary(\"google/gemini-2.5-flash\", Percent = -1)]", "[Canary(\"google/gemini-2.5-flash\", Percent = 1e308)]", "[Canary(\"bad\")]", "[Canary(null)]", "[Canary]", ""]),
        ("[CanaryKey] string user", ["[CanaryKey] int user", "string user", "[CanaryKey] string user, [CanaryKey] string other"]),
        ("[Degrade(nameof(Fallback))]", ["[Degrade(\"Missing\")]", "[Degrade(typeof(int), \"Parse\")]", "[Degrade(null)]", "[Degrade(typeof(global::Fuzz.Support.Helpers), \"Hidden\")]", "[Degrade(typeof(global::Fuzz.Support.Helpers), \"Internal\")]", "[Degrade(\"\")]"]),
        ("static string Fallback() => \"unavailable\";", ["static int Fallback() => 1;", "string Fallback() => \"x\";", "private static string Fallback() => \"x\";", ""]),
        ("Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default);", [
            "ref Task<string> ClassifyAsync(string ticket);",
            "Task<string> ClassifyAsync(string ticket, __arglist);",
            "unsafe Task<string> ClassifyAsync(string ticket, int* pointer);",
            "unsafe Task<string> ClassifyAsync(string ticket, delegate*<void> callback);",
            "Task<string> ClassifyAsync(ReadOnlySpan<char> ticket);",
            "Task<string> ClassifyAsync(Span<byte> ticket, string other);",
            "Task<string> ClassifyAsync(ref string ticket);",
            "Task<string> ClassifyAsync(in string ticket);",
            "Task<string> ClassifyAsync(out string ticket);",
            "Task<string> ClassifyAsync(scoped ref int ticket);",
            "Task<string> ClassifyAsync(params string[] ticket);",
            "Task<string> ClassifyAsync(dynamic ticket);",
            "Task<string> ClassifyAsync((int A, string B) ticket);",
            "Task<string> ClassifyAsync(string ticket, DayOfWeek? day = DayOfWeek.Monday, double x = double.NaN, float y = float.NegativeInfinity, decimal m = 1.5m, char c = '\\n', string s = \"\\u2028\", long l = long.MinValue, DayOfWeek d = (DayOfWeek)(-1), uint u = 4000000000, object? o = null, int? n = 5);",
            "Task<string> ClassifyAsync(string @class, string __messages, string _engine, string value, string ticket);",
            "Task<string> ClassifyAsync<T>(T ticket);",
            "Task<string> ClassifyAsync(string ticket) => Task.FromResult(ticket);",
            "static Task<string> ClassifyAsync(string ticket) => Task.FromResult(ticket);",
            "Task ClassifyAsync(string ticket);",
            "void ClassifyAsync(string ticket);",
            "Task<int> ClassifyAsync(string ticket);",
            "Task<string?> ClassifyAsync(string? ticket);",
            "Task<dynamic> ClassifyAsync(string ticket);",
            "Task<(int, string)> ClassifyAsync(string ticket);",
            "Task<int[]> ClassifyAsync(string ticket);",
            "IAsyncEnumerable<int> ClassifyAsync(string ticket);",
            "IAsyncEnumerable<ChatResponseUpdate> ClassifyAsync(string ticket, CancellationToken a, CancellationToken b);",
            "Task<Missing> ClassifyAsync(string ticket);",
            "Task<string> ClassifyAsync(Missing ticket);",
            "Task<string> Register(string ticket);",
            "Task<string> ToString(string ticket);",
            "Task<string> Equals(string ticket);",
            "Task<string> GetType(string ticket);",
            "Task<string> All(string ticket);",
            "Task<string> SupportAiRoutes(string ticket);",
            "Task<string> SupportAiFailoverClient(string ticket);",
            "Task<string> @event(string ticket);",
            "Task<string> Классифицировать(string ticket);",
            "Task<string> ClassifyAsync(string ticket, IEnumerable<ChatMessage> messages, List<ChatMessage> more);",
            "Task<string> ClassifyAsync(string ticket)",
            "Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default); Task<string> ClassifyAsync(int ticket);",
            "Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default); string Extra { get; }",
            "Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default); static abstract void Make();",
            "Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default); event EventHandler Changed;",
            "Task<string> ClassifyAsync(string ticket, CancellationToken cancellationToken = default); [ModelRoute(\"openai/gpt-5-mini\")] [Prompt(\"x {ticket}\")] Task<string> ClassifyAsync(string ticket, int overload);",
        ]),
        ("public interface ISupportAi", ["file interface ISupportAi", "internal interface ISupportAi", "public partial interface ISupportAi", "public interface ISupportAi<T>", "public interface ISupportAi : IDisposable", "public interface ISupportAi : global::Fuzz.Support.IBase", "public class ISupportAi", "public struct ISupportAi", "public interface I", "public interface @class", "public interface ISupportAiRoutes", "public interface IТест"]),
        ("public interface IBillingAi", ["public static class SupportAiRoutes { } public interface IBillingAi", "public class BillingAiRoutes { } public interface IBillingAi", "public class Outer<T> { public interface IBillingAi", "public class Outer { private interface IBillingAi", "public class Outer { protected internal interface IBillingAi", "namespace Inner { public interface IBillingAi"]),
        ("public interface IAnswerAi", ["public interface IAnswerAi : global::Fuzz.Support.IOther", "internal interface IAnswerAi", "public interface AnswerAiRoutes { } public interface IAnswerAi"]),
    ];

    /// <summary>Types some mutations refer to, compiled once per batch.</summary>
    public const string Support = """
        using System.Threading.Tasks;
        using Failover;

        namespace Fuzz.Support;

        public interface IBase
        {
            [ModelRoute("openai/gpt-5-mini")]
            [Prompt("Base {x}")]
            Task<string> BaseAsync(string x);
        }

        public interface IOther
        {
            int Count { get; }
        }

        public static class Helpers
        {
            private static string Hidden() => "x";
            internal static string Internal() => "x";
        }
        """;

    public static string Mutate(Random random, int index)
    {
        var body = Templates[random.Next(Templates.Length)];
        var applicable = Edits.Where(e => body.Contains(e.Find, StringComparison.Ordinal)).ToArray();
        var count = random.Next(1, 4);
        for (var i = 0; i < count && applicable.Length > 0; i++)
        {
            var (find, replace) = applicable[random.Next(applicable.Length)];
            if (body.Contains(find, StringComparison.Ordinal))
            {
                body = ReplaceOnce(body, find, replace[random.Next(replace.Length)]);
            }
        }

        if (random.Next(12) == 0)
        {
            body = Garble(random, body);
        }

        // Unbalanced braces from "open a class" edits are closed, so each file is one namespace of its own.
        var balance = body.Count(static c => c == '{') - body.Count(static c => c == '}');
        body += new string('}', Math.Max(0, balance));
        return $"{Header}\nnamespace Fuzz.N{index:D4};\n\n{body}\n";
    }

    private static string ReplaceOnce(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text.Substring(0, at) + replace + text.Substring(at + find.Length);
    }

    /// <summary>Odd syntax: characters deleted, duplicated or inserted inside the attribute region.</summary>
    private static string Garble(Random random, string text)
    {
        var builder = new StringBuilder(text);
        var junk = "[](){}\",;=/\\@#$\u2028\u200B😀é\n\0".ToCharArray();
        for (var i = 0; i < random.Next(1, 4); i++)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(3))
            {
                case 0: builder.Remove(at, 1); break;
                case 1: builder.Insert(at, builder[at]); break;
                default: builder.Insert(at, junk[random.Next(junk.Length)]); break;
            }
        }

        return builder.ToString();
    }
}

/// <summary>Mutations of a valid models.json, judged with one route that names every model in it.</summary>
internal static class CatalogMutator
{
    public const string Routes = """
        using System.Threading;
        using System.Threading.Tasks;
        using Failover;

        namespace Fuzz.Catalog;

        public interface IPricedAi
        {
            [ModelRoute("fuzz/alpha", Owner = "fuzz")]
            [Fallback("fuzz/beta")]
            [Fallback("other/gamma")]
            [Retry(MaxAttempts = 3)]
            [Prompt("Hi {name}")]
            Task<string> GreetAsync(string name, CancellationToken cancellationToken = default);
        }
        """;

    private const string Valid = """
        { "models": [
          { "id": "fuzz/alpha", "contextWindow": 128000, "capabilities": ["tools", "json"], "regions": ["us"], "price": { "inputPerMillion": 0.5, "outputPerMillion": 1.5 }, "tiers": ["general"], "lifecycle": { "status": "active" } },
          { "id": "fuzz/beta", "contextWindow": 64000, "price": { "inputPerMillion": 2, "outputPerMillion": 8 }, "lifecycle": { "status": "deprecated", "date": "2026-06-01", "replacement": "fuzz/alpha" } },
          { "id": "other/gamma", "contextWindow": 32000, "price": { "inputPerMillion": 0.1, "outputPerMillion": 0.4 } }
        ] }
        """;

    private static readonly (string Find, string[] Replace)[] Edits =
    [
        ("0.5", ["1e30", "1e400", "-1", "\"cheap\"", "null", "79228162514264337593543950335", "79228162514264337593543950336", "0.1234567890123456789012345678901234", "1e-400", "-0", "0E+0", "[1]", "{}", "true", "1.5e28"]),
        ("1.5", ["1e30", "123456789012345678901234567890", "NaN", "Infinity", "1.", ".5", "01", "1e", "+1"]),
        ("128000", ["1e10", "-1", "3.5", "\"big\"", "99999999999999999999", "0", "2147483648", "null", "1e2"]),
        ("\"fuzz/alpha\",", ["\"fuzz/alpha\\nx\",", "\"fuzz\\u2028/alpha\",", "\"\",", "42,", "null,", "\"fuzz/\",", "\"fuzz/beta\","]),
        ("[\"tools\", \"json\"]", ["[\"telepathy\"]", "\"tools\"", "[1, 2]", "[null]", "[]", "[\"TOOLS\", \"tools\"]"]),
        ("\"deprecated\"", ["\"zombie\"", "\"disabled\"", "\"retired\"", "null", "7"]),
        ("\"2026-06-01\"", ["\"yesterday\"", "\"2026-13-45\"", "null", "20260601", "\"0001-01-01\"", "\"9999-12-31\""]),
        ("\"replacement\": \"fuzz/alpha\"", ["\"replacement\": \"nowhere/none\"", "\"replacement\": \"fuzz/beta\"", "\"replacement\": 3"]),
        ("[\"us\"]", ["[\"\"]", "[\"us\", \"us\"]", "\"us\"", "[\"ü\\u0000\"]"]),
        ("{ \"models\": [", ["[", "{ \"models\": {", "{ \"models\": [ [], ", "{ \"extra\": 1, \"models\": [", "\uFEFF{ \"models\": ["]),
    ];

    public static string Mutate(Random random)
    {
        switch (random.Next(20))
        {
            case 0: return string.Empty;
            case 1: return "   \n\t";
            case 2: return new string('[', 5000) + new string(']', 5000);
            case 3: return Valid.Substring(0, random.Next(Valid.Length));
            case 4: return "{ \"models\": [ " + string.Join(", ", Enumerable.Repeat("{ \"id\": \"fuzz/alpha\", \"contextWindow\": 1, \"price\": { \"inputPerMillion\": 1, \"outputPerMillion\": 1 } }", 50)) + " ] }";
        }

        var text = Valid;
        for (var i = 0; i < random.Next(1, 4); i++)
        {
            var (find, replace) = Edits[random.Next(Edits.Length)];
            var at = text.IndexOf(find, StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text.Substring(0, at) + replace[random.Next(replace.Length)] + text.Substring(at + find.Length);
            }
        }

        if (random.Next(8) == 0)
        {
            var at = random.Next(text.Length);
            text = text.Remove(at, 1);
        }

        return text;
    }
}

internal sealed class FuzzText(string path, string text) : AdditionalText
{
    public override string Path => path;

    public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) =>
        Microsoft.CodeAnalysis.Text.SourceText.From(text);
}
