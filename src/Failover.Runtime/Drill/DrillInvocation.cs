using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// Calls a route's method on its generated client with sample arguments, so the probe goes through everything a real
/// call does: the prompt template, the engine's chain walk, structured-output parsing and streaming.
/// </summary>
internal static class DrillInvocation
{
    /// <summary>What one call produced: the chunks of a stream (null for other routes).</summary>
    public readonly record struct Outcome(int? Chunks);

    public static MethodInfo? FindMethod([DynamicallyAccessedMembers(FailoverClientRegistry.DrillMembers)] Type contract, RouteDescriptor route)
    {
        foreach (var method in contract.GetMethods())
        {
            if (method.Name == route.Method)
            {
                return method;
            }
        }

        foreach (var inherited in contract.GetInterfaces())
        {
            if (FindInherited(inherited, route) is { } method)
            {
                return method;
            }
        }

        return null;
    }

    public static bool IsStream(MethodInfo method) =>
        method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>);

    public static async Task<Outcome> InvokeAsync(object client, MethodInfo method, RouteDescriptor route, IDictionary<string, object?>? given, CancellationToken cancellationToken)
    {
        var parameters = method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = given is not null && parameters[i].Name is { } name && given.TryGetValue(name, out var value)
                ? value
                : Sample(parameters[i], route, cancellationToken);
        }

        object? result;
        try
        {
            result = method.Invoke(client, arguments);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error.InnerException).Throw();
            throw;
        }

        switch (result)
        {
            case Task task:
                await task.ConfigureAwait(false);
                return new Outcome(null);
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return new Outcome(null);
            case IAsyncEnumerable<object> stream:
                var chunks = 0;
                await foreach (var chunk in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    chunks++;
                }

                return new Outcome(chunks);
            case null:
                throw new InvalidOperationException($"The generated method {route.Interface}.{route.Method} returned null.");
            default:
                await AsTask(result, route).ConfigureAwait(false);
                return new Outcome(null);
        }
    }

    /// <summary>A <c>ValueTask&lt;T&gt;</c>, boxed: its <c>AsTask</c> is found by name because T is not known here.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "ValueTask<T>.AsTask is public API of a BCL type; when the trimmer removed it the probe reports a clear failure instead of calling it.")]
    private static Task AsTask(object result, RouteDescriptor route)
    {
        var type = result.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>)
            && type.GetMethod(nameof(ValueTask<int>.AsTask), Type.EmptyTypes)?.Invoke(result, null) is Task task)
        {
            return task;
        }

        throw new NotSupportedException(
            $"The drill cannot await the result type {type.Name} of {route.Interface}.{route.Method}; give the route a probe with DrillOptions.Probe.");
    }

    private static object? Sample(ParameterInfo parameter, RouteDescriptor route, CancellationToken cancellationToken)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (type == typeof(string))
        {
            return $"This is a failover drill probe for route {route.Name} (sample {parameter.Name}). Please answer briefly.";
        }

        if (type.IsAssignableFrom(typeof(List<ChatMessage>)))
        {
            return new List<ChatMessage> { new(ChatRole.User, $"This is a failover drill probe for route {route.Name}. Please answer briefly.") };
        }

        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        return type.IsValueType ? ValueDefault(type) : null;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "A value type always has its implicit parameterless constructor.")]
    private static object? ValueDefault(Type type) => Activator.CreateInstance(type);

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Inherited interfaces of a registered interface are kept with it (DynamicallyAccessedMemberTypes.Interfaces); a method removed by the trimmer is reported as not found.")]
    private static MethodInfo? FindInherited(Type contract, RouteDescriptor route) =>
        contract.GetMethods().FirstOrDefault(m => m.Name == route.Method);
}
