using StackExchange.Redis;

namespace Failover.Redis;

/// <summary>
/// Every key and channel name of the store, in one place. A subject is <c>m:{model id}</c> or <c>p:{provider}</c>,
/// lower-cased because ids are compared case-insensitively.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>The set of subjects that have (or recently had) a health hash: what the periodic refresh reads.</summary>
    public string Index { get; } = prefix + ":health:index";

    /// <summary>The pub/sub channel every health change is announced on.</summary>
    public RedisChannel Changes { get; } = RedisChannel.Literal(prefix + ":health:changed");

    public static string ModelSubject(string id) => "m:" + id.ToLowerInvariant();

    public static string ProviderSubject(string name) => "p:" + name.ToLowerInvariant();

    /// <summary>The health hash of a subject: fields v (format), cu/cr (cooldown until, reason), bu/br (breaker), f (failures).</summary>
    public string Health(string subject) => Prefix + ":health:" + subject;

    /// <summary>A budget counter of a subject in one window; <paramref name="unit"/> is <c>r</c> (requests) or <c>t</c> (tokens).</summary>
    public string Budget(string subject, long window, char unit) => $"{Prefix}:budget:{subject}:{window}:{unit}";
}
