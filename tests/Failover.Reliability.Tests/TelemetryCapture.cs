using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Failover.Reliability.Tests;

/// <summary>
/// Everything the library lets out, as text: every log record at every level from every category (message, state
/// values, scopes, exception chain), every span (name, status, tags, events), every metric measurement's tags and
/// every routing event. A secret must appear in none of it.
/// </summary>
public sealed class TelemetryCapture : ILoggerProvider, IRoutingEventSink, IDisposable
{
    private readonly ConcurrentQueue<string> _texts = new();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;

    public TelemetryCapture()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = static _ => true,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => Add("span", Describe(activity)),
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener { InstrumentPublished = static (instrument, listener) => listener.EnableMeasurementEvents(instrument) };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Add("metric", Describe(i, tags)));
        _meters.SetMeasurementEventCallback<int>((i, v, tags, _) => Add("metric", Describe(i, tags)));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Add("metric", Describe(i, tags)));
        _meters.SetMeasurementEventCallback<decimal>((i, v, tags, _) => Add("metric", Describe(i, tags)));
        _meters.Start();
    }

    public int LogCount;

    public int SpanCount => _texts.Count(static t => t.StartsWith("span", StringComparison.Ordinal));

    public IEnumerable<string> Texts => _texts;

    public void Add(string where, string text) => _texts.Enqueue(where + ": " + text);

    public void OnEvent(RoutingEvent routingEvent) => Add("routing event", Dump(routingEvent));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    /// <summary>Public properties, recursively (strings, numbers, enums, collections), so nothing an object holds is missed.</summary>
    public static string Dump(object? value, int depth = 0)
    {
        if (value is null)
        {
            return "null";
        }

        if (value is string or ValueType or Uri or Type)
        {
            return value.ToString() ?? string.Empty;
        }

        if (value is Exception exception)
        {
            return Describe(exception);
        }

        if (depth > 4)
        {
            return value.ToString() ?? string.Empty;
        }

        var text = new StringBuilder(value.ToString()).Append(" {");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                text.Append(Dump(item, depth + 1)).Append("; ");
            }
        }
        else
        {
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0)
                {
                    continue;
                }

                object? propertyValue;
                try
                {
                    propertyValue = property.GetValue(value);
                }
                catch (TargetInvocationException)
                {
                    continue;
                }

                text.Append(property.Name).Append('=').Append(Dump(propertyValue, depth + 1)).Append("; ");
            }
        }

        return text.Append('}').ToString();
    }

    /// <summary>An exception as users see it: ToString() (the whole inner chain), Data, and each inner's properties.</summary>
    public static string Describe(Exception exception)
    {
        var text = new StringBuilder(exception.ToString());
        for (var current = exception; current is not null; current = current.InnerException)
        {
            text.Append(" | ").Append(current.GetType().FullName).Append(": ").Append(current.Message);
            foreach (DictionaryEntry entry in current.Data)
            {
                text.Append(" data ").Append(entry.Key).Append('=').Append(entry.Value);
            }

            if (current is FailoverException failover)
            {
                text.Append(" attempts ").Append(Dump(failover.Attempts));
            }
            else if (current is StreamInterruptedException interrupted)
            {
                text.Append(" attempts ").Append(Dump(interrupted.Attempts));
            }
            else if (current is ProviderException provider)
            {
                text.Append(" code ").Append(provider.ProviderErrorCode);
            }

            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    text.Append(" | ").Append(Describe(inner));
                }
            }
        }

        return text.ToString();
    }

    private static string Describe(Activity activity)
    {
        var text = new StringBuilder().Append(activity.Source.Name).Append(' ').Append(activity.DisplayName).Append(' ').Append(activity.OperationName)
            .Append(" status=").Append(activity.Status).Append(' ').Append(activity.StatusDescription);
        foreach (var tag in activity.TagObjects)
        {
            text.Append(' ').Append(tag.Key).Append('=').Append(Dump(tag.Value));
        }

        foreach (var activityEvent in activity.Events)
        {
            text.Append(" event ").Append(activityEvent.Name);
            foreach (var tag in activityEvent.Tags)
            {
                text.Append(' ').Append(tag.Key).Append('=').Append(Dump(tag.Value));
            }
        }

        foreach (var baggage in activity.Baggage)
        {
            text.Append(" baggage ").Append(baggage.Key).Append('=').Append(baggage.Value);
        }

        return text.ToString();
    }

    private static string Describe(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new StringBuilder(instrument.Meter.Name).Append(' ').Append(instrument.Name);
        foreach (var tag in tags)
        {
            text.Append(' ').Append(tag.Key).Append('=').Append(Dump(tag.Value));
        }

        return text.ToString();
    }

    private sealed class CapturingLogger(TelemetryCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            capture.Add("log scope " + category, Dump(state));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Interlocked.Increment(ref capture.LogCount);
            var text = new StringBuilder().Append(logLevel).Append(' ').Append(category).Append(' ').Append(eventId).Append(' ').Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(' ').Append(key).Append('=').Append(Dump(value));
                }
            }

            if (exception is not null)
            {
                text.Append(" exception ").Append(Describe(exception));
            }

            capture.Add("log", text.ToString());
        }
    }
}
