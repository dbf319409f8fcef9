namespace Failover;

/// <summary>The budgets of one target under one set of budget settings (<see cref="Source"/>), looked up once.</summary>
internal sealed class ResolvedBudget(FailoverBudgetOptions? source, RateBudget? model, RateBudget? provider)
{
    public static ResolvedBudget None { get; } = new(null, null, null);

    public FailoverBudgetOptions? Source { get; } = source;

    public RateBudget? Model { get; } = model;

    public RateBudget? Provider { get; } = provider;

    public bool IsLimited { get; } = model is not null || provider is not null;

    public bool CountsTokens { get; } = model?.TokensPerMinute > 0 || provider?.TokensPerMinute > 0;
}
