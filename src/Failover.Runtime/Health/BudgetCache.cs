namespace Failover;

/// <summary>
/// A target's <see cref="ResolvedBudget"/>, looked up once per budget settings: a health store keeps one per target and
/// the request path reads it with one volatile read until a reload brings new settings.
/// </summary>
internal sealed class BudgetCache
{
    private volatile ResolvedBudget _budget = ResolvedBudget.None;

    public ResolvedBudget Of(ModelTarget target, FailoverBudgetOptions budgets)
    {
        var current = _budget;
        if (ReferenceEquals(current.Source, budgets))
        {
            return current;
        }

        current = new ResolvedBudget(budgets, budgets.ForModel(target.Id), budgets.ForProvider(target.Provider));
        _budget = current;
        return current;
    }
}
