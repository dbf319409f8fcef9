using System;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>The result of one attempt as the retry pipeline sees it: a response, or a classified failure. Never thrown.</summary>
internal readonly struct AttemptOutcome
{
    private AttemptOutcome(ChatResponse? response, ClassifiedFailure failure, Exception? error)
    {
        Response = response;
        Failure = failure;
        Error = error;
    }

    public ChatResponse? Response { get; }

    public ClassifiedFailure Failure { get; }

    public Exception? Error { get; }

    public bool Succeeded => Failure.Kind == FailureKind.None;

    public static AttemptOutcome Success(ChatResponse response) => new(response, default, null);

    public static AttemptOutcome Failed(ClassifiedFailure failure, Exception error) => new(null, failure, error);
}
