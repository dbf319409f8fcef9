using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Behavior;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;
using Polly.Simmy.Outcomes;

namespace Failover;

/// <summary>
/// Game-day faults for one model, injected by Polly's chaos strategies (fault, latency, outcome, behavior) around the
/// provider call. It sits where a real failure comes from, between the engine's per-model pipeline (retry, timeout) and
/// the provider, so an injected 429 is classified, retried, counted by the breakers and fallen back from exactly like a
/// real one. Every injected failure carries <see cref="ChaosMarker"/>, so events, logs and metrics say it was injected.
/// </summary>
internal sealed class ChaosChatClient : DelegatingChatClient
{
    private static readonly ResiliencePropertyKey<bool> s_delayed = new("failover.chaos.delayed");
    private static readonly ResiliencePropertyKey<ChaosRule> s_streamFault = new("failover.chaos.stream");

    private readonly ResiliencePipeline<ChatResponse> _response;
    private readonly ResiliencePipeline _stream;
    private readonly TimeProvider _time;

    private ChaosChatClient(IChatClient inner, ModelTarget target, IReadOnlyList<ChaosRule> rules, int? seed, TimeProvider time)
        : base(inner)
    {
        _time = time;
        var random = seed is { } s ? new Random(unchecked(s * 31 + StableHash(target.Id))) : null;
        var randomizer = random is null ? null : (Func<double>)(() => { lock (random) { return random.NextDouble(); } });
        var response = new ResiliencePipelineBuilder<ChatResponse> { TimeProvider = time };
        var stream = new ResiliencePipelineBuilder { TimeProvider = time };
        foreach (var rule in rules)
        {
            switch (rule.Fault)
            {
                case ChaosFault.RateLimited or ChaosFault.ServiceUnavailable or ChaosFault.ContentFilter:
                    response.AddChaosFault(FaultOptions(rule, target, randomizer));
                    stream.AddChaosFault(FaultOptions(rule, target, randomizer));
                    break;
                case ChaosFault.Timeout or ChaosFault.LateFirstToken:
                    response.AddChaosLatency(LatencyOptions(rule, randomizer));
                    stream.AddChaosLatency(LatencyOptions(rule, randomizer));
                    break;
                case ChaosFault.InvalidJson:
                    response.AddChaosOutcome(new ChaosOutcomeStrategyOptions<ChatResponse>
                    {
                        InjectionRate = rule.InjectionRate,
                        Randomizer = randomizer ?? (static () => Random.Shared.NextDouble()),
                        OutcomeGenerator = _ => new ValueTask<Outcome<ChatResponse>?>(Outcome.FromResult(InvalidJson(target))),
                    });
                    break;
                case ChaosFault.StreamCut or ChaosFault.Stall:
                    stream.AddChaosBehavior(new ChaosBehaviorStrategyOptions
                    {
                        InjectionRate = rule.InjectionRate,
                        Randomizer = randomizer ?? (static () => Random.Shared.NextDouble()),
                        BehaviorGenerator = args =>
                        {
                            args.Context.Properties.Set(s_streamFault, rule);
                            return default;
                        },
                    });
                    break;
            }
        }

        _response = response.Build();
        _stream = stream.Build();
    }

    /// <summary>Wraps <paramref name="inner"/> when chaos is enabled and a rule with a positive rate matches the model; returns it unchanged otherwise (no cost when off).</summary>
    public static IChatClient Wrap(IChatClient inner, ModelTarget target, FailoverChaosOptions? chaos, TimeProvider time)
    {
        if (chaos is not { Enabled: true } || chaos.Rules is null)
        {
            return inner;
        }

        var rules = chaos.Rules.Where(r => r is not null && r.InjectionRate > 0 && r.Matches(target.Id)).ToList();
        return rules.Count == 0 ? inner : new ChaosChatClient(inner, target, rules, chaos.Seed, time);
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _response.ExecuteAsync(
                static (context, state) => new ValueTask<ChatResponse>(state.Inner.GetResponseAsync(state.Messages, state.Options, context.CancellationToken)),
                context,
                (Inner: InnerClient, Messages: messages, Options: options)).ConfigureAwait(false);
        }
        catch (OperationCanceledException error) when (WasDelayed(context))
        {
            // The attempt timeout fired during an injected delay: the timeout is the game day's doing.
            ChaosMarker.Mark(error);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChaosRule? strike;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            await _stream.ExecuteAsync(static _ => default, context).ConfigureAwait(false);
            context.Properties.TryGetValue(s_streamFault, out strike);
        }
        catch (OperationCanceledException error) when (WasDelayed(context))
        {
            ChaosMarker.Mark(error);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        var chunks = 0;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            if (strike is not null && chunks == strike.AfterChunks)
            {
                if (strike.Fault == ChaosFault.StreamCut)
                {
                    throw ChaosMarker.Mark(new ProviderException(FailureKind.StreamInterrupted, $"The stream broke after {chunks} chunks (injected by Failover:Chaos)."));
                }

                try
                {
                    await Task.Delay(strike.EffectiveLatency, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException error)
                {
                    ChaosMarker.Mark(error);
                    throw;
                }

                strike = null;
            }

            chunks++;
            yield return update;
        }
    }

    private static bool WasDelayed(ResilienceContext context) => context.Properties.TryGetValue(s_delayed, out var delayed) && delayed;

    private static ChaosFaultStrategyOptions FaultOptions(ChaosRule rule, ModelTarget target, Func<double>? randomizer) => new()
    {
        InjectionRate = rule.InjectionRate,
        Randomizer = randomizer ?? (static () => Random.Shared.NextDouble()),
        FaultGenerator = _ => new ValueTask<Exception?>(ChaosMarker.Mark(Fault(rule, target))),
    };

    private static ChaosLatencyStrategyOptions LatencyOptions(ChaosRule rule, Func<double>? randomizer) => new()
    {
        InjectionRate = rule.InjectionRate,
        Randomizer = randomizer ?? (static () => Random.Shared.NextDouble()),
        // Polly asks for the latency only once it decided to inject, and before it waits: the flag is set when the wait is cancelled.
        LatencyGenerator = args =>
        {
            args.Context.Properties.Set(s_delayed, true);
            return new ValueTask<TimeSpan>(rule.EffectiveLatency);
        },
    };

    private static ProviderException Fault(ChaosRule rule, ModelTarget target) => rule.Fault switch
    {
        ChaosFault.RateLimited => new ProviderException(FailureKind.RateLimited, $"{target.Id} failed: HTTP 429 rate limited (injected by Failover:Chaos).", 429, "rate_limit_exceeded", rule.RetryAfter),
        ChaosFault.ServiceUnavailable => new ProviderException(FailureKind.Overloaded, $"{target.Id} failed: HTTP 503 service unavailable (injected by Failover:Chaos).", 503, "service_unavailable"),
        _ => new ProviderException(FailureKind.ContentPolicy, $"{target.Id} failed: HTTP 400 content filter (injected by Failover:Chaos).", 400, "content_filter"),
    };

    private static ChatResponse InvalidJson(ModelTarget target) => new(new ChatMessage(ChatRole.Assistant, "{\"injected\": tru"))
    {
        ModelId = target.Model,
        AdditionalProperties = new AdditionalPropertiesDictionary { [ChaosMarker.Key] = true },
    };

    /// <summary>FNV-1a: string.GetHashCode is randomised per process, and a seeded game day must repeat across runs.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
    }
}
