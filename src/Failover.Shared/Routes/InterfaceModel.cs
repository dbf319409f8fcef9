namespace Failover.CodeAnalysis;

/// <summary>An interface with routes, and the names of what is generated for it.</summary>
internal sealed record InterfaceModel(
    string Namespace,
    string Name,
    string FullyQualifiedName,
    bool IsPublic,
    string ClientName,
    string RoutesName,
    string HintName);

/// <summary>What parsing one route method yields: the interface, the route when it can be generated, and diagnostics.</summary>
internal sealed record RouteParseResult(InterfaceModel? Interface, RouteModel? Route, EquatableArray<DiagnosticInfo> Diagnostics);
