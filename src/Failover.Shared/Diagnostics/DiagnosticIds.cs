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
    public const string InterfaceCannotBeGenerated = "FO011";
    public const string GeneratedNameTaken = "FO012";
    public const string NoFallback = "FO100";
    public const string CriticalRouteWithoutFallback = "FO101";
    public const string FallbacksNotProviderDiverse = "FO102";
    public const string NoRetryRule = "FO103";
    public const string ContentPolicyFallback = "FO104";
    public const string FallbackSameAsPrimary = "FO105";
    public const string DuplicateFallback = "FO106";
    public const string UnknownModel = "FO107";
    public const string DeprecatedModel = "FO108";
    public const string DisabledModel = "FO109";
    public const string ModelLacksCapability = "FO110";
    public const string ModelContextTooSmall = "FO111";
    public const string ModelRegionNotOffered = "FO112";
    public const string RouteWithoutOwner = "FO113";
    public const string ApiKeyLiteral = "FO114";
    public const string CatalogFileError = "FO115";
    public const string MissingCancellationToken = "FO116";
    public const string ContinueWithoutPrefill = "FO117";
    public const string UnroutedModelCall = "FO118";
    public const string PromptVariantUnused = "FO119";
    public const string FallbackBelowTier = "FO120";
    public const string FallbackMuchMoreExpensive = "FO121";
    public const string CheapTierOnFrontierModel = "FO122";
}

/// <summary>Diagnostic categories.</summary>
internal static class DiagnosticCategories
{
    public const string Declaration = "Failover.Declaration";
    public const string Reliability = "Failover.Reliability";
    public const string Catalog = "Failover.Catalog";
    public const string Ownership = "Failover.Ownership";
    public const string Security = "Failover.Security";
    public const string Usage = "Failover.Usage";
    public const string Cost = "Failover.Cost";
}
