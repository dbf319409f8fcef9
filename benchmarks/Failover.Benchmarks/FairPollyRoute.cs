using Failover;
using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;
using Polly.Fallback;
using Polly.Retry;
using Polly.Timeout;

namespace Failover.Benchmarks;

/// <summary>
/// The fair hand-written peer of a Failover route: what a Polly v8 user writes for the same behaviour. Per model a
/// transient-only retry (three tries, no delay), a per-attempt timeout and a circuit breaker; the primary's pipeline
/// falls back, in order, to the fallback's through Polly's fallback strategy. The messages travel in the context.
/// </summary>
internal sealed class FairPollyRoute
{
    private static readonly ResiliencePropertyKey<IList<ChatMessage>> MessagesKey = new("bench.messages");
    private readonly ResiliencePipeline<ChatResponse> _pipeline;
    private readonly IChatClient _primary;
    private readonly ChatOptions _primaryOptions = new() { ModelId = "gpt-5-mini" };

    public FairPollyRoute(IChatClient primary, IChatClient fallback)
    {
        _primary = primary;
        var fallbackOptions = new ChatOptions { ModelId = "claude-haiku-4-5" };
        var fallbackPipeline = ModelPipeline(new ResiliencePipelineBuilder<ChatResponse>()).Build();
        _pipeline = ModelPipeline(new ResiliencePipelineBuilder<ChatResponse>()
                .AddFallback(new FallbackStrategyOptions<ChatResponse>
                {
                    ShouldHandle = new PredicateBuilder<ChatResponse>().Handle<Exception>(static e => e is not OperationCanceledException || e is TimeoutRejectedException),
                    FallbackAction = args => fallbackPipeline.ExecuteOutcomeAsync(
                        static async (context, state) =>
                        {
                            try
                            {
                                return Outcome.FromResult(await state.Client.GetResponseAsync(context.Properties.GetValue(MessagesKey, []), state.Options, context.CancellationToken).ConfigureAwait(false));
                            }
                            catch (Exception error)
                            {
                                return Outcome.FromException<ChatResponse>(error);
                            }
                        },
                        args.Context,
                        (Client: fallback, Options: fallbackOptions)),
                }))
            .Build();
    }

    public async Task<string> GetTextAsync(IList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(MessagesKey, messages);
            var response = await _pipeline.ExecuteAsync(
                static (context, state) => new ValueTask<ChatResponse>(state.Client.GetResponseAsync(context.Properties.GetValue(MessagesKey, []), state.Options, context.CancellationToken)),
                context,
                (Client: _primary, Options: _primaryOptions)).ConfigureAwait(false);
            return response.Text;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static ResiliencePipelineBuilder<ChatResponse> ModelPipeline(ResiliencePipelineBuilder<ChatResponse> builder) => builder
        .AddRetry(new RetryStrategyOptions<ChatResponse>
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.Zero,
            ShouldHandle = new PredicateBuilder<ChatResponse>()
                .Handle<ProviderException>(static e => e.Kind is FailureKind.RateLimited or FailureKind.Overloaded or FailureKind.ServerError or FailureKind.Timeout or FailureKind.Connection)
                .Handle<HttpRequestException>()
                .Handle<TimeoutRejectedException>(),
        })
        .AddTimeout(TimeSpan.FromSeconds(60))
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ChatResponse>
        {
            FailureRatio = 0.5,
            MinimumThroughput = 5,
            BreakDuration = TimeSpan.FromSeconds(30),
        });
}
