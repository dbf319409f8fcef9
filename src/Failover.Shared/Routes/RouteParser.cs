using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
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
    private const int DefaultCriticality = (int)AttributeDefaults.RouteCriticality;

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

        if (iface.NameClash is not null
            && SymbolEqualityComparer.Default.Equals(RouteMethods(containingInterface).FirstOrDefault(), method))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.GeneratedNameTaken,
                LocationInfo.From(containingInterface.Locations.FirstOrDefault()),
                containingInterface.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                iface.NameClash.Split('|')[0],
                iface.NameClash.Split('|')[1]));
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
            if (KnownNames.Is(attribute.AttributeClass, KnownNames.FallbackAttribute) && attribute.AttributeConstructor is not null)
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
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, attributeLocation, routeName, $"MinContextTokens is {routeArgs.MinContextTokens}; use zero (no requirement) or the number of tokens the route needs"));
            canGenerate = false;
        }

        var parameters = ReadParameters(method, routeName, diagnostics, ref canGenerate);
        var (systemPrompt, prompt, promptVariants) = PromptTemplatesParser.Read(method, containingInterface, routeName, diagnostics, ref canGenerate);
        var features = RoutingFeaturesParser.Read(method, containingInterface, routeAttribute, routeName, returnModel, parameters, diagnostics, ref canGenerate);
        var routeModels = new List<ModelReference>(fallbacks.Count + 2) { primary };
        routeModels.AddRange(fallbacks);
        if (features?.CanaryModel is { } canaryModel)
        {
            routeModels.Add(canaryModel);
        }

        PromptTemplatesParser.CheckFamilies(promptVariants, routeModels, routeName, diagnostics);
        var stream = StreamSettingsParser.Read(method, containingInterface, routeAttribute, routeName, attributeLocation, diagnostics, ref canGenerate);
        var chatDefaults = ChatDefaultsParser.Read(method, containingInterface, routeName, returnModel, routeModels, diagnostics, ref canGenerate);

        // A malformed template already has its diagnostic; judging placeholders against half a template would only add noise.
        var templatesParsed = canGenerate || !diagnostics.Exists(static d => d.Descriptor.Id == DiagnosticIds.MalformedTemplate);
        if (templatesParsed)
        {
            canGenerate &= CheckTemplates(method, routeName, parameters, systemPrompt, prompt, promptVariants, methodLocation, diagnostics);
        }

        canGenerate &= CheckRouteArguments(routeArgs, routeName, attributeLocation, diagnostics);

        if (!canGenerate || returnModel is null || interfaceProblem is not null || iface.NameClash is not null)
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
            stream,
            promptVariants.ToEquatableArray(),
            chatDefaults);
        return new RouteParseResult(iface, route, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// The interface's model, computed once per interface symbol (symbols live as long as their compilation): every
    /// route method of the interface needs it, and the checks behind it look at every member of the interface and at
    /// every route interface of its namespace.
    /// </summary>
    public static InterfaceModel DescribeInterface(INamedTypeSymbol iface) => Interfaces.GetValue(iface, DescribeUncached);

    private static readonly ConditionalWeakTable<INamedTypeSymbol, InterfaceModel> Interfaces = new();

    private static InterfaceModel DescribeUncached(INamedTypeSymbol iface)
    {
        var ns = iface.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString(NamespaceFormat) : string.Empty;
        var (clientName, routesName) = GeneratedNames(iface);
        var isPublic = true;
        for (var type = iface; type is not null; type = type.ContainingType)
        {
            isPublic &= type.DeclaredAccessibility == Accessibility.Public;
        }

        var fullName = iface.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var outer = iface.ContainingType is null ? string.Empty : string.Join("_", ContainingTypeNames(iface)) + "_";
        var hint = (ns.Length == 0 ? string.Empty : ns + ".") + outer + iface.Name + (iface.Arity > 0 ? "`" + iface.Arity : string.Empty);
        return new InterfaceModel(
            ns,
            iface.Name,
            fullName,
            isPublic,
            clientName,
            routesName,
            SanitizeHintName(hint) + ".g.cs",
            InterfaceProblem(iface),
            RouteMethods(iface).Count(),
            NameClash(iface, clientName, routesName));
    }

    private static readonly SymbolDisplayFormat NamespaceFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>The names of the client class and the route table generated beside the interface, in its namespace.</summary>
    internal static (string Client, string Routes) GeneratedNames(INamedTypeSymbol iface)
    {
        var outer = iface.ContainingType is null ? string.Empty : string.Join("_", ContainingTypeNames(iface)) + "_";
        var baseName = outer + StripInterfacePrefix(iface.Name);
        return (baseName + "FailoverClient", baseName + "Routes");
    }

    /// <summary>
    /// "name|what it clashes with" when a generated type would collide (CS0101) with a type or namespace of the same
    /// assembly, or with what another route interface of the namespace generates; null when both names are free.
    /// </summary>
    private static string? NameClash(INamedTypeSymbol iface, string clientName, string routesName)
    {
        var ns = iface.ContainingNamespace;
        if (ns is null)
        {
            return null;
        }

        foreach (var name in new[] { routesName, clientName })
        {
            // The analyzers see the compilation with the generated code in it: the generator's own types are no clash.
            var existing = ns.GetTypeMembers(name).FirstOrDefault(t => SymbolEqualityComparer.Default.Equals(t.ContainingAssembly, iface.ContainingAssembly) && !IsGeneratedByFailover(t));
            if (existing is not null)
            {
                return $"{name}|the existing type '{existing.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}'";
            }

            if (ns.GetNamespaceMembers().Any(m => m.Name == name))
            {
                return $"{name}|the namespace of the same name";
            }
        }

        foreach (var name in new[] { routesName, clientName })
        {
            if (GeneratedTypes.Of(ns).TryGetValue(name, out var generators)
                && generators.FirstOrDefault(other => !SymbolEqualityComparer.Default.Equals(other, iface)) is { } other)
            {
                return $"{name}|what interface '{other.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}' generates";
            }
        }

        return null;
    }

    /// <summary>The interfaces with [ModelRoute] methods declared in <paramref name="ns"/> itself, nested ones included.</summary>
    internal static IEnumerable<INamedTypeSymbol> RouteInterfaces(INamespaceSymbol ns)
    {
        var pending = new Stack<INamedTypeSymbol>(ns.GetTypeMembers().Where(static t => t.Locations.Any(static l => l.IsInSource)));
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            foreach (var nested in type.GetTypeMembers())
            {
                pending.Push(nested);
            }

            if (type.TypeKind == TypeKind.Interface && RouteMethods(type).Any())
            {
                yield return type;
            }
        }
    }

    private static bool IsGeneratedByFailover(INamedTypeSymbol type) =>
        type.GetAttributes().Any(static a =>
            KnownNames.Is(a.AttributeClass, "System.CodeDom.Compiler.GeneratedCodeAttribute")
            && a.ConstructorArguments.Length > 0
            && a.ConstructorArguments[0].Value as string == "Failover");

    /// <summary>The [ModelRoute] methods an interface declares itself, in declaration order.</summary>
    public static IEnumerable<IMethodSymbol> RouteMethods(INamedTypeSymbol iface) =>
        iface.GetMembers().OfType<IMethodSymbol>().Where(static m => HasRouteAttribute(m));

    private static bool HasRouteAttribute(ISymbol symbol) =>
        symbol.GetAttributes().Any(static a => KnownNames.Is(a.AttributeClass, KnownNames.ModelRouteAttribute));

    /// <summary>Why the generator cannot implement the interface as a whole (FO011), or null when it can.</summary>
    public static string? InterfaceProblem(INamedTypeSymbol iface)
    {
        if (iface.IsFileLocal)
        {
            return "it is a file-local ('file') type, which the generated client in another file cannot see; make it internal or public";
        }

        if (iface.Arity > 0)
        {
            return "it is generic; declare the routes on a non-generic interface";
        }

        if (iface.DeclaringSyntaxReferences.Length > 1
            && iface.DeclaringSyntaxReferences.Any(static r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax t && !t.Modifiers.Any(SyntaxKind.PartialKeyword)))
        {
            return "it is declared more than once without 'partial'; keep one declaration, or mark every declaration partial";
        }

        var signatures = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in iface.GetMembers().OfType<IMethodSymbol>().Where(static m => m.MethodKind == MethodKind.Ordinary))
        {
            if (!signatures.Add(method.Name + "(" + string.Join(",", method.Parameters.Select(static p => p.RefKind + " " + p.Type.ToDisplayString())) + ")"))
            {
                return $"it declares method '{method.Name}' twice with the same parameters; remove or rename one";
            }
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
            if (member.IsStatic && member.IsAbstract)
            {
                return $"'{member.Name}'{from} is a static abstract member, so the interface cannot be used as a type argument to register its client; move the member to another interface";
            }

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
        else if (HasErrorType(method.ReturnType) || method.Parameters.Any(static p => HasErrorType(p.Type)))
        {
            // The compiler already reports the unknown type; a client written against it would only repeat the error.
            return false;
        }
        else if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            problem = "it returns by reference; return the Task, ValueTask or IAsyncEnumerable by value";
        }
        else if (method.IsVararg)
        {
            problem = "it takes __arglist; declare each value as a parameter";
        }
        else if (method.Parameters.FirstOrDefault(static p => p.RefKind != RefKind.None) is { } byRef)
        {
            problem = $"parameter '{byRef.Name}' is passed by reference ({byRef.RefKind.ToString().ToLowerInvariant()}); pass it by value";
        }
        else if (method.Parameters.FirstOrDefault(static p => p.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer) is { } pointer)
        {
            problem = $"parameter '{pointer.Name}' is a pointer ('{pointer.Type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}'), which an asynchronous route cannot hold; pass the value or a string";
        }
        else if (method.Parameters.FirstOrDefault(static p => p.Type.IsRefLikeType) is { } refLike)
        {
            problem = $"parameter '{refLike.Name}' is a ref struct ('{refLike.Type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}'), which an asynchronous route cannot hold; pass a string (or another ordinary type) instead";
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

    /// <summary>Whether <paramref name="id"/> is of the form provider/model, with no blank, line break or control character.</summary>
    public static bool IsWellFormedModelId(string id)
    {
        var slash = id.IndexOf('/');
        return slash > 0 && slash < id.Length - 1 && !id.Any(static c => char.IsWhiteSpace(c) || char.IsControl(c) || IsInvisible(c));
    }

    private static bool IsInvisible(char c) =>
        char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator
            or System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.OtherNotAssigned;

    private static bool HasErrorType(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol => true,
        IArrayTypeSymbol array => HasErrorType(array.ElementType),
        IPointerTypeSymbol pointer => HasErrorType(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.Any(HasErrorType),
        _ => false,
    };

    /// <summary>Names and enum values the generated route table would carry wrongly: a line break in a name, an undefined tier.</summary>
    private static bool CheckRouteArguments(RouteArguments args, string routeName, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var problem = args.Name is { } name && name.Any(static c => char.IsControl(c) || IsInvisible(c))
                ? "Name contains a line break, control or invisible character, which would break logs, metrics and traces that carry it; use a single-line name of visible characters"
            : !RouteEnumNames.IsTier(args.Tier)
                ? $"Tier is {args.Tier}, which is not a RouteTier value; use one of {RouteEnumNames.TierList}"
            : !RouteEnumNames.IsCriticality(args.Criticality)
                ? $"Criticality is {args.Criticality}, which is not a Criticality value; use one of {RouteEnumNames.CriticalityList}"
            : !RouteEnumNames.IsCapabilities(args.Requires)
                ? $"Requires is {args.Requires}, which is not a combination of Capabilities flags; use {RouteEnumNames.CapabilitiesList}, combined with |"
            : null;
        if (problem is null)
        {
            return true;
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, location, routeName.Any(static c => char.IsControl(c) || IsInvisible(c)) ? SafeName(routeName) : routeName, problem));
        return false;
    }

    private static string SafeName(string name) => new(name.Select(static c => char.IsControl(c) || IsInvisible(c) ? ' ' : c).ToArray());

    private static bool CheckModelId(ModelReference model, string routeName, List<DiagnosticInfo> diagnostics)
    {
        if (IsWellFormedModelId(model.Id))
        {
            return true;
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedModelId, model.Location, routeName, model.Id));
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

        int maxAttempts = AttributeDefaults.RetryMaxAttempts, baseDelay = AttributeDefaults.RetryBaseDelayMs, maxDelay = AttributeDefaults.RetryMaxDelayMs;
        bool jitter = AttributeDefaults.RetryJitter, retryInvalid = false;
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
        var inRange = AttributeRangeChecks.Check(attribute, "Retry", location, routeName, diagnostics);
        var problem = inRange && maxDelay < baseDelay ? $"[Retry] MaxDelayMs ({maxDelay}) is smaller than BaseDelayMs ({baseDelay}); raise MaxDelayMs" : null;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAttributeValue, location, routeName, problem));
        }

        canGenerate &= inRange && problem is null;

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

        // Every timeout on the route and on the [RouteTimeout] it inherits is in Polly's range (FO008 with the range).
        var inRange = Find(method.GetAttributes(), KnownNames.ModelRouteAttribute) is not { } routeAttribute
            || AttributeRangeChecks.Check(routeAttribute, "ModelRoute", location, routeName, diagnostics);
        foreach (var inherited in new[] { Find(iface.GetAttributes(), KnownNames.RouteTimeoutAttribute), Find(method.ContainingAssembly.GetAttributes(), KnownNames.RouteTimeoutAttribute) })
        {
            inRange &= inherited is null || AttributeRangeChecks.Check(inherited, "RouteTimeout", LocationInfo.From(inherited.ApplicationSyntaxReference) ?? location, routeName, diagnostics);
        }

        canGenerate &= inRange;
        string? problem = !inRange ? null
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
        bool sawMessages = false, sawToken = false, sawChatOptions = false;
        foreach (var parameter in method.Parameters)
        {
            var type = parameter.Type;
            var role = ParameterRole.TemplateValue;
            if (KnownNames.Is(type, "System.Threading.CancellationToken"))
            {
                role = ParameterRole.CancellationToken;
                if (sawToken)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMethodShape, LocationInfo.From(parameter.Locations.FirstOrDefault()), routeName, $"parameter '{parameter.Name}' is a second CancellationToken; keep one"));
                    canGenerate = false;
                }

                sawToken = true;
            }
            else if (type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == "global::Microsoft.Extensions.AI.ChatOptions")
            {
                role = ParameterRole.ChatOptions;
                if (sawChatOptions)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMethodShape, LocationInfo.From(parameter.Locations.FirstOrDefault()), routeName, $"parameter '{parameter.Name}' is a second ChatOptions; keep one"));
                    canGenerate = false;
                }

                sawChatOptions = true;
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

    private static string DefaultValueText(IParameterSymbol parameter)
    {
        var type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : parameter.Type;
        return parameter.ExplicitDefaultValue switch
        {
            null => "default",
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            bool b => b ? "true" : "false",
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            double d when double.IsNaN(d) || double.IsInfinity(d) => "double." + (double.IsNaN(d) ? "NaN" : d > 0 ? "PositiveInfinity" : "NegativeInfinity"),
            float f when float.IsNaN(f) || float.IsInfinity(f) => "float." + (float.IsNaN(f) ? "NaN" : f > 0 ? "PositiveInfinity" : "NegativeInfinity"),
            var value when type.TypeKind == TypeKind.Enum =>
                $"({type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})({SymbolDisplay.FormatPrimitive(value, quoteStrings: false, useHexadecimalNumbers: false)})",
            var value => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false) + LiteralSuffix(type.SpecialType),
        };
    }

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
            && KnownNames.Is(named.TypeArguments[0], KnownNames.ChatMessage);

        return IsEnumerableOfMessages(type) || type.AllInterfaces.Any(IsEnumerableOfMessages);
    }

    private static bool CheckTemplates(IMethodSymbol method, string routeName, List<ParameterModel> parameters, TemplateModel? system, TemplateModel? prompt, List<PromptVariantModel> variants, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var ok = true;
        var used = new HashSet<string>(StringComparer.Ordinal);

        // Every per-family template is held to the same placeholder rules as the defaults; a parameter one family's
        // template uses is used.
        var templates = new List<(TemplateModel?, string)> { (system, "system prompt"), (prompt, "prompt") };
        foreach (var variant in variants)
        {
            templates.Add((variant.SystemPrompt, $"system prompt for '{variant.For}'"));
            templates.Add((variant.Prompt, $"prompt for '{variant.For}'"));
        }

        foreach (var (template, kind) in templates)
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
        attributes.FirstOrDefault(a => KnownNames.Is(a.AttributeClass, name));

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
