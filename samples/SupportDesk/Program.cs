using Failover;
using SupportDesk;

// SupportDesk: three routes on one interface, played through an incident.
//   dotnet run --project samples/SupportDesk                simulator (default when no API keys are set)
//   dotnet run --project samples/SupportDesk -- --simulator  simulator even when keys are set
//   dotnet run --project samples/SupportDesk -- --inventory  print the route inventory (Markdown) and exit
//   dotnet run --project samples/SupportDesk -- --inventory json
//   dotnet run --project samples/SupportDesk -- --inventory --drill drill.json   with each route's last drill result
//   dotnet run --project samples/SupportDesk -- drill        probe every model of every route (docs/drill.md)
//   dotnet run --project samples/SupportDesk -- drill --switch-off anthropic/claude-haiku-4-5
// With OPENAI_API_KEY, ANTHROPIC_API_KEY and GEMINI_API_KEY all set it calls the real providers instead
// (every route has models on at least two of them, so all three keys are required).
if (args is ["drill", ..])
{
    using var drillStop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
    return await DrillCommand.RunAsync(args, Console.Out, drillStop.Token);
}

if (args.Contains("--inventory"))
{
    // Routes and unrouted model calls side by side; with --drill drill.json (from `drill --json drill.json`) each route shows its last drill.
    var format = args.Contains("json") ? RouteInventoryFormat.Json : RouteInventoryFormat.Markdown;
    var drillAt = Array.IndexOf(args, "--drill");
    var lastDrill = drillAt >= 0 && drillAt + 1 < args.Length ? DrillReport.FromJson(await File.ReadAllTextAsync(args[drillAt + 1])) : null;
    await RouteInventory.WriteAsync(Console.Out, format, FailoverClientRegistry.RoutesOf<ISupportDesk>(), ModelCallInventory.UnroutedCalls, lastDrill);
    return 0;
}

var keys = new[] { "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY" }
    .Where(static k => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(k)))
    .ToList();
var live = keys.Count == 3 && !args.Contains("--simulator");

if (keys.Count is > 0 and < 3 && !args.Contains("--simulator"))
{
    Console.WriteLine($"Only {string.Join(", ", keys)} set; the real providers need all three keys. Using the simulator.");
}

using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
var report = live
    ? await IncidentPlayback.RunAgainstProvidersAsync(Console.Out, stop.Token)
    : await IncidentPlayback.RunAsync(Console.Out, stop.Token);

return report.EveryRequestAnswered ? 0 : 1;
