using System;

namespace Failover;

/// <summary>
/// The drill's health store: every model but the one under test is down, as after a real outage whose breakers are
/// open, so the engine's own walk skips them and reaches the model under test. Scoped to one probe: the application's
/// health state is neither read nor changed by a drill.
/// </summary>
internal sealed class DrillHealthStore : IRouteHealthStore
{
    private readonly string _answering;

    public DrillHealthStore(string answering) => _answering = answering;

    public HealthVerdict TryEnter(ModelTarget model) =>
        string.Equals(model.Id, _answering, StringComparison.OrdinalIgnoreCase)
            ? HealthVerdict.Available
            : HealthVerdict.Unavailable(DateTimeOffset.MaxValue, $"failed over by the drill so that {_answering} answers");

    public void OnSuccess(ModelTarget model)
    {
    }

    public void OnFailure(ModelTarget model, ClassifiedFailure failure)
    {
    }

    public void Release(ModelTarget model)
    {
    }
}
