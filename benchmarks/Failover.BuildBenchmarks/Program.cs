using System.Globalization;
using Failover.BuildBenchmarks;

// The build benchmark (issue 15): generates a 1,000-route project (100 interfaces) and a 1,000-method LoggerMessage
// project outside the repository, then times `dotnet build` of each variant, interleaved run by run so that a noisy
// neighbour on the machine slows every variant alike. Not run in CI: it takes minutes. See docs/performance.md, "Build cost".
//   dotnet run -c Release --project benchmarks/Failover.BuildBenchmarks -- [--runs 3] [--compiler server|fresh|both] [--work DIR] [--sizes-only] [--baseline DIR]
// --baseline DIR adds the Failover variants built against another checkout (such as main in a scratch clone), interleaved
// with this checkout's, so that before and after are compared within one run.
var runs = 3;
var compiler = "both";
var sizesOnly = false;
var work = Path.Combine(Path.GetTempPath(), "failover-buildbench");
string? baselineRepo = null;
for (var i = 0; i < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--sizes-only": sizesOnly = true; i--; break;
        case "--runs" when i + 1 < args.Length: runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--compiler" when i + 1 < args.Length: compiler = args[i + 1]; break;
        case "--work" when i + 1 < args.Length: work = Path.GetFullPath(args[i + 1]); break;
        case "--baseline" when i + 1 < args.Length: baselineRepo = Path.GetFullPath(args[i + 1]); break;
        default: Console.Error.WriteLine($"Unknown option {args[i]}; options: --runs N, --compiler server|fresh|both, --work DIR, --sizes-only, --baseline DIR."); return 2;
    }
}

