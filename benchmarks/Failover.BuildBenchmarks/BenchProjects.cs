using System.Text.RegularExpressions;

namespace Failover.BuildBenchmarks;

/// <summary>
/// Writes the two benchmark projects outside the repository (so the repository's Directory.Build.props does not apply):
/// <c>Routes</c> (the route interfaces, and the ordinary code under UserCode/ behind <c>BenchUserCode</c>) and
/// <c>Logging</c> (the [LoggerMessage] classes). The Failover generator, the Failover analyzers and the LoggerMessage
/// generator are always referenced, so one restore serves every variant; a target drops the ones a variant switches off
/// (<c>FailoverGenerator</c>, <c>FailoverAnalyzers</c>, <c>LoggerGenerator</c> = false) just before the compiler runs.
/// </summary>
internal static class BenchProjects
{
    public const string RoutesProject = "Routes";
    public const string LoggingProject = "Logging";

    /// <summary>The routes project built against another checkout (<c>--baseline</c>): the same sources, that checkout's Failover.</summary>
    public const string BaselineRoutesProject = "BaselineRoutes";

    public static void Write(string root, string repo, string? baselineRepo = null)
    {
        WriteRoutes(Path.Combine(root, RoutesProject), repo);
        if (baselineRepo is not null)
        {
            WriteRoutes(Path.Combine(root, BaselineRoutesProject), baselineRepo);
        }

        var logging = Path.Combine(root, LoggingProject);
        Reset(logging);
        File.WriteAllText(Path.Combine(logging, "Logging.csproj"), LoggingCsproj(repo));
        foreach (var (name, text) in LoggerSources.Files())
        {
            File.WriteAllText(Path.Combine(logging, name), text);
        }

        // Neither project may pick up a Directory.Build.props or global.json from a parent of the temp directory.
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
        File.Copy(Path.Combine(repo, "global.json"), Path.Combine(root, "global.json"), overwrite: true);
    }

    private static void WriteRoutes(string routes, string repo)
    {
        Reset(routes);
        File.WriteAllText(Path.Combine(routes, "Routes.csproj"), RoutesCsproj(repo));
        foreach (var (name, text) in RouteSources.Files())
        {
            File.WriteAllText(Path.Combine(routes, name), text);
        }

        Directory.CreateDirectory(Path.Combine(routes, "UserCode"));
        foreach (var (name, text) in UserCodeSources.Files())
        {
            File.WriteAllText(Path.Combine(routes, "UserCode", name), text);
        }
    }

    /// <summary>The version the repository pins for a package (Directory.Packages.props), so the benchmark uses the same.</summary>
    public static string PackageVersion(string repo, string id)
    {
        var props = File.ReadAllText(Path.Combine(repo, "Directory.Packages.props"));
        var match = Regex.Match(props, $"<PackageVersion Include=\"{Regex.Escape(id)}\" Version=\"([^\"]+)\"");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"Directory.Packages.props pins no version of {id}.");
    }

    // What every benchmark project compiles with: a new app's settings, warnings as errors.
    private const string CommonProperties = """
        <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <LangVersion>latest</LangVersion>
            <ImplicitUsings>disable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
        """;

    public static string RoutesCsproj(string repo) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            {CommonProperties}
            <FailoverGenerator Condition="'$(FailoverGenerator)' == ''">true</FailoverGenerator>
            <FailoverAnalyzers Condition="'$(FailoverAnalyzers)' == ''">true</FailoverAnalyzers>
            <BenchUserCode Condition="'$(BenchUserCode)' == ''">false</BenchUserCode>
          </PropertyGroup>
          <ItemGroup>
            <Compile Remove="UserCode/**" Condition="'$(BenchUserCode)' != 'true'" />
            <!-- Hand-made implementations of the routes for the floor experiment (floor/write_floors.py), off by default. -->
            <Compile Remove="Floor/**" Condition="'$(BenchFloor)' != 'true'" />
            <Compile Remove="Floor2/**" Condition="'$(BenchFloor2)' != 'true'" />
            <ProjectReference Include="{repo}/src/Failover.Runtime/Failover.Runtime.csproj" />
            <ProjectReference Include="{repo}/src/Failover.Generator/Failover.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
            <ProjectReference Include="{repo}/src/Failover.Analyzers/Failover.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
          </ItemGroup>
          <!-- What the Failover package imports (build/Failover.targets): the strictness marker and the catalog date. -->
          <Import Project="{repo}/src/Failover.Runtime/build/Failover.props" />
          <Import Project="{repo}/src/Failover.Runtime/build/Failover.targets" />
          <Target Name="BenchSelectAnalyzers" BeforeTargets="CoreCompile">
            <ItemGroup>
              <Analyzer Remove="@(Analyzer)" Condition="'$(FailoverGenerator)' != 'true' and '%(Filename)' == 'Failover.Generator'" />
              <Analyzer Remove="@(Analyzer)" Condition="'$(FailoverAnalyzers)' != 'true' and '%(Filename)' == 'Failover.Analyzers'" />
            </ItemGroup>
          </Target>
        </Project>

        """;

    public static string LoggingCsproj(string repo) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            {CommonProperties}
            <LoggerGenerator Condition="'$(LoggerGenerator)' == ''">true</LoggerGenerator>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="{PackageVersion(repo, "Microsoft.Extensions.Logging.Abstractions")}" />
          </ItemGroup>
          <Target Name="BenchSelectAnalyzers" BeforeTargets="CoreCompile">
            <ItemGroup>
              <Analyzer Remove="@(Analyzer)" Condition="'$(LoggerGenerator)' != 'true' and '%(Filename)' == 'Microsoft.Extensions.Logging.Generators'" />
            </ItemGroup>
          </Target>
        </Project>

        """;

    private static void Reset(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
    }
}
