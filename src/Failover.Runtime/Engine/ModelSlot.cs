using Microsoft.Extensions.AI;
using Polly;

namespace Failover;

/// <summary>One model of a route's plan: its client, the options sent to it and its retry pipeline, built once.</summary>
internal sealed class ModelSlot
{
    public ModelSlot(ModelTarget target, IChatClient client, ChatOptions options, ResiliencePipeline<AttemptOutcome> pipeline, bool disabledByConfiguration)
    {
        Target = target;
        Client = client;
        Options = options;
        Pipeline = pipeline;
        DisabledByConfiguration = disabledByConfiguration;
    }

    public ModelTarget Target { get; }

    public IChatClient Client { get; }

    public ChatOptions Options { get; }

    public ResiliencePipeline<AttemptOutcome> Pipeline { get; }

    /// <summary>
    /// Whether the kill switch (<c>Failover:DisabledModels</c> or <c>Failover:DisabledProviders</c>) covers this model.
    /// Read when the plan is built: plans are rebuilt whenever the configuration changes.
    /// </summary>
    public bool DisabledByConfiguration { get; }
}
