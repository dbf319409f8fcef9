using Microsoft.Extensions.Configuration;

namespace Failover;

/// <summary>
/// The configuration section Failover binds: the one passed to <c>AddFailover(section, ...)</c>, else the <c>Failover</c>
/// section of the application's <see cref="IConfiguration"/> when one is registered (every host registers it), else none.
/// </summary>
/// <param name="Section">The section, or null when the application has no configuration.</param>
internal sealed record FailoverConfigurationSection(IConfiguration? Section)
{
    /// <summary>The name of the section in the application's configuration.</summary>
    public const string Name = "Failover";
}
