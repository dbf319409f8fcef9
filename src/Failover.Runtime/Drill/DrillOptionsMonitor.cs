using System;
using Microsoft.Extensions.Options;

namespace Failover;

/// <summary>The fixed options of one drill engine: a copy of the application's, taken when the probe starts.</summary>
internal sealed class DrillOptionsMonitor : IOptionsMonitor<FailoverOptions>
{
    public DrillOptionsMonitor(FailoverOptions options) => CurrentValue = options;

    public FailoverOptions CurrentValue { get; }

    public FailoverOptions Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<FailoverOptions, string?> listener) => null;
}
