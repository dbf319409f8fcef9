using System.Diagnostics;

namespace Failover.Analyzers.Tests;

/// <summary>
/// The packages as a new user gets them: Failover and Failover.Testing are packed into a local folder feed, a brand-new
/// console project that references only those packages (and nuget.org for their dependencies) declares routes, builds,
/// and runs. One test, so the pack and the restore happen once; it takes a minute or two.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(RepositoryBuildCollection.Name)]
public sealed class PackagingTests
{
    private const string Program = """
        using Failover;
        using Failover.Testing;
        using Microsoft.Extensions.DependencyInjection;

        await using var simulator = await ProviderSimulator.StartAsync();
        simulator.Model("gpt-5-mini").Always(SimulatedBehavior.Overloaded());
        simulator.Model("claude-haiku-4-5").Reply("served by anthropic");

        var services = new ServiceCollection();
        services.AddFailover(f => f
                .AddOpenAI("sk-sim", o => o.BaseUrl = simulator.OpenAIBaseUrl)
                .AddAnthropic("sk-ant-sim", o => o.BaseUrl = simulator.AnthropicBaseUrl))
            .AddFailoverClient<IDemoAi>();
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IDemoAi>().LabelAsync("refund please");
        Console.WriteLine($"routes: {string.Join(",", FailoverClientRegistry.RoutesOf<IDemoAi>().Select(r => r.Name).Order())}");
        Console.WriteLine($"answer: {result.Value} from {result.ServedBy!.Id} after {result.Attempts.Count} attempts");

        public interface IDemoAi
        {
            [ModelRoute("openai/gpt-5-mini", Owner = "demo")]
            [Fallback("anthropic/claude-haiku-4-5")]
            [Retry(MaxAttempts = 1)]
            [Prompt("Label: {ticket}")]
            Task<RouteResult<string>> LabelAsync(string ticket, CancellationToken cancellationToken = default);

            [ModelRoute("openai/gpt-5-mini", Owner = "demo")]
            [Retry(MaxAttempts = 2)]
            [Prompt("Summarize: {text}")]
            Task<string> UnsafeSummaryAsync(string text, CancellationToken cancellationToken = default);
        }
        """;

    [Fact]
    public async Task A_new_console_app_referencing_only_the_packages_generates_warns_fails_strict_builds_and_fails_over()
    {
        var root = Directory.CreateTempSubdirectory("failover-packaging-");
        try
        {
            var feed = Path.Combine(root.FullName, "feed");
            var app = Path.Combine(root.FullName, "app");
            Directory.CreateDirectory(app);
            // A version of its own, so the global package cache can never answer with an older build of the same version.
            var version = "0.1.0-packagingtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

            foreach (var project in new[] { "Failover.Runtime", "Failover.Testing" })
            {
                var pack = await DotnetAsync(Repository.Root, "pack", Repository.PathOf("src", project), "-c", "Release", "-o", feed, $"-p:Version={version}");
                Assert.True(pack.ExitCode == 0, pack.Output);
            }

            Assert.True(File.Exists(Path.Combine(feed, $"Failover.{version}.nupkg")));
            Assert.True(File.Exists(Path.Combine(feed, $"Failover.{version}.snupkg")));
            await File.WriteAllTextAsync(Path.Combine(app, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);
            await File.WriteAllTextAsync(Path.Combine(app, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Failover" Version="{version}" />
                    <PackageReference Include="Failover.Testing" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            // Keep the repository's Directory.Build.props and Directory.Packages.props out: the temp folder is outside it anyway.
            await File.WriteAllTextAsync(Path.Combine(app, "Directory.Build.props"), "<Project />");
            await File.WriteAllTextAsync(Path.Combine(app, "Directory.Packages.props"), "<Project />");
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), Program);

            var build = await DotnetAsync(app, "build", "-c", "Release");
            Assert.True(build.ExitCode == 0, build.Output);
            Assert.Contains("warning FO100", build.Output); // the analyzers ran: UnsafeSummary has no fallback
            Assert.DoesNotContain("CS9057", build.Output);

            var run = await DotnetAsync(app, Path.Combine(app, "bin", "Release", "net10.0", "App.dll"));
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains("routes: DemoAi.Label,DemoAi.UnsafeSummary", run.Output); // the generator ran
            Assert.Contains("answer: served by anthropic from anthropic/claude-haiku-4-5 after 2 attempts", run.Output);

            // Up-to-date checks would skip the compiler (and so every diagnostic): remove its output first.
            File.Delete(Path.Combine(app, "obj", "Release", "net10.0", "App.dll"));
            var strict = await DotnetAsync(app, "build", "-c", "Release", "--no-restore", "-p:FailoverStrict=true");
            Assert.True(strict.ExitCode != 0, strict.Output);
            Assert.Contains("error FO100", strict.Output);
        }
        finally
        {
            try
            {
                root.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the temp folder is cleaned by the OS.
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> DotnetAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args.Concat(args[0] is "build" or "pack" ? ["--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"] : []))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} took more than 8 minutes");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
