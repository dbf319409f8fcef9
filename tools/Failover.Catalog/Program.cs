using System;
using System.Net.Http;
using System.Threading.Tasks;
using Failover.Catalog;

// The catalog refresh command; see docs/catalog.md, "Refreshing the catalog".
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
using var stop = new System.Threading.CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    return await CatalogCommand.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, http, TimeProvider.System, stop.Token);
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("refresh cancelled; the catalog was not changed.");
    return 1;
}
