using System;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// The readers generated clients pass to <see cref="FailoverEngine.RunAsync{T}(RouteDescriptor, System.Collections.Generic.IList{ChatMessage}, Func{ChatResponse, T}, System.Threading.CancellationToken)"/>. A reader that throws turns the
/// attempt into an <see cref="FailureKind.InvalidResponse"/> and the route moves on.
/// </summary>
public static class ResponseReaders
{
    /// <summary>Reads the response text; a response with no text is invalid.</summary>
    public static Func<ChatResponse, string> Text { get; } = static response =>
    {
        var text = response.Text;
        return string.IsNullOrEmpty(text)
            ? throw new ProviderException(FailureKind.InvalidResponse, "The model returned no text.")
            : text;
    };

    /// <summary>Returns the response as it is; a response with no message at all is invalid.</summary>
    public static Func<ChatResponse, ChatResponse> Response { get; } = static response =>
        response.Messages.Count == 0
            ? throw new ProviderException(FailureKind.InvalidResponse, "The model returned no message.")
            : response;
}
