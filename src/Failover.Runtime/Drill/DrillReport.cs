using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Failover;

/// <summary>The drill's findings: one <see cref="DrillResult"/> per model of every route probed. Renders as a console table, JSON or Markdown.</summary>
public sealed class DrillReport
{
    /// <summary>Creates a report.</summary>
    public DrillReport(IReadOnlyList<DrillResult> results, DateTimeOffset startedAt, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(results);
        Results = results;
        StartedAt = startedAt;
        Duration = duration;
    }

    /// <summary>One row per route and model, in route-name then chain order.</summary>
    public IReadOnlyList<DrillResult> Results { get; }

    /// <summary>When the drill started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>How long the drill took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Whether every model of every route passed (and at least one was probed).</summary>
    public bool Passed => Results.Count > 0 && Results.All(static r => r.Passed);

    /// <summary>The models that failed.</summary>
    public IEnumerable<DrillResult> Failures => Results.Where(static r => !r.Passed);

    /// <summary>The process exit code of a drill command: 0 when every model passed, 1 otherwise.</summary>
    public int ExitCode => Passed ? 0 : 1;

    /// <summary>A fixed-width table for a console, followed by a one-line verdict that names every failed model.</summary>
    public string ToTable()
    {
        var rows = new List<string[]> { new[] { "route", "model", "role", "prompt", "reachable", "answered", "latency", "tokens in/out", "cost", "output", "result" } };
        foreach (var r in Results)
        {
            rows.Add(new[]
            {
                r.Route, r.Model, r.Role, Prompt(r), YesNo(r.Reachable), YesNo(r.Answered), Milliseconds(r.Latency),
                $"{r.InputTokens}/{r.OutputTokens}", Money(r.Cost), Output(r), r.Passed ? "ok" : "FAIL: " + r.Failure,
            });
        }

        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length - 1; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                text.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            text.Append('\n');
        }

