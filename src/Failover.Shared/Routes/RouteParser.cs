using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Failover.CodeAnalysis;

/// <summary>
/// Reads a [ModelRoute] method into a <see cref="RouteModel"/>. The one parser of route declarations: the
/// generator emits from its result and the analyzers judge it. It never throws on malformed input; problems
/// become diagnostics and the route is left out.
/// </summary>
internal static class RouteParser
{
    private const int DefaultCriticality = 1;

    public static RouteParseResult Parse(IMethodSymbol method, AttributeData routeAttribute, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var methodLocation = LocationInfo.From(method.Locations.FirstOrDefault());

        if (method.ContainingType is not { TypeKind: TypeKind.Interface } containingInterface)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RouteOutsideInterface, methodLocation, method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
            return new RouteParseResult(null, null, diagnostics.ToEquatableArray());
        }

        var iface = DescribeInterface(containingInterface);

        // An interface the generator cannot implement gets one FO011, reported from its first route method, and no routes:
        // the generator emits nothing for it and the analyzers skip it.
        var interfaceProblem = iface.Problem;
        if (interfaceProblem is not null
            && SymbolEqualityComparer.Default.Equals(RouteMethods(containingInterface).FirstOrDefault(), method))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InterfaceCannotBeGenerated,
                LocationInfo.From(containingInterface.Locations.FirstOrDefault()),
                containingInterface.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                interfaceProblem));
        }

        var routeArgs = RouteArguments.Read(routeAttribute);
        var routeName = routeArgs.Name ?? DefaultRouteName(containingInterface.Name, method.Name);
        var attributeLocation = LocationInfo.From(routeAttribute.ApplicationSyntaxReference) ?? methodLocation;

        // A constructor the compiler could not bind already has a compiler error; adding ours would only repeat it.
        if (routeAttribute.AttributeConstructor is null)
        {
            return new RouteParseResult(iface, null, diagnostics.ToEquatableArray());
        }

        var canGenerate = CheckShape(method, routeName, methodLocation, diagnostics, out var returnModel);
        cancellationToken.ThrowIfCancellationRequested();

        var primary = new ModelReference(routeArgs.Model ?? string.Empty, attributeLocation);
        canGenerate &= CheckModelId(primary, routeName, diagnostics);

        var fallbacks = new List<ModelReference>();
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == KnownNames.FallbackAttribute && attribute.AttributeConstructor is not null)
            {
                var fallback = new ModelReference(
                    attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty,
                    LocationInfo.From(attribute.ApplicationSyntaxReference) ?? methodLocation);
                canGenerate &= CheckModelId(fallback, routeName, diagnostics);
                fallbacks.Add(fallback);
            }
        }

        var retry = ReadRetry(method, containingInterface, routeName, diagnostics, ref canGenerate);
        var (attemptTimeout, totalTimeout) = ReadTimeouts(method, containingInterface, routeArgs, routeName, attributeLocation, diagnostics, ref canGenerate);
        if (routeArgs.MinContextTokens < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, attributeLocation, routeName, $"MinContextTokens is {routeArgs.MinContextTokens}; it must be zero or more"));
            canGenerate = false;
        }

        var parameters = ReadParameters(method, routeName, diagnostics, ref canGenerate);
        var systemPrompt = ReadTemplate(method, KnownNames.SystemPromptAttribute, "system prompt", routeName, diagnostics, ref canGenerate)
            ?? ReadTemplate(containingInterface, KnownNames.SystemPromptAttribute, "system prompt", routeName, diagnostics, ref canGenerate);
        var prompt = ReadTemplate(method, KnownNames.PromptAttribute, "prompt", routeName, diagnostics, ref canGenerate);
        var features = RoutingFeaturesParser.Read(method, containingInterface, routeAttribute, routeName, returnModel, parameters, diagnostics, ref canGenerate);
        var stream = StreamSettingsParser.Read(method, containingInterface, routeAttribute, routeName, attributeLocation, diagnostics, ref canGenerate);

        // A malformed template already has its diagnostic; judging placeholders against half a template would only add noise.
        var templatesParsed = canGenerate || !diagnostics.Exists(static d => d.Descriptor.Id == DiagnosticIds.MalformedTemplate);
        if (templatesParsed)
        {
            canGenerate &= CheckTemplates(method, routeName, parameters, systemPrompt, prompt, methodLocation, diagnostics);
        }

        if (!canGenerate || returnModel is null || interfaceProblem is not null)
        {
            return new RouteParseResult(iface, null, diagnostics.ToEquatableArray());
        }

        var route = new RouteModel(
            method.Name,
            routeName,
            primary,
            fallbacks.ToEquatableArray(),
            retry,
            attemptTimeout,
            totalTimeout,
            routeArgs.Tier,
            routeArgs.Owner,
            routeArgs.Criticality,
            routeArgs.Requires,
            routeArgs.MinContextTokens,
            routeArgs.Region,
            routeArgs.FallbackOnContentPolicy,
            systemPrompt,
            prompt,
            parameters.ToEquatableArray(),
            returnModel,
            methodLocation,
            features,
            stream);
        return new RouteParseResult(iface, route, diagnostics.ToEquatableArray());
    }

    public static InterfaceModel DescribeInterface(INamedTypeSymbol iface)
    {
        var ns = iface.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        var baseName = StripInterfacePrefix(iface.Name);
        var outer = iface.ContainingType is null ? string.Empty : string.Join("_", ContainingTypeNames(iface)) + "_";
        var isPublic = iface.DeclaredAccessibility == Accessibility.Public && (iface.ContainingType is null || iface.ContainingType.DeclaredAccessibility == Accessibility.Public);
        var fullName = iface.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var hint = (ns.Length == 0 ? string.Empty : ns + ".") + outer + iface.Name + (iface.Arity > 0 ? "`" + iface.Arity : string.Empty);
        return new InterfaceModel(
            ns,
            iface.Name,
            fullName,
            isPublic,
            outer + baseName + "FailoverClient",
            outer + baseName + "Routes",
            SanitizeHintName(hint) + ".g.cs",
            InterfaceProblem(iface),
            RouteMethods(iface).Count());
    }

    /// <summary>The [ModelRoute] methods an interface declares itself, in declaration order.</summary>
    public static IEnumerable<IMethodSymbol> RouteMethods(INamedTypeSymbol iface) =>
        iface.GetMembers().OfType<IMethodSymbol>().Where(static m => HasRouteAttribute(m));

    private static bool HasRouteAttribute(ISymbol symbol) =>
        symbol.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == KnownNames.ModelRouteAttribute);

    /// <summary>Why the generator cannot implement the interface as a whole (FO011), or null when it can.</summary>
    public static string? InterfaceProblem(INamedTypeSymbol iface)
    {
        if (iface.Arity > 0)
        {
            return "it is generic; declare the routes on a non-generic interface";
        }

        for (var outer = iface.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.Arity > 0)
            {
                return $"it is nested in the generic type '{outer.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}'; declare the routes on a non-generic interface outside it";
            }
        }

        for (ISymbol? type = iface; type is INamedTypeSymbol named; type = named.ContainingType)
        {
            if (named.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                var which = SymbolEqualityComparer.Default.Equals(named, iface) ? "it is" : $"its containing type '{named.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}' is";
                return $"{which} {AccessibilityText(named.DeclaredAccessibility)}, so the generated client next to it cannot implement it; make it internal or public";
            }
        }

        return MemberProblem(iface, iface, declaredHere: true)
            ?? iface.AllInterfaces.Select(b => MemberProblem(iface, b, declaredHere: false)).FirstOrDefault(static p => p is not null);
    }

    private static string? MemberProblem(INamedTypeSymbol iface, INamedTypeSymbol owner, bool declaredHere)
    {
        var from = declaredHere ? string.Empty : $" (inherited from '{owner.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}')";
        foreach (var member in owner.GetMembers())
        {
            // Static members and members with a default implementation need nothing from the generated client.
            if (member.IsStatic || !member.IsAbstract || member is INamedTypeSymbol)
            {
                continue;
            }

            if (!declaredHere && iface.FindImplementationForInterfaceMember(member) is not null)
            {
                continue;
            }

            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } method when HasRouteAttribute(method):
                    if (!declaredHere)
                    {
                        return $"it inherits route method '{method.Name}'{from}; declare each route on one interface, and the routes of '{owner.Name}' get their own client";
                    }

                    break;
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                    return $"method '{method.Name}'{from} is not a [ModelRoute] method; make it a route, give it a default implementation, or move it to another interface";
                case IMethodSymbol:
                    break; // Accessors and other special methods belong to the property, event or indexer reported below.
                case IPropertySymbol { IsIndexer: true }:
                    return $"the indexer{from} is not a [ModelRoute] method; give it a default implementation or move it to another interface";
                case IPropertySymbol property:
                    return $"property '{property.Name}'{from} is not a [ModelRoute] method; give it a default implementation or move it to another interface";
                case IEventSymbol @event:
                    return $"event '{@event.Name}'{from} is not a [ModelRoute] method; move it to another interface";
                default:
                    return $"member '{member.Name}'{from} is not a [ModelRoute] method; move it to another interface";
            }
        }

        return null;
    }

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => accessibility.ToString().ToLowerInvariant(),
    };

    public static string DefaultRouteName(string interfaceName, string methodName)
    {
        var method = methodName.EndsWith("Async", StringComparison.Ordinal) && methodName.Length > 5 ? methodName.Substring(0, methodName.Length - 5) : methodName;
        return StripInterfacePrefix(interfaceName) + "." + method;
    }

    private static IEnumerable<string> ContainingTypeNames(INamedTypeSymbol type)
    {
        var names = new Stack<string>();
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
        {
            names.Push(t.Name);
        }

        return names;
    }

    private static string StripInterfacePrefix(string name) =>
        name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]) ? name.Substring(1) : name;

    private static string SanitizeHintName(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsLetterOrDigit(chars[i]) || chars[i] is '.' or '_' or '-'))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    private static bool CheckShape(IMethodSymbol method, string routeName, LocationInfo? location, List<DiagnosticInfo> diagnostics, out ReturnModel? returnModel)
    {
        returnModel = null;
        string? problem = null;
        if (method.IsGenericMethod)
        {
            problem = "generic methods are not supported; give the method concrete types";
        }
        else if (method.IsStatic || !method.IsAbstract)
        {
            problem = "the method has a body or is static; declare it as an abstract interface member and let Failover implement it";
        }
        else if (method.Parameters.FirstOrDefault(static p => p.RefKind != RefKind.None) is { } byRef)
        {
            problem = $"parameter '{byRef.Name}' is passed by reference ({byRef.RefKind.ToString().ToLowerInvariant()}); pass it by value";
        }
        else
        {
            returnModel = ReturnShapes.Read(method.ReturnType);
            if (returnModel is null)
            {
                problem = $"return type '{method.ReturnType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}' is not supported; use {ReturnShapes.SupportedList}";
            }
        }

        if (problem is null)
        {
            return true;
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMethodShape, location, routeName, problem));
        return false;
    }

    private static bool CheckModelId(ModelReference model, string routeName, List<DiagnosticInfo> diagnostics)
    {
        var id = model.Id;
        var slash = id.IndexOf('/');
        if (slash > 0 && slash < id.Length - 1 && id.Trim().Length == id.Length && id.IndexOf(' ') < 0)
        {
            return true;
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedModelId, model.Location, routeName, id));
        return false;
    }

    private static RetryModel ReadRetry(IMethodSymbol method, INamedTypeSymbol iface, string routeName, List<DiagnosticInfo> diagnostics, ref bool canGenerate)
    {
        var (attribute, source) = Find(method.GetAttributes(), KnownNames.RetryAttribute) is { } onMethod ? (onMethod, 1)
            : Find(iface.GetAttributes(), KnownNames.RetryAttribute) is { } onInterface ? (onInterface, 2)
            : Find(method.ContainingAssembly.GetAttributes(), KnownNames.RetryAttribute) is { } onAssembly ? (onAssembly, 3)
            : (null, 0);
        if (attribute is null)
        {
            return RetryModel.None;
        }

        int maxAttempts = 2, baseDelay = 200, maxDelay = 5000;
        bool jitter = true, retryInvalid = false;
        foreach (var named in attribute.NamedArguments)
        {
            switch (named.Key)
            {
                case "MaxAttempts" when named.Value.Value is int v: maxAttempts = v; break;
                case "BaseDelayMs" when named.Value.Value is int v: baseDelay = v; break;
                case "MaxDelayMs" when named.Value.Value is int v: maxDelay = v; break;
                case "Jitter" when named.Value.Value is bool v: jitter = v; break;
                case "RetryInvalidResponse" when named.Value.Value is bool v: retryInvalid = v; break;
            }
        }

        var location = LocationInfo.From(attribute.ApplicationSyntaxReference);
        var problem = maxAttempts < 1 ? $"[Retry] MaxAttempts is {maxAttempts}; it counts the first attempt, so it must be 1 or more"
            : maxAttempts > 10 ? $"[Retry] MaxAttempts is {maxAttempts}; more than 10 attempts on one model only delays the fallback, use 10 or fewer"
            : baseDelay < 0 ? $"[Retry] BaseDelayMs is {baseDelay}; it must be zero or more"
            : maxDelay < baseDelay ? $"[Retry] MaxDelayMs ({maxDelay}) is smaller than BaseDelayMs ({baseDelay}); raise MaxDelayMs"
            : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, location, routeName, problem));
            canGenerate = false;
        }

        return new RetryModel(source, maxAttempts, baseDelay, maxDelay, jitter, retryInvalid, location);
    }

    private static (int? Attempt, int? Total) ReadTimeouts(IMethodSymbol method, INamedTypeSymbol iface, RouteArguments route, string routeName, LocationInfo? location, List<DiagnosticInfo> diagnostics, ref bool canGenerate)
    {
        int? attempt = route.AttemptTimeoutMs > 0 ? route.AttemptTimeoutMs : null;
        int? total = route.TotalTimeoutMs > 0 ? route.TotalTimeoutMs : null;
        foreach (var attribute in new[] { Find(iface.GetAttributes(), KnownNames.RouteTimeoutAttribute), Find(method.ContainingAssembly.GetAttributes(), KnownNames.RouteTimeoutAttribute) })
        {
            if (attribute is null)
            {
                continue;
            }

            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "AttemptTimeoutMs" && named.Value.Value is int a && a > 0)
                {
                    attempt ??= a;
                }
                else if (named.Key == "TotalTimeoutMs" && named.Value.Value is int t && t > 0)
                {
                    total ??= t;
                }
            }
        }

        string? problem = route.AttemptTimeoutMs < 0 ? $"AttemptTimeoutMs is {route.AttemptTimeoutMs}; use a positive number of milliseconds, or 0 to inherit the default"
            : route.TotalTimeoutMs < 0 ? $"TotalTimeoutMs is {route.TotalTimeoutMs}; use a positive number of milliseconds, or 0 to inherit the default"
            : attempt is { } at && total is { } tt && tt < at ? $"TotalTimeoutMs ({tt}) is shorter than AttemptTimeoutMs ({at}), so no attempt could use its full timeout; raise TotalTimeoutMs"
            : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, location, routeName, problem));
            canGenerate = false;
        }

        return (attempt, total);
    }

    private static List<ParameterModel> ReadParameters(IMethodSymbol method, string routeName, List<DiagnosticInfo> diagnostics, ref bool canGenerate)
    {
        var parameters = new List<ParameterModel>();
        bool sawMessages = false, sawToken = false;
        foreach (var parameter in method.Parameters)
        {
            var type = parameter.Type;
            var role = ParameterRole.TemplateValue;
            if (type.ToDisplayString() == "System.Threading.CancellationToken")
            {
                role = ParameterRole.CancellationToken;
                if (sawToken)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMethodShape, LocationInfo.From(parameter.Locations.FirstOrDefault()), routeName, $"parameter '{parameter.Name}' is a second CancellationToken; keep one"));
                    canGenerate = false;
                }

                sawToken = true;
            }
            else if (IsMessageSequence(type))
            {
                role = ParameterRole.Messages;
                if (sawMessages)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMethodShape, LocationInfo.From(parameter.Locations.FirstOrDefault()), routeName, $"parameter '{parameter.Name}' is a second message list; pass one conversation"));
                    canGenerate = false;
                }

                sawMessages = true;
            }

            parameters.Add(new ParameterModel(
                parameter.Name,
                type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes)),
                role,
                type.SpecialType == SpecialType.System_String,
                parameter.HasExplicitDefaultValue,
                parameter.HasExplicitDefaultValue ? DefaultValueText(parameter) : null));
        }

        return parameters;
    }

    private static string DefaultValueText(IParameterSymbol parameter) => parameter.ExplicitDefaultValue switch
    {
        null => "default",
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        bool b => b ? "true" : "false",
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        var value when parameter.Type.TypeKind == TypeKind.Enum =>
            $"({parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}){SymbolDisplay.FormatPrimitive(value, quoteStrings: false, useHexadecimalNumbers: false)}",
        var value => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false) + LiteralSuffix(parameter.Type.SpecialType),
    };

    private static string LiteralSuffix(SpecialType type) => type switch
    {
        SpecialType.System_Single => "f",
        SpecialType.System_Double => "d",
        SpecialType.System_Decimal => "m",
        SpecialType.System_Int64 => "L",
        SpecialType.System_UInt32 => "u",
        SpecialType.System_UInt64 => "ul",
        _ => string.Empty,
    };

    private static bool IsMessageSequence(ITypeSymbol type)
    {
        static bool IsEnumerableOfMessages(ITypeSymbol t) =>
            t is INamedTypeSymbol { IsGenericType: true } named
            && named.ConstructedFrom.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
            && named.TypeArguments[0].ToDisplayString() == KnownNames.ChatMessage;

        return IsEnumerableOfMessages(type) || type.AllInterfaces.Any(IsEnumerableOfMessages);
    }

    private static TemplateModel? ReadTemplate(ISymbol symbol, string attributeName, string kind, string routeName, List<DiagnosticInfo> diagnostics, ref bool canGenerate)
    {
        var attribute = Find(symbol.GetAttributes(), attributeName);
        if (attribute is null || attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Value is not string text)
        {
            return null;
        }

        var location = LocationInfo.From(attribute.ApplicationSyntaxReference);
        var (segments, error) = TemplateParser.Parse(text);
        if (error is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedTemplate, location, kind, routeName, error));
            canGenerate = false;
            return null;
        }

        return new TemplateModel(text, segments, location);
    }

    private static bool CheckTemplates(IMethodSymbol method, string routeName, List<ParameterModel> parameters, TemplateModel? system, TemplateModel? prompt, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var ok = true;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (template, kind) in new[] { (system, "system prompt"), (prompt, "prompt") })
        {
            if (template is null)
            {
                continue;
            }

            foreach (var segment in template.Segments)
            {
                if (!segment.IsPlaceholder)
                {
                    continue;
                }

                var name = segment.Value.TrimStart('@');
                used.Add(name);
                if (!parameters.Any(p => p.Role is ParameterRole.TemplateValue or ParameterRole.CanaryKey && p.Name == name))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownPlaceholder, template.Location, kind, routeName, name));
                    ok = false;
                }
            }
        }

        foreach (var parameter in parameters)
        {
            if (parameter.Role == ParameterRole.TemplateValue && !used.Contains(parameter.Name))
            {
                var symbol = method.Parameters.FirstOrDefault(p => p.Name == parameter.Name);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnusedParameter, LocationInfo.From(symbol?.Locations.FirstOrDefault()), parameter.Name, routeName));
            }
        }

        if (prompt is null && !parameters.Any(static p => p.Role == ParameterRole.Messages))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoInput, location, routeName));
            ok = false;
        }

        return ok;
    }

    private static AttributeData? Find(IEnumerable<AttributeData> attributes, string name) =>
        attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == name);

    /// <summary>The named and positional arguments of a [ModelRoute].</summary>
    private sealed class RouteArguments
    {
        public string? Model { get; private set; }

        public string? Name { get; private set; }

        public int Tier { get; private set; }

        public string? Owner { get; private set; }

        public int Criticality { get; private set; } = DefaultCriticality;

        public int Requires { get; private set; }

        public int MinContextTokens { get; private set; }

        public string? Region { get; private set; }

        public int AttemptTimeoutMs { get; private set; }

        public int TotalTimeoutMs { get; private set; }

        public bool FallbackOnContentPolicy { get; private set; }

        public static RouteArguments Read(AttributeData attribute)
        {
            var args = new RouteArguments();
            if (attribute.ConstructorArguments.Length > 0)
            {
                args.Model = attribute.ConstructorArguments[0].Value as string;
            }

            foreach (var named in attribute.NamedArguments)
            {
                var value = named.Value.Value;
                switch (named.Key)
                {
                    case "Name" when value is string s && s.Trim().Length > 0: args.Name = s; break;
                    case "Tier" when value is int i: args.Tier = i; break;
                    case "Owner" when value is string s && s.Trim().Length > 0: args.Owner = s; break;
                    case "Criticality" when value is int i: args.Criticality = i; break;
                    case "Requires" when value is int i: args.Requires = i; break;
                    case "MinContextTokens" when value is int i: args.MinContextTokens = i; break;
                    case "Region" when value is string s && s.Trim().Length > 0: args.Region = s; break;
                    case "AttemptTimeoutMs" when value is int i: args.AttemptTimeoutMs = i; break;
                    case "TotalTimeoutMs" when value is int i: args.TotalTimeoutMs = i; break;
                    case "FallbackOnContentPolicy" when value is bool b: args.FallbackOnContentPolicy = b; break;
                }
            }

            return args;
        }
    }
}
