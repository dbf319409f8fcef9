namespace Failover.CodeAnalysis;

/// <summary>An interface with routes, and the names of what is generated for it.</summary>
/// <param name="Problem">Why no client can be generated for the interface (FO011), or null when one can.</param>
/// <param name="NameClash">What a generated type name would clash with (FO012), or null when both names are free.</param>
/// <param name="RouteMethodCount">How many [ModelRoute] methods the interface declares: a client is only generated when every one of them parsed.</param>
internal sealed record InterfaceModel(
    string Namespace,
    string Name,
    string FullyQualifiedName,
    bool IsPublic,
    string ClientName,
    string RoutesName,
    string HintName,
    string? Problem = null,
    int RouteMethodCount = 0,
    string? NameClash = null);

/// <summary>What parsing one route method yields: the interface, the route when it can be generated, and diagnostics.</summary>
internal sealed record RouteParseResult(InterfaceModel? Interface, RouteModel? Route, EquatableArray<DiagnosticInfo> Diagnostics);
