using Microsoft.Extensions.AI;
using Polly;

namespace Failover;

/// <summary>One model of a route's plan: its client, the options sent to it and its retry pipeline, built once.</summary>
internal sealed class ModelSlot
{
    public ModelSlot(ModelTarget target, IChatClient client, ChatOptions options, ResiliencePipeline<AttemptOutcome> pipeline)
    {
        Target = target;
        Client = client;
        Options = options;
        Pipeline = pipeline;
    }

    public ModelTarget Target { get; }

    public IChatClient Client { get; }

    public ChatOptions Options { get; }

    public ResiliencePipeline<AttemptOutcome> Pipeline { get; }
}
