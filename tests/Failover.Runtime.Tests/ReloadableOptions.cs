using Microsoft.Extensions.Options;

namespace Failover.Runtime.Tests;

/// <summary>An <see cref="IOptionsMonitor{TOptions}"/> whose value a test replaces, raising the change as a configuration reload would.</summary>
internal sealed class ReloadableOptions(FailoverOptions current) : IOptionsMonitor<FailoverOptions>
{
    private Action<FailoverOptions, string?>? _listener;

    public FailoverOptions CurrentValue { get; private set; } = current;

    public FailoverOptions Get(string? name) => CurrentValue;

    public IDisposable OnChange(Action<FailoverOptions, string?> listener)
    {
        _listener += listener;
        return new Unsubscribe();
    }

    public void Reload(FailoverOptions options)
    {
        CurrentValue = options;
        _listener?.Invoke(options, null);
    }

    private sealed class Unsubscribe : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
