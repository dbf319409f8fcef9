using System;
using System.Text.Json;

namespace Failover;

/// <summary>
/// One server-sent event as <see cref="HttpChatClient"/> reads it: its <c>event:</c> name (<c>message</c> when absent)
/// and its data, already parsed. <see cref="Json"/> is null when the data is not a JSON object (a malformed event);
/// <see cref="IsEndMarker"/> is true for a non-JSON end marker such as OpenAI's <c>[DONE]</c>.
/// </summary>
internal readonly record struct ServerSentEvent(string Event, JsonDocument? Json, bool IsEndMarker) : IDisposable
{
    /// <summary>Parses one event's UTF-8 data; the parser of <c>SseParser</c>, so the data is read once, in place.</summary>
    public static ServerSentEvent Parse(string eventType, ReadOnlySpan<byte> data, ChatStreamReader reader)
    {
        if (reader.IsEndMarker(data))
        {
            return new ServerSentEvent(eventType, null, IsEndMarker: true);
        }

        try
        {
            var json = new Utf8JsonReader(data, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            var document = JsonDocument.ParseValue(ref json);
            if (document.RootElement.ValueKind != JsonValueKind.Object || json.Read())
            {
                // A bare value, an array, or a second value after the first: not an event any provider sends.
                document.Dispose();
                return new ServerSentEvent(eventType, null, IsEndMarker: false);
            }

            return new ServerSentEvent(eventType, document, IsEndMarker: false);
        }
        catch (JsonException)
        {
            return new ServerSentEvent(eventType, null, IsEndMarker: false);
        }
    }

    /// <summary>Returns the parsed document's pooled memory.</summary>
    public void Dispose() => Json?.Dispose();
}
