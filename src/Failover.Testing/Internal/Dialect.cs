using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;

namespace Failover.Testing.Internal;

/// <summary>One provider's wire format: request parsing, success bodies, stream events and error bodies.</summary>
internal abstract class Dialect
{
    /// <summary>The provider this dialect speaks for.</summary>
    public abstract SimulatedProvider Provider { get; }

    /// <summary>The line ending between SSE fields (Gemini uses CRLF).</summary>
    public virtual string Eol => "\n";

    /// <summary>The content type of a streamed answer.</summary>
    public virtual string StreamContentType(ParsedRequest request) => "text/event-stream; charset=utf-8";

    /// <summary>Checks the credentials headers; an error answer when they are missing. Never echoes a header value.</summary>
    public abstract ErrorAnswer? CheckAuth(HttpRequest request, ParsedRequest parsed, DateTimeOffset now);

    /// <summary>Reads the body (and, for Gemini, the URL model and query).</summary>
    public abstract ParsedRequest Parse(string body, string? pathModel, HttpRequest request);

    /// <summary>The non-streamed success body.</summary>
    public abstract string JsonBody(ParsedRequest request, Reply reply);

    /// <summary>The streamed success answer as complete SSE events (each one a "chunk").</summary>
    public abstract List<string> StreamEvents(ParsedRequest request, Reply reply);

    /// <summary>The provider's answer to an error behaviour.</summary>
    public abstract ErrorAnswer Error(SimulatedBehavior behavior, ParsedRequest request, int contextWindow, DateTimeOffset now);

    /// <summary>Headers sent with every answer (request ids).</summary>
    public abstract IEnumerable<KeyValuePair<string, string>> CommonHeaders();

    /// <summary>SSE events whose data is not JSON.</summary>
    public abstract List<string> MalformedStreamEvents(ParsedRequest request);

    /// <summary>How many events of <see cref="StreamEvents"/> come before the first content (role chunk, message_start...).</summary>
    public abstract int LeadingEvents { get; }

    /// <summary>How many events at the end of <see cref="StreamEvents"/> carry or follow the finish marker.</summary>
    public abstract int TrailingEvents(ParsedRequest request);

    /// <summary>How many events at the end of <see cref="StreamEvents"/> are the end marker after the finish (<c>[DONE]</c>, <c>message_stop</c>).</summary>
    public abstract int EndMarkerEvents { get; }

    /// <summary>One event whose data is not JSON, shaped like a content event of this provider.</summary>
    public abstract string MalformedEvent(ParsedRequest request);

    /// <summary>One content event carrying <paramref name="text"/>; <paramref name="first"/> when nothing was framed before it.</summary>
    public abstract string ContentEvent(ParsedRequest request, string text, bool first);

    /// <summary>Formats one SSE event.</summary>
    protected string Event(string? name, string data) =>
        (name is null ? string.Empty : "event: " + name + Eol) + "data: " + data + Eol + Eol;
}
