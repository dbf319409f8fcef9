namespace Failover.CodeAnalysis;

/// <summary>One route as declared: everything the generator emits and the analyzers judge, as plain equatable data.</summary>
internal sealed record RouteModel(
    string MethodName,
    string RouteName,
    ModelReference Primary,
    EquatableArray<ModelReference> Fallbacks,
    RetryModel Retry,
    int? AttemptTimeoutMs,
    int? TotalTimeoutMs,
    int Tier,
    string? Owner,
    int Criticality,
    int Requires,
    int MinContextTokens,
    string? Region,
    bool FallbackOnContentPolicy,
    TemplateModel? SystemPrompt,
    TemplateModel? Prompt,
    EquatableArray<ParameterModel> Parameters,
    ReturnModel Return,
    LocationInfo? Location,
    RoutingFeatures? Features = null,
    StreamSettings? Stream = null,
    EquatableArray<PromptVariantModel> PromptVariants = default,
    ChatDefaultsModel? ChatDefaults = null);

/// <summary>The opt-in routing features of a route: hedging, canary, degradation, JSON context and context estimation.</summary>
internal sealed record RoutingFeatures(
    int? HedgeMs,
    ModelReference? CanaryModel,
    double CanaryPercent,
    string? CanaryKeyParameter,
    DegradeModel? Degrade,
    string? JsonContext,
    bool EstimateContext);

/// <summary>The degradation method: its declaring type (fully qualified) and name, and whether it takes the route's arguments (and the token).</summary>
internal sealed record DegradeModel(string DeclaringType, string MethodName, bool PassArguments, bool PassToken);

/// <summary>A model id as written in an attribute, with where it was written.</summary>
internal sealed record ModelReference(string Id, LocationInfo? Location)
{
    public string Provider => Id.IndexOf('/') is var slash and > 0 ? Id.Substring(0, slash) : string.Empty;
}

/// <summary>The retry rule in force for a route and where it came from (0 none, 1 method, 2 interface, 3 assembly).</summary>
internal sealed record RetryModel(int Source, int MaxAttempts, int BaseDelayMs, int MaxDelayMs, bool Jitter, bool RetryInvalidResponse, LocationInfo? Location)
{
    public static readonly RetryModel None = new(0, 1, 0, 0, false, false, null);
}

/// <summary>What a parameter is to the route.</summary>
internal enum ParameterRole
{
    TemplateValue,
    Messages,
    CancellationToken,
    CanaryKey,

    /// <summary>A <c>Microsoft.Extensions.AI.ChatOptions</c> parameter: per-call options sent to whichever model serves.</summary>
    ChatOptions,
}

/// <summary>One method parameter.</summary>
internal sealed record ParameterModel(string Name, string Type, ParameterRole Role, bool IsString, bool HasDefault, string? DefaultValue);

/// <summary>The shapes of return the generator can implement.</summary>
internal enum ReturnKind
{
    Text,
    ChatResponse,
    Structured,
    RouteResult,
    TextStream,
    UpdateStream,
}

/// <summary>A route's return: the shape, whether it is a ValueTask, the full return type and the value type inside it.</summary>
/// <remarks>For <see cref="ReturnKind.RouteResult"/>, <c>ValueType</c> is the T of RouteResult&lt;T&gt; and <c>ReaderKind</c> says how T is read (Text, ChatResponse or Structured).</remarks>
internal sealed record ReturnModel(ReturnKind Kind, bool IsValueTask, string ReturnType, string ValueType, ReturnKind ReaderKind)
{
    public ReturnModel(ReturnKind kind, bool isValueTask, string returnType, string valueType)
        : this(kind, isValueTask, returnType, valueType, kind)
    {
    }

    public bool IsStream => Kind is ReturnKind.TextStream or ReturnKind.UpdateStream;
}
