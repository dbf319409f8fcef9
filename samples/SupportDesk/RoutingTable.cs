using System.Globalization;
using Failover;

namespace SupportDesk;

/// <summary>One finished route call as the routing table saw it.</summary>
public sealed record CallRecord(
    int Number,
    string Phase,
    string Route,
    string PrimaryModel,
    string? ServedBy,
    RouteOutcome Outcome,
    int Attempts,
    IReadOnlyList<string> Path,
    IReadOnlyList<FailureKind> Failures,
    TimeSpan Latency,
    long InputTokens,
    long OutputTokens,
    decimal Cost)
{
    public bool Answered => Outcome is RouteOutcome.Served or RouteOutcome.ServedByFallback or RouteOutcome.Degraded;
}

/// <summary>
/// Prints one fixed-width line per route call from the engine's routing events, and keeps the calls for the summary.
/// Attempts and skips are gathered per route until the call completes (the sample calls routes one at a time).
/// </summary>
public sealed class RoutingTable : IRoutingEventSink
{
    private const string Format = "{0,3}  {1,-9} {2,-15} {3,-30} {4,3}  {5,-44} {6,7}  {7,9}  {8,10}";
    private readonly TextWriter _output;
    private readonly object _gate = new();
    private readonly Dictionary<string, (List<string> Path, List<FailureKind> Failures)> _pending = [];
    private readonly List<CallRecord> _calls = [];

    public RoutingTable(TextWriter output) => _output = output;

    /// <summary>The phase shown in the table for the calls that follow.</summary>
    public string Phase { get; set; } = string.Empty;

    public IReadOnlyList<CallRecord> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public void WriteHeader()
    {
        _output.WriteLine(string.Format(CultureInfo.InvariantCulture, Format, "#", "phase", "route", "served by", "att", "path (failures before the answer)", "latency", "tokens", "cost $"));
        _output.WriteLine(new string('-', 143));
    }

    /// <summary>The legend under the table.</summary>
    public const string Legend = "* served by a fallback; path lists each failed or skipped model before the answer; tokens are input+output.";

    public void OnEvent(RoutingEvent e)
    {
        lock (_gate)
        {
            var route = e.Route.Name;
            if (!_pending.TryGetValue(route, out var call))
            {
                call = ([], []);
                _pending[route] = call;
            }

            switch (e.Kind)
            {
                case RoutingEventKind.Attempt when e.Failure != FailureKind.None:
                    call.Path.Add($"{Short(e.Model!)}: {Describe(e.Failure, e.StatusCode)}");
                    call.Failures.Add(e.Failure);
                    break;
                case RoutingEventKind.Skipped:
                    call.Path.Add($"{Short(e.Model!)}: skipped");
                    break;
                case RoutingEventKind.Completed:
                    _pending.Remove(route);
                    var record = new CallRecord(
                        _calls.Count + 1, Phase, route, e.Route.Primary.Id, e.Model?.Id, e.Outcome, e.AttemptCount,
                        call.Path, call.Failures, e.Latency, e.InputTokens, e.OutputTokens, e.Cost ?? 0m);
                    _calls.Add(record);
                    Print(record);
                    break;
            }
        }
    }

    private void Print(CallRecord c)
    {
        var served = c.ServedBy is null ? $"FAILED ({c.Outcome})" : c.ServedBy + (c.Outcome == RouteOutcome.ServedByFallback ? " *" : string.Empty);
        // The first failure shares the call's line; further ones continue below it, in the same column.
        var path = c.Path.Count == 0 ? ["-"] : Collapse(c.Path).ToList();
        _output.WriteLine(string.Format(
            CultureInfo.InvariantCulture, Format,
            c.Number, c.Phase, c.Route, served, c.Attempts, Fit(path[0]),
            $"{c.Latency.TotalMilliseconds:0} ms", $"{c.InputTokens}+{c.OutputTokens}", c.Cost.ToString("0.000000", CultureInfo.InvariantCulture)));
        foreach (var step in path.Skip(1))
        {
            _output.WriteLine(string.Format(CultureInfo.InvariantCulture, Format, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, Fit(step), string.Empty, string.Empty, string.Empty).TrimEnd());
        }
    }

    private static string Fit(string text) => text.Length <= 44 ? text : text[..41] + "...";

    /// <summary>The summary: requests per route, primary vs fallback, failures by kind, total cost.</summary>
    public void WriteSummary()
    {
        var calls = Calls;
        _output.WriteLine();
        _output.WriteLine("Summary");
        _output.WriteLine(new string('-', 80));
        _output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-16} {1,8} {2,8} {3,9} {4,7} {5,12}", "route", "requests", "primary", "fallback", "failed", "cost $"));
        foreach (var group in calls.GroupBy(static c => c.Route))
        {
            _output.WriteLine(string.Format(
                CultureInfo.InvariantCulture, "{0,-16} {1,8} {2,8} {3,9} {4,7} {5,12:0.000000}",
                group.Key,
                group.Count(),
                group.Count(static c => c.Outcome == RouteOutcome.Served),
                group.Count(static c => c.Outcome == RouteOutcome.ServedByFallback),
                group.Count(static c => !c.Answered),
                group.Sum(static c => c.Cost)));
        }

        _output.WriteLine(string.Format(
            CultureInfo.InvariantCulture, "{0,-16} {1,8} {2,8} {3,9} {4,7} {5,12:0.000000}",
            "total", calls.Count, calls.Count(static c => c.Outcome == RouteOutcome.Served), calls.Count(static c => c.Outcome == RouteOutcome.ServedByFallback),
            calls.Count(static c => !c.Answered), calls.Sum(static c => c.Cost)));

        _output.WriteLine();
        _output.WriteLine("Served by model");
        foreach (var group in calls.Where(static c => c.ServedBy is not null).GroupBy(static c => c.ServedBy!).OrderByDescending(static g => g.Count()))
        {
            _output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-28} {1,4}", group.Key, group.Count()));
        }

        _output.WriteLine();
        _output.WriteLine("Failed attempts by kind (each one retried or routed around)");
        var failures = calls.SelectMany(static c => c.Failures).GroupBy(static k => k).OrderByDescending(static g => g.Count()).ToList();
        if (failures.Count == 0)
        {
            _output.WriteLine("  none");
        }

        foreach (var group in failures)
        {
            _output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-22} {1,4}  {2}", group.Key, group.Count(), Policy(group.Key)));
        }

        _output.WriteLine();
        var answered = calls.Count(static c => c.Answered);
        _output.WriteLine($"Answered {answered} of {calls.Count} requests; total cost ${calls.Sum(static c => c.Cost).ToString("0.000000", CultureInfo.InvariantCulture)}.");
    }

    private static string Policy(FailureKind kind)
    {
        var decision = FailurePolicy.Decide(kind);
        return (decision.RetrySameModel ? "retried, then " : "not retried, ") + decision.Fallback switch
        {
            FallbackRule.AnyModel => "next model",
            FallbackRule.OtherProvider => "another provider",
            FallbackRule.LargerContextOnly => "a larger window",
            _ => "stop",
        };
    }

    private static string Short(ModelTarget model) => model.Model;

    private static string Describe(FailureKind kind, int? status) => status is { } s ? $"{s} {kind}" : kind.ToString();

    private static IEnumerable<string> Collapse(IEnumerable<string> steps)
    {
        string? last = null;
        var count = 0;
        foreach (var step in steps.Append(null!))
        {
            if (step == last)
            {
                count++;
                continue;
            }

            if (last is not null)
            {
                yield return count == 1 ? last : $"{last} x{count}";
            }

            last = step;
            count = 1;
        }
    }
}
