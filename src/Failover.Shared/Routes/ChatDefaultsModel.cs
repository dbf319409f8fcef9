namespace Failover.CodeAnalysis;

/// <summary>
/// A route's default <c>ChatOptions</c> from <c>[ChatDefaults]</c> (the method's over the interface's, property by
/// property): only what was assigned is set. <see cref="ResponseFormat"/> is a <c>DefaultResponseFormat</c> value.
/// </summary>
internal sealed record ChatDefaultsModel(
    double? Temperature,
    int? MaxOutputTokens,
    double? TopP,
    int? TopK,
    double? FrequencyPenalty,
    double? PresencePenalty,
    long? Seed,
    EquatableArray<string> Stop,
    int ResponseFormat);
