using System;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>How an injected failure is recognised downstream: a flag on the exception, or a property on the response.</summary>
internal static class ChaosMarker
{
    public const string Key = "failover.chaos.injected";

    public static TException Mark<TException>(TException error)
        where TException : Exception
    {
        error.Data[Key] = true;
        return error;
    }

    public static bool IsInjected(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e.Data.Contains(Key))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsInjected(ChatResponse? response) => response?.AdditionalProperties?.ContainsKey(Key) == true;
}
