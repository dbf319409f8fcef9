using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Failover;

/// <summary>
/// Binds the <c>Failover</c> section strictly: the shape is checked first (<see cref="FailoverConfigurationShape"/>), then
/// the source-generated binder runs with <see cref="BinderOptions.ErrorOnUnknownConfiguration"/>. It never throws: a
/// problem is recorded on the options instance and <see cref="ValidatedFailoverOptions"/> decides what to do with it
/// (fail startup, or log and keep the last good configuration on reload). Throwing here would escape from the
/// configuration reload callback.
/// </summary>
internal sealed class FailoverConfigurationBinding : IConfigureOptions<FailoverOptions>
{
    private readonly FailoverConfigurationSection _section;

    public FailoverConfigurationBinding(FailoverConfigurationSection section) => _section = section;

    public void Configure(FailoverOptions options)
    {
        if (_section.Section is not { } section)
        {
            return;
        }

        var problems = FailoverConfigurationShape.Check(section);
        if (problems.Count == 0)
        {
            try
            {
                section.Bind(options, static binder => binder.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException error)
            {
                problems.Add(error.Message);
            }
        }

        if (problems.Count > 0)
        {
            options.ConfigurationProblems = problems;
        }
    }
}
