using Microsoft.Extensions.AI;
using Polly;

namespace Failover;

/// <summary>One model of a route's plan: its role, client, the options sent to it and its retry pipeline, built once.</summary>
internal sealed class ModelSlot
{
    public ModelSlot(ModelTarget target, SlotRole role, IChatClient client, ChatOptions options, ResiliencePipeline<AttemptOutcome> pipeline, bool disabledByConfiguration, int promptVariant = -1)
    {
        PromptVariant = promptVariant;
        Target = target;
        Role = role;
        Client = client;
        Options = options;
        Pipeline = pipeline;
        DisabledByConfiguration = disabledByConfiguration;
    }

    public ModelTarget Target { get; }

    /// <summary>Why the model is in the plan; results, events and metrics read it instead of comparing models.</summary>
    public SlotRole Role { get; }

    /// <summary>Whether an answer from this slot counts as served by a fallback.</summary>
    public bool IsFallback => Role is SlotRole.Fallback or SlotRole.Hedge;

    public IChatClient Client { get; }

    public ChatOptions Options { get; }

    public ResiliencePipeline<AttemptOutcome> Pipeline { get; }

    /// <summary>
    /// Whether the kill switch (<c>Failover:DisabledModels</c> or <c>Failover:DisabledProviders</c>) covers this model.
    /// Read when the plan is built: plans are rebuilt whenever the configuration changes.
    /// </summary>
    public bool DisabledByConfiguration { get; }

    /// <summary>The route's prompt variant for this model (<see cref="RouteDescriptor.PromptVariants"/>), or -1 for the default prompt.</summary>
    public int PromptVariant { get; }

    /// <summary>
    /// The health store's last skip verdict on this model, while it holds (see <see cref="RememberedSkip"/>). Per slot,
    /// so a configuration reload, which builds new plans, forgets it too.
    /// </summary>
    public volatile RememberedSkip? Skip;
}