        text.Append('\n').Append(Verdict()).Append('\n');
        return text.ToString();
    }

    /// <summary>A Markdown table and verdict.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| Route | Model | Role | Prompt | Reachable | Answered | Latency | Tokens in/out | Cost (USD) | Output | Result |\n");
        text.Append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in Results)
        {
            text.Append("| ").Append(Cell(r.Route))
                .Append(" | ").Append(Cell(r.Model))
                .Append(" | ").Append(r.Role)
                .Append(" | ").Append(Cell(Prompt(r)))
                .Append(" | ").Append(YesNo(r.Reachable))
                .Append(" | ").Append(YesNo(r.Answered))
                .Append(" | ").Append(Milliseconds(r.Latency))
                .Append(" | ").Append(r.InputTokens).Append('/').Append(r.OutputTokens)
                .Append(" | ").Append(Money(r.Cost))
                .Append(" | ").Append(Output(r))
                .Append(" | ").Append(r.Passed ? "ok" : "**FAIL**: " + Cell(r.Failure ?? string.Empty))
                .Append(" |\n");
        }

        text.Append('\n').Append(Verdict()).Append('\n');
        return text.ToString();
    }

    /// <summary>Indented JSON: <c>{ "passed", "startedAt", "durationMs", "results": [ ... ] }</c>. Written without reflection (Native AOT).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("passed", Passed);
            json.WriteString("startedAt", StartedAt);
            json.WriteNumber("durationMs", Math.Round(Duration.TotalMilliseconds, 1));
            json.WriteStartArray("results");
            foreach (var r in Results)
            {
                json.WriteStartObject();
                json.WriteString("route", r.Route);
                json.WriteString("interface", r.Interface);
                json.WriteString("model", r.Model);
                json.WriteString("role", r.Role);
                if (r.PromptVariant is null)
                {
                    json.WriteNull("promptVariant");
                }
                else
                {
                    json.WriteString("promptVariant", r.PromptVariant);
                }

                json.WriteBoolean("passed", r.Passed);
                json.WriteBoolean("reachable", r.Reachable);
                json.WriteBoolean("answered", r.Answered);
                json.WriteNumber("latencyMs", Math.Round(r.Latency.TotalMilliseconds, 1));
                json.WriteNumber("attempts", r.Attempts);
                json.WriteNumber("inputTokens", r.InputTokens);
                json.WriteNumber("outputTokens", r.OutputTokens);
                if (r.Cost is { } cost)
                {
                    json.WriteNumber("costUsd", cost);
                }
                else
                {
                    json.WriteNull("costUsd");
                }

                WriteOptional(json, "structuredOutputValid", r.StructuredOutputValid);
                WriteOptional(json, "streamed", r.Streamed);
                if (r.Streamed is not null)
                {
                    json.WriteNumber("chunks", r.Chunks);
                    if (r.TimeToFirstToken is { } ttft)
                    {
                        json.WriteNumber("timeToFirstTokenMs", Math.Round(ttft.TotalMilliseconds, 1));
                    }
                }

                if (r.Failure is null)
                {
                    json.WriteNull("failure");
                }
                else
                {
                    json.WriteString("failure", r.Failure);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a report written by <see cref="ToJson"/> (for example <c>drill --json drill.json</c>), to show it in the route inventory.</summary>
    /// <exception cref="FormatException">The text is not a drill report; the message says what is missing.</exception>
    public static DrillReport FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("A drill report is a JSON object with a \"results\" array (written by FailoverDrill's ToJson or drill --json).");
            }

            var rows = new List<DrillResult>();
            foreach (var r in results.EnumerateArray())
            {
                rows.Add(new DrillResult
                {
                    Route = Text(r, "route"),
                    Interface = Text(r, "interface"),
                    Model = Text(r, "model"),
                    Role = Text(r, "role"),
                    PromptVariant = r.TryGetProperty("promptVariant", out var variant) && variant.ValueKind == JsonValueKind.String ? variant.GetString() : null,
                    Reachable = r.TryGetProperty("reachable", out var reachable) && reachable.ValueKind == JsonValueKind.True,
                    Answered = r.TryGetProperty("answered", out var answered) && answered.ValueKind == JsonValueKind.True,
                    Latency = r.TryGetProperty("latencyMs", out var latency) && latency.ValueKind == JsonValueKind.Number ? TimeSpan.FromMilliseconds(latency.GetDouble()) : TimeSpan.Zero,
                    StructuredOutputValid = r.TryGetProperty("structuredOutputValid", out var valid) && valid.ValueKind is JsonValueKind.True or JsonValueKind.False ? valid.GetBoolean() : null,
                    Streamed = r.TryGetProperty("streamed", out var streamed) && streamed.ValueKind is JsonValueKind.True or JsonValueKind.False ? streamed.GetBoolean() : null,
                    Failure = r.TryGetProperty("failure", out var failure) && failure.ValueKind == JsonValueKind.String ? failure.GetString() : null,
                });
            }

            var startedAt = root.TryGetProperty("startedAt", out var at) && at.TryGetDateTimeOffset(out var when) ? when : DateTimeOffset.MinValue;
            var duration = root.TryGetProperty("durationMs", out var ms) && ms.ValueKind == JsonValueKind.Number ? TimeSpan.FromMilliseconds(ms.GetDouble()) : TimeSpan.Zero;
            return new DrillReport(rows, startedAt, duration);
        }
        catch (JsonException error)
        {
            throw new FormatException("The drill report is not valid JSON: " + error.Message, error);
        }
    }

    private static string Text(JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"A drill result has no \"{name}\" string.");

    private string Verdict()
    {
        var failed = Failures.ToList();
        var routes = Results.Select(static r => r.Route).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        if (Results.Count == 0)
        {
            return "Drill FAILED: no route was probed (no generated client is registered, or the filters matched nothing).";
        }

        return failed.Count == 0
            ? $"Drill passed: {Results.Count} models on {routes} routes answered."
            : $"Drill FAILED: {failed.Count} of {Results.Count} models did not answer: " +
              string.Join("; ", failed.Select(static f => $"{f.Model} ({f.Role} of {f.Route})")) + ".";
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } v)
        {
            json.WriteBoolean(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Output(DrillResult r) =>
        r.StructuredOutputValid is { } valid ? (valid ? "json valid" : "json INVALID")
        : r.Streamed is { } streamed ? (streamed ? $"streamed {r.Chunks} chunks" : "NOT streamed")
        : "text";

    /// <summary>The prompt variant column: <c>default</c>, or <c>for anthropic</c>.</summary>
    private static string Prompt(DrillResult r) => r.PromptVariant is { } variant ? "for " + variant : "default";

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static string Money(decimal? value) => value is { } v ? "$" + v.ToString("0.######", CultureInfo.InvariantCulture) : "-";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
