using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Failover;

/// <summary>
/// Failover's built-in telemetry. Logs and metrics are derived from <see cref="RoutingEvent"/>s, exactly as a user
/// sink sees them (the engine registers this as its first sink). Spans need live hooks, because they must be current
/// around the provider call so that HTTP spans nest under the attempt: the engine calls <see cref="StartCall"/>,
/// <see cref="StartAttempt"/>, <see cref="EndAttempt"/>, <see cref="Skipped"/> and <see cref="EndCall{T}"/>.
/// Nothing is allocated for a span, a tag list or a log line nobody listens to.
/// </summary>
internal sealed class EngineTelemetry : IRoutingEventSink
{
    internal static readonly string Version = typeof(EngineTelemetry).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    internal static readonly ActivitySource Source = new(FailoverTelemetry.ActivitySourceName, Version);

    private readonly ILogger _logger;
    private readonly FailoverMetrics _metrics;
    private readonly IOptionsMonitor<FailoverOptions>? _options;

    public EngineTelemetry(ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null, IOptionsMonitor<FailoverOptions>? options = null)
    {
        _logger = loggerFactory?.CreateLogger(FailoverTelemetry.LogCategory) ?? NullLogger.Instance;
        _metrics = meterFactory is null
            ? FailoverMetrics.Shared
            : new FailoverMetrics(meterFactory.Create(new MeterOptions(FailoverTelemetry.MeterName) { Version = Version }));
        _options = options;
    }

    private bool LogContent => _options?.CurrentValue.LogContent == true;

    /// <summary>
    /// Whether logs or metrics would use a routing event. Any enabled log level enables Critical, so one check covers
    /// every level; with no log provider and no meter listener the engine skips building events altogether.
    /// </summary>
    public bool IsListening => _logger.IsEnabled(LogLevel.Critical) || _metrics.AnyEnabled;

    /// <summary>Call start: logs the prompt when content logging is on, and starts the route span (<c>failover.route {route}</c>).</summary>
    public Activity? StartCall(RouteCallState call)
    {
        var route = call.Plan.Route;
        if (_logger.IsEnabled(LogLevel.Debug) && LogContent)
        {
            FailoverLog.PromptContent(_logger, route.Name, Render(call.Messages));
        }

        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(TelemetryNames.RouteSpan, ActivityKind.Internal);
        if (activity is null)
        {
            return null;
        }

        activity.DisplayName = TelemetryNames.RouteSpan + " " + route.Name;
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(TelemetryNames.Route, route.Name);
            activity.SetTag(TelemetryNames.OperationName, TelemetryNames.Chat);
            activity.SetTag(TelemetryNames.ProviderName, route.Primary.Provider);
            activity.SetTag(TelemetryNames.RequestModel, route.Primary.Model);
        }

