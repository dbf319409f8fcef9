using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Failover;

/// <summary>
/// The only <see cref="IOptionsMonitor{TOptions}"/> of <see cref="FailoverOptions"/> in the container: it hands out
/// validated snapshots only. The first snapshot is checked when it is first asked for (at host start, or when the
/// engine is first resolved) and a problem throws a <see cref="FailoverConfigurationException"/> naming the key. A later
/// change is checked the same way; a rejected one is logged and the last good snapshot stays in force whole, so no
/// reader (the engine, the health store, content logging, user code) ever sees part of a rejected change.
/// </summary>
internal sealed class ValidatedFailoverOptions : IOptionsMonitor<FailoverOptions>, IOptions<FailoverOptions>, IDisposable
{
    private readonly OptionsMonitor<FailoverOptions> _raw;
    private readonly KnownRoutes _routes;
    private readonly IEnumerable<string>? _registeredProviders;
    private readonly ILogger _logger;
    private readonly IDisposable? _subscription;
    private readonly object _gate = new();
    private List<Action<FailoverOptions, string?>> _listeners = [];
    private volatile FailoverOptions _current;

    public ValidatedFailoverOptions(IOptionsFactory<FailoverOptions> factory, IEnumerable<IOptionsChangeTokenSource<FailoverOptions>> sources, KnownRoutes routes, ILoggerFactory? loggers, IEnumerable<string>? registeredProviders = null)
    {
        // Run-time chains may name any model of a registered provider, so the validator needs the provider names.
        _registeredProviders = registeredProviders;
        _raw = new OptionsMonitor<FailoverOptions>(factory, sources, new OptionsCache<FailoverOptions>());
        _routes = routes;
        _logger = loggers?.CreateLogger(LogCategory) ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        var (initial, errors) = Read(() => _raw.CurrentValue);
        if (errors.Count > 0)
        {
            throw new FailoverConfigurationException("Invalid Failover configuration: " + string.Join(" ", errors));
        }

        _current = initial!;
        _subscription = _raw.OnChange((_, name) => Reload(name));
    }

    /// <summary>The log category of configuration changes.</summary>
    public const string LogCategory = "Failover.Configuration";

    public FailoverOptions CurrentValue => _current;

    public FailoverOptions Value => _current;

    public FailoverOptions Get(string? name) => _current;

    public IDisposable? OnChange(Action<FailoverOptions, string?> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }

        return new Subscription(this, listener);
    }

    public void Dispose() => _subscription?.Dispose();

    private void Reload(string? name)
    {
        if (name is not null && name != Options.DefaultName)
        {
            return;
        }

        var (options, errors) = Read(() => _raw.Get(Options.DefaultName));
        if (errors.Count > 0)
        {
            ConfigurationLog.ChangeRejected(_logger, string.Join(" ", errors));
            return;
        }

        _current = options!;
        ConfigurationLog.ChangeApplied(_logger);
        foreach (var listener in _listeners)
        {
            listener(options!, Options.DefaultName);
        }
    }

    private (FailoverOptions? Options, List<string> Errors) Read(Func<FailoverOptions> read)
    {
        FailoverOptions options;
        try
        {
            options = read();
        }
        catch (Exception error) when (error is InvalidOperationException or FormatException or OptionsValidationException)
        {
            // A binder registered by the application itself (BindConfiguration) throws on a value it cannot convert.
            return (null, [error.Message]);
        }

        if (options.ConfigurationProblems is { Count: > 0 } problems)
        {
            return (null, [.. problems]);
        }

        return (options, FailoverOptionsValidator.Validate(options, _routes.Routes(), _registeredProviders));
    }

    private sealed class Subscription(ValidatedFailoverOptions owner, Action<FailoverOptions, string?> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._listeners = owner._listeners.FindAll(l => l != listener);
            }
        }
    }
}
