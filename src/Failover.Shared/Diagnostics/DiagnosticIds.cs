namespace Failover.CodeAnalysis;

/// <summary>The FO diagnostic ids. Never reuse or renumber a shipped id.</summary>
internal static class DiagnosticIds
{
    public const string UnsupportedMethodShape = "FO001";
    public const string RouteOutsideInterface = "FO002";
    public const string MalformedModelId = "FO003";
    public const string UnknownPlaceholder = "FO004";
    public const string UnusedParameter = "FO005";
    public const string MalformedTemplate = "FO006";
    public const string NoInput = "FO007";
    public const string InvalidAttributeValue = "FO008";
    public const string InvalidDegrade = "FO009";
    public const string InvalidCanaryKey = "FO010";
}

/// <summary>Diagnostic categories.</summary>
internal static class DiagnosticCategories
{
    public const string Declaration = "Failover.Declaration";
    public const string Reliability = "Failover.Reliability";
    public const string Catalog = "Failover.Catalog";
    public const string Ownership = "Failover.Ownership";
    public const string Security = "Failover.Security";
}