        return activity;
    }

    /// <summary>
    /// Attempt start, just before the provider call: when the route moves to a new model, logs and counts the fallback;
    /// starts the attempt span (<c>chat {model}</c>) as the current activity.
    /// </summary>
    public Activity? StartAttempt(RouteCallState call, ModelSlot slot)
    {
        var target = slot.Target;
        var route = call.Plan.Route;
        RouteAttempt? previous = null, left = null;
        // A first attempt has nothing before it: no lock, and no attempt list created just to be looked at.
        if (call.HasAttempts)
        {
            lock (call.Attempts)
            {
                previous = call.Attempts[^1];
                for (var i = call.Attempts.Count - 1; i >= 0 && left is null; i--)
                {
                    left = ReferenceEquals(call.Attempts[i].Model, target) ? null : call.Attempts[i];
                }
            }
        }

        if (previous is not null && !ReferenceEquals(previous.Model, target))
        {
            FailoverLog.FallbackTaken(_logger, route.Name, previous.Model.Id, target.Id, previous.Failure);
            if (_metrics.Fallbacks.Enabled)
            {
                var tags = new TagList
                {
                    { TelemetryNames.Route, route.Name },
                    { TelemetryNames.ProviderName, target.Provider },
                    { TelemetryNames.RequestModel, target.Model },
                    { TelemetryNames.ErrorType, TelemetryNames.ErrorTypeOf(previous.Failure) },
                };
                _metrics.Fallbacks.Add(1, tags);
            }
        }

        // The call's first log line (1101) shows the route's default prompt; a model with a variant of its own is sent
        // other text, so the first attempt on it logs what it really got.
        if (slot.PromptVariant >= 0 && (previous is null || !ReferenceEquals(previous.Model, target)) && _logger.IsEnabled(LogLevel.Debug) && LogContent)
        {
            FailoverLog.PromptVariantContent(_logger, route.Name, target.Id, route.PromptVariants[slot.PromptVariant], Render(call.MessagesFor(slot)));
        }

        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(TelemetryNames.AttemptSpan, ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        activity.DisplayName = TelemetryNames.AttemptSpan + " " + target.Model;
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(TelemetryNames.OperationName, TelemetryNames.Chat);
            activity.SetTag(TelemetryNames.ProviderName, target.Provider);
            activity.SetTag(TelemetryNames.RequestModel, target.Model);
            activity.SetTag(TelemetryNames.Route, route.Name);
            if (slot.Role != SlotRole.Primary)
            {
                activity.SetTag(TelemetryNames.FallbackReason, left is null ? "skipped" : TelemetryNames.ErrorTypeOf(left.Failure));
            }
        }

        return activity;
    }

    /// <summary>Attempt end: logs the completion when content logging is on, and tags the attempt span with the result.</summary>
    public void EndAttempt(Activity? activity, RouteDescriptor route, RouteAttempt attempt, ChatResponse? response)
    {
        if (attempt.Succeeded && response is not null && _logger.IsEnabled(LogLevel.Debug) && LogContent)
        {
            FailoverLog.CompletionContent(_logger, route.Name, attempt.Number, attempt.Model.Id, response.Text);
        }

        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetTag(TelemetryNames.Attempt, attempt.Number);
        if (response is not null)
        {
            activity.SetTag(TelemetryNames.ResponseModel, response.ModelId ?? attempt.Model.Model);
            activity.SetTag(TelemetryNames.InputTokens, attempt.InputTokens);
            activity.SetTag(TelemetryNames.OutputTokens, attempt.OutputTokens);
        }

        if (attempt.Cost is { } cost)
        {
            activity.SetTag(TelemetryNames.Cost, (double)cost);
        }

        if (!attempt.Succeeded)
        {
            var errorType = TelemetryNames.ErrorTypeOf(attempt.Failure);
            activity.SetTag(TelemetryNames.ErrorType, errorType);
            activity.SetStatus(ActivityStatusCode.Error, errorType);
        }
    }

    /// <summary>A model was passed over: adds a <c>failover.model_skipped</c> event to the route span.</summary>
    public static void Skipped(Activity? activity, ModelTarget model, string reason)
    {
        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }

        activity.AddEvent(new ActivityEvent(TelemetryNames.SkippedEvent, tags: new ActivityTagsCollection
        {
            { TelemetryNames.SkippedModel, model.Id },
            { TelemetryNames.SkippedReason, reason },
        }));
    }

    /// <summary>Call end: tags the route span with the outcome, totals and the serving model.</summary>
    public static void EndCall<T>(Activity? activity, RouteResult<T> result, RouteOutcome outcome)
    {
        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetTag(TelemetryNames.Outcome, TelemetryNames.OutcomeOf(outcome));
        activity.SetTag(TelemetryNames.Attempts, result.Attempts.Count);
        activity.SetTag(TelemetryNames.InputTokens, result.InputTokens);
        activity.SetTag(TelemetryNames.OutputTokens, result.OutputTokens);
        if (result.Cost is { } cost)
        {
            activity.SetTag(TelemetryNames.Cost, (double)cost);
        }

        if (result.ServedBy is { } served)
        {
            activity.SetTag(TelemetryNames.ResponseModel, served.Model);
        }

        var primaryFailure = FailureKind.None;
        foreach (var attempt in result.Attempts)
        {
            if (attempt.Role == SlotRole.Primary)
            {
                primaryFailure = attempt.Failure;
            }
        }

        if (outcome is RouteOutcome.ServedByFallback or RouteOutcome.Degraded)
        {
            activity.SetTag(TelemetryNames.FallbackReason, primaryFailure == FailureKind.None ? "skipped" : TelemetryNames.ErrorTypeOf(primaryFailure));
        }

        if (outcome == RouteOutcome.Failed)
        {
            var last = result.Attempts.Count == 0 ? FailureKind.Unknown : result.Attempts[^1].Failure;
            var errorType = TelemetryNames.ErrorTypeOf(last);
            activity.SetTag(TelemetryNames.ErrorType, errorType);
            activity.SetStatus(ActivityStatusCode.Error, errorType);
        }
    }

    /// <summary>Logs and metrics, from the same events every sink receives.</summary>
    public void OnEvent(RoutingEvent routingEvent)
    {
        switch (routingEvent.Kind)
        {
            case RoutingEventKind.Attempt:
                OnAttempt(routingEvent);
                break;
            case RoutingEventKind.Skipped:
                FailoverLog.ModelSkipped(_logger, routingEvent.Route.Name, routingEvent.Model?.Id ?? "(none)", routingEvent.Reason);
                break;
            case RoutingEventKind.Completed:
                OnCompleted(routingEvent);
                break;
        }
    }

    private void OnAttempt(RoutingEvent e)
    {
        var route = e.Route.Name;
        var model = e.Model;
        var failed = e.Failure != FailureKind.None;
        if (failed && e.Injected)
        {
            FailoverLog.AttemptFailedInjected(_logger, route, e.AttemptNumber, model?.Id ?? "(none)", e.Failure, e.Latency.TotalMilliseconds);
        }
        else if (failed)
        {
            FailoverLog.AttemptFailed(_logger, route, e.AttemptNumber, model?.Id ?? "(none)", e.Failure, e.StatusCode, e.ProviderErrorCode ?? "none", e.Latency.TotalMilliseconds);
        }

        if (model is null)
        {
            return;
        }

        if (failed && _metrics.Failures.Enabled)
        {
            var tags = new TagList
            {
                { TelemetryNames.Route, route },
                { TelemetryNames.ProviderName, model.Provider },
                { TelemetryNames.RequestModel, model.Model },
                { TelemetryNames.ErrorType, TelemetryNames.ErrorTypeOf(e.Failure) },
            };
            if (e.Injected)
            {
                tags.Add(TelemetryNames.ChaosInjected, true);
            }

            _metrics.Failures.Add(1, tags);
        }

        if (_metrics.OperationDuration.Enabled)
        {
            var tags = new TagList
            {
                { TelemetryNames.OperationName, TelemetryNames.Chat },
                { TelemetryNames.ProviderName, model.Provider },
                { TelemetryNames.RequestModel, model.Model },
                { TelemetryNames.Route, route },
            };
            if (failed)
            {
                tags.Add(TelemetryNames.ErrorType, TelemetryNames.ErrorTypeOf(e.Failure));
            }

            if (e.Injected)
            {
                tags.Add(TelemetryNames.ChaosInjected, true);
            }

            _metrics.OperationDuration.Record(e.Latency.TotalSeconds, tags);
        }

        var answered = !failed || e.InputTokens > 0 || e.OutputTokens > 0;
        if (answered && _metrics.TokenUsage.Enabled)
        {
            var tags = new TagList
            {
                { TelemetryNames.OperationName, TelemetryNames.Chat },
                { TelemetryNames.ProviderName, model.Provider },
                { TelemetryNames.RequestModel, model.Model },
                { TelemetryNames.Route, route },
                { TelemetryNames.TokenType, "input" },
            };
            _metrics.TokenUsage.Record(e.InputTokens, tags);
            tags[4] = new KeyValuePair<string, object?>(TelemetryNames.TokenType, "output");
            _metrics.TokenUsage.Record(e.OutputTokens, tags);
        }

        if (e.SkippedEvents > 0 && _metrics.SkippedEvents.Enabled)
        {
            var tags = new TagList
            {
                { TelemetryNames.Route, route },
                { TelemetryNames.ProviderName, model.Provider },
                { TelemetryNames.RequestModel, model.Model },
            };
            _metrics.SkippedEvents.Add(e.SkippedEvents, tags);
        }

        if (e.Cost is { } cost && cost > 0m && _metrics.Cost.Enabled)
        {
            var tags = new TagList
            {
                { TelemetryNames.Route, route },
                { TelemetryNames.ProviderName, model.Provider },
                { TelemetryNames.RequestModel, model.Model },
            };
            _metrics.Cost.Add((double)cost, tags);
        }
    }

    private void OnCompleted(RoutingEvent e)
    {
        var route = e.Route.Name;
        var outcome = e.Degraded ? RouteOutcome.Degraded : e.Outcome;
        var latencyMs = e.Latency.TotalMilliseconds;
        switch (outcome)
        {
            case RouteOutcome.Served:
                FailoverLog.RouteServed(_logger, route, e.Model?.Id, latencyMs, e.AttemptCount, e.InputTokens, e.OutputTokens, e.Cost);
                break;
            case RouteOutcome.ServedByFallback:
                FailoverLog.RouteServedByFallback(_logger, route, e.Model?.Id, latencyMs, e.AttemptCount, e.InputTokens, e.OutputTokens, e.Cost);
                break;
            case RouteOutcome.Degraded:
                FailoverLog.RouteDegraded(_logger, route, e.AttemptCount, e.Failure);
                break;
            case RouteOutcome.Failed:
                FailoverLog.RouteExhausted(_logger, route, e.AttemptCount, latencyMs, e.Failure);
                break;
            case RouteOutcome.Cancelled:
                FailoverLog.RouteCancelled(_logger, route, e.AttemptCount);
                break;
        }

        if (_metrics.Requests.Enabled || _metrics.Attempts.Enabled || _metrics.RequestDuration.Enabled)
        {
            var tags = new TagList
            {
                { TelemetryNames.Route, route },
                { TelemetryNames.Outcome, TelemetryNames.OutcomeOf(outcome) },
            };
            if (e.Model is { } served)
            {
                tags.Add(TelemetryNames.ProviderName, served.Provider);
                tags.Add(TelemetryNames.RequestModel, served.Model);
            }

            if (outcome is RouteOutcome.Failed)
            {
                tags.Add(TelemetryNames.ErrorType, TelemetryNames.ErrorTypeOf(e.Failure));
            }

            _metrics.Requests.Add(1, tags);
            _metrics.Attempts.Record(e.AttemptCount, tags);
            _metrics.RequestDuration.Record(e.Latency.TotalSeconds, tags);
        }
    }

    private static string Render(IList<ChatMessage> messages)
    {
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(message.Role.Value).Append(": ").Append(message.Text);
        }

        return text.ToString();
    }
}
