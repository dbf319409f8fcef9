using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// Merges a caller's per-call <see cref="ChatOptions"/> over a slot's (the route's options with the slot's model id):
/// what the caller set wins, what the caller left unset comes from the route, and the model id is always the slot's,
/// because the route decides which model serves. The caller's instance is never changed: function invocation and other
/// middleware reuse it across calls.
/// </summary>
internal static class CallOptions
{
    public static ChatOptions Merge(ChatOptions? call, ChatOptions slot)
    {
        if (call is null)
        {
            return slot;
        }

        var merged = call.Clone();
        merged.ModelId = slot.ModelId;
        merged.Instructions ??= slot.Instructions;
        merged.Temperature ??= slot.Temperature;
        merged.MaxOutputTokens ??= slot.MaxOutputTokens;
        merged.TopP ??= slot.TopP;
        merged.TopK ??= slot.TopK;
        merged.FrequencyPenalty ??= slot.FrequencyPenalty;
        merged.PresencePenalty ??= slot.PresencePenalty;
        merged.Seed ??= slot.Seed;
        merged.ResponseFormat ??= slot.ResponseFormat;
        merged.StopSequences ??= slot.StopSequences is null ? null : new List<string>(slot.StopSequences);
        merged.ToolMode ??= slot.ToolMode;
        merged.AllowMultipleToolCalls ??= slot.AllowMultipleToolCalls;
        if (slot.Tools is { Count: > 0 } routeTools)
        {
            var tools = new List<AITool>(routeTools);
            if (merged.Tools is { } callTools)
            {
                tools.AddRange(callTools);
            }

            merged.Tools = tools;
        }

        if (slot.AdditionalProperties is { Count: > 0 } routeProperties)
        {
            merged.AdditionalProperties ??= new AdditionalPropertiesDictionary();
            foreach (var (key, value) in routeProperties)
            {
                merged.AdditionalProperties.TryAdd(key, value);
            }
        }

        return merged;
    }
}
