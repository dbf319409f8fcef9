using System;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>The result of one attempt as the retry pipeline sees it: a response, or a classified failure. Never thrown.</summary>
internal readonly struct AttemptOutcome
{
    private AttemptOutcome(ChatResponse? response, object? value, ClassifiedFailure failure, Exception? error)
    {
        Response = response;
        Value = value;
        Failure = failure;
        Error = error;
    }

    public ChatResponse? Response { get; }

    /// <summary>What the route's reader made of the response (boxed), or a stream opened by a streaming attempt.</summary>
    public object? Value { get; }

    public ClassifiedFailure Failure { get; }

    public Exception? Error { get; }

    public bool Succeeded => Failure.Kind == FailureKind.None;

    public static AttemptOutcome Success(ChatResponse? response, object? value) => new(response, value, default, null);

    public static AttemptOutcome Failed(ClassifiedFailure failure, Exception error) => new(null, null, failure, error);
}
