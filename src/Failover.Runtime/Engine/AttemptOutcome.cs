using System;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// The result of one attempt as the retry pipeline sees it: a response, or a classified failure. Never thrown.
/// Two references wide on purpose: Polly and the async state machines copy it at every layer, and a wide struct
/// of references costs a write-barrier copy each time. A failure's details live in one object of their own.
/// </summary>
internal readonly struct AttemptOutcome
{
    private readonly ChatResponse? _response;
    private readonly object? _valueOrFailure;

    private AttemptOutcome(ChatResponse? response, object? valueOrFailure)
    {
        _response = response;
        _valueOrFailure = valueOrFailure;
    }

    public ChatResponse? Response => _response;

    /// <summary>What the route's reader made of the response (boxed), or a stream opened by a streaming attempt.</summary>
    public object? Value => _valueOrFailure is AttemptFailure ? null : _valueOrFailure;

    public ClassifiedFailure Failure => (_valueOrFailure as AttemptFailure)?.Failure ?? default;

    public Exception? Error => (_valueOrFailure as AttemptFailure)?.Error;

    public bool Succeeded => _valueOrFailure is not AttemptFailure;

    public static AttemptOutcome Success(ChatResponse? response, object? value) => new(response, value);

    public static AttemptOutcome Failed(ClassifiedFailure failure, Exception error) => new(null, new AttemptFailure(failure, error));

    private sealed class AttemptFailure(ClassifiedFailure failure, Exception error)
    {
        public ClassifiedFailure Failure { get; } = failure;

        public Exception Error { get; } = error;
    }
}