var repo = FindRepository();
BenchProjects.Write(work, repo, baselineRepo);
var routes = Path.Combine(work, BenchProjects.RoutesProject);
var baselineRoutes = Path.Combine(work, BenchProjects.BaselineRoutesProject);
var logging = Path.Combine(work, BenchProjects.LoggingProject);
var cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(static l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null;
Console.WriteLine($"Projects in {work}; repository {repo}; {Environment.ProcessorCount} logical processors ({cpu ?? "CPU model unknown"}); .NET {Environment.Version}.");

// Restore and a first build that also builds Failover.Runtime, the generator and the analyzers, and keeps the generated files to size them.
var firstBuilds = new List<(string Directory, string Extra)> { (routes, "-p:BenchUserCode=true"), (logging, string.Empty) };
if (baselineRepo is not null)
{
    firstBuilds.Add((baselineRoutes, "-p:BenchUserCode=true"));
}

foreach (var (directory, extra) in firstBuilds)
{
    BuildTimer.Run(directory, "restore -nologo", out _);
    BuildTimer.Run(directory, $"build -c Release --no-restore -nologo -p:EmitCompilerGeneratedFiles=true {extra}", out _);
}

var routeCount = RouteSources.Interfaces * RouteSources.RoutesPerInterface;
var generated = Measure(Path.Combine(routes, "obj", "Release", "net10.0", "generated", "Failover.Generator"));
var loggerGenerated = Measure(Path.Combine(logging, "obj", "Release", "net10.0", "generated", "Microsoft.Extensions.Logging.Generators"));
var declared = Measure(routes, "IArea*.cs");
var userCode = Measure(Path.Combine(routes, "UserCode"));
Console.WriteLine();
Console.WriteLine($"| source | files | lines | characters | per route or log method |");
Console.WriteLine($"|---|---|---|---|---|");
Console.WriteLine($"| route interfaces (user-written) | {declared.Files} | {declared.Lines:N0} | {declared.Chars:N0} | {declared.Lines / (double)routeCount:F1} lines, {declared.Chars / routeCount:N0} chars |");
Console.WriteLine($"| ordinary user code (UserCode/) | {userCode.Files} | {userCode.Lines:N0} | {userCode.Chars:N0} | {userCode.Chars / (double)declared.Chars:F2}x the interfaces' characters |");
Console.WriteLine($"| Failover generated | {generated.Files} | {generated.Lines:N0} | {generated.Chars:N0} | {generated.Lines / (double)routeCount:F1} lines, {generated.Chars / routeCount:N0} chars |");
Console.WriteLine($"| LoggerMessage generated | {loggerGenerated.Files} | {loggerGenerated.Lines:N0} | {loggerGenerated.Chars:N0} | {loggerGenerated.Lines / (double)routeCount:F1} lines, {loggerGenerated.Chars / routeCount:N0} chars |");

if (sizesOnly)
{
    return 0;
}

var variants = new List<BuildVariant>
{
    new BuildVariant("routes-none", "1,000 routes, generator and analyzers off", routes, "-p:FailoverGenerator=false -p:FailoverAnalyzers=false"),
    new BuildVariant("routes-analyzers", "1,000 routes, analyzers only", routes, "-p:FailoverGenerator=false -p:FailoverAnalyzers=true"),
    new BuildVariant("routes-generator", "1,000 routes, generator only", routes, "-p:FailoverGenerator=true -p:FailoverAnalyzers=false"),
    new BuildVariant("routes-full", "1,000 routes, generator and analyzers on", routes, "-p:FailoverGenerator=true -p:FailoverAnalyzers=true"),
    new BuildVariant("mixed-none", "1,000 routes + as much own code, Failover off", routes, "-p:BenchUserCode=true -p:FailoverGenerator=false -p:FailoverAnalyzers=false"),
    new BuildVariant("mixed-full", "1,000 routes + as much own code, Failover on", routes, "-p:BenchUserCode=true -p:FailoverGenerator=true -p:FailoverAnalyzers=true"),
    new BuildVariant("log-off", "1,000 [LoggerMessage] methods, generator off", logging, "-p:LoggerGenerator=false"),
    new BuildVariant("log-on", "1,000 [LoggerMessage] methods, generator on", logging, "-p:LoggerGenerator=true"),
};
if (baselineRepo is not null)
{
    // Same sources, the baseline checkout's generator and analyzers; compared with the routes-none / mixed-none baselines above.
    variants.Add(new BuildVariant("routes-analyzers-base", "1,000 routes, analyzers only (--baseline checkout)", baselineRoutes, "-p:FailoverGenerator=false -p:FailoverAnalyzers=true"));
    variants.Add(new BuildVariant("routes-generator-base", "1,000 routes, generator only (--baseline checkout)", baselineRoutes, "-p:FailoverGenerator=true -p:FailoverAnalyzers=false"));
    variants.Add(new BuildVariant("routes-full-base", "1,000 routes, generator and analyzers on (--baseline checkout)", baselineRoutes, "-p:FailoverGenerator=true -p:FailoverAnalyzers=true"));
    variants.Add(new BuildVariant("mixed-full-base", "1,000 routes + as much own code, Failover on (--baseline checkout)", baselineRoutes, "-p:BenchUserCode=true -p:FailoverGenerator=true -p:FailoverAnalyzers=true"));
}

var modes = compiler switch
{
    "server" => new[] { true },
    "fresh" => new[] { false },
    _ => new[] { true, false },
};

foreach (var shared in modes)
{
    var name = shared ? "compiler server (UseSharedCompilation=true)" : "fresh compiler (UseSharedCompilation=false)";
    var wall = variants.ToDictionary(static v => v.Key, static _ => new List<double>());
    var csc = variants.ToDictionary(static v => v.Key, static _ => new List<double>());
    foreach (var variant in variants)
    {
        BuildTimer.Time(variant.Project, variant.Properties, shared); // warm-up: starts the server, fills the disk cache
    }

    for (var run = 0; run < runs; run++)
    {
        foreach (var variant in variants)
        {
            var (w, c) = BuildTimer.Time(variant.Project, variant.Properties, shared);
            wall[variant.Key].Add(w);
            csc[variant.Key].Add(c);
            Console.Error.WriteLine($"{name} run {run + 1}/{runs} {variant.Key}: {w:F2} s wall, {c:F2} s Csc");
        }
    }

    double W(string key) => Median(wall[key]);
    double C(string key) => Median(csc[key]);
    Console.WriteLine();
    Console.WriteLine($"### {name}, median of {runs} runs");
    Console.WriteLine();
    Console.WriteLine("| variant | dotnet build (s) | Csc task (s) | build vs its baseline | Csc vs its baseline |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var variant in variants)
    {
        var baseline = variant.Key.StartsWith("routes", StringComparison.Ordinal) ? "routes-none" : variant.Key.StartsWith("mixed", StringComparison.Ordinal) ? "mixed-none" : "log-off";
        Console.WriteLine($"| {variant.Description} | {W(variant.Key):F2} | {C(variant.Key):F2} | {W(variant.Key) / W(baseline):F3}x | {C(variant.Key) / C(baseline):F3}x |");
    }

    if (baselineRepo is not null)
    {
        Console.WriteLine();
        Console.WriteLine($"- --baseline checkout, pure 1,000-route project: build {Percent(W("routes-full-base"), W("routes-none"))}, Csc {Percent(C("routes-full-base"), C("routes-none"))} (analyzers alone: Csc {Percent(C("routes-analyzers-base"), C("routes-none"))}; generator alone: Csc {Percent(C("routes-generator-base"), C("routes-none"))}).");
        Console.WriteLine($"- --baseline checkout, routes + as much own code: build {Percent(W("mixed-full-base"), W("mixed-none"))}, Csc {Percent(C("mixed-full-base"), C("mixed-none"))}.");
        Console.WriteLine($"- this checkout vs the baseline checkout, Csc: pure routes {C("routes-full") / C("routes-full-base"):F2}x, analyzers only {C("routes-analyzers") / C("routes-analyzers-base"):F2}x, generator only {C("routes-generator") / C("routes-generator-base"):F2}x, routes + own code {C("mixed-full") / C("mixed-full-base"):F2}x.");
    }

    var perRoute = (C("routes-generator") - C("routes-none")) / routeCount * 1000;
    var perLog = (C("log-on") - C("log-off")) / routeCount * 1000;
    Console.WriteLine();
    Console.WriteLine($"- Failover on, pure 1,000-route project: build {Percent(W("routes-full"), W("routes-none"))}, Csc {Percent(C("routes-full"), C("routes-none"))} (analyzers alone: build {Percent(W("routes-analyzers"), W("routes-none"))}, Csc {Percent(C("routes-analyzers"), C("routes-none"))}).");
    Console.WriteLine($"- Failover on, routes + as much own code (target <= +10 %): build {Percent(W("mixed-full"), W("mixed-none"))}, Csc {Percent(C("mixed-full"), C("mixed-none"))}.");
    Console.WriteLine($"- Generator and its output, per route: {perRoute:F2} ms of Csc; LoggerMessage generator and its output, per log method: {perLog:F2} ms; ratio {perRoute / perLog:F2}x.");
}

return 0;

// Signed, so that a variant faster than its baseline (noise) reads "-3.4 %", not "+-3.4 %".
static string Percent(double value, double baseline) => (((value / baseline) - 1) * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " %";

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static (int Files, long Lines, long Chars) Measure(string directory, string pattern = "*.cs")
{
    var files = Directory.Exists(directory) ? Directory.GetFiles(directory, pattern, SearchOption.AllDirectories) : [];
    var texts = files.Select(File.ReadAllText).ToArray();
    return (files.Length, texts.Sum(static t => (long)t.Count(static c => c == '\n')), texts.Sum(static t => (long)t.Length));
}

static string FindRepository()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Generator.sln")))
            {
                return dir.FullName;
            }
        }
    }

    throw new InvalidOperationException("Run the build benchmark from inside the Failover repository (no Generator.sln found above the current directory).");
}
