using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// One streamed Gemini answer for <see cref="GeminiChatClient"/>: every event is a whole chunk, usage comes with the
/// chunk that carries the <c>finishReason</c>, which completes the answer (Gemini sends no end marker after it).
/// </summary>
internal sealed class GeminiStreamReader : ChatStreamReader
{
    private readonly ProviderTransport _transport;
    private readonly string _model;

    public GeminiStreamReader(ProviderTransport transport, string model)
    {
        _transport = transport;
        _model = model;
    }

    public override string IncompleteMessage => "ended its event stream before a finishReason: the answer is cut off";

    public override ChatResponseUpdate? Read(JsonElement root, string eventType)
    {
        if (_transport.ErrorFromBody(root, 200, _model, null, "mid-stream") is { } error)
        {
            throw error;
        }

        var chunk = GeminiResponseReader.ParseChunk(_transport, root, _model, requireCandidate: false);
        var update = new ChatResponseUpdate(ChatRole.Assistant, chunk.Contents)
        {
            ResponseId = chunk.ResponseId,
            MessageId = chunk.ResponseId,
            ModelId = chunk.ModelId,
            FinishReason = ProviderJson.FinishReason(chunk.FinishReason),
        };
        if (chunk.FinishReason is not null)
        {
            Completed = true;
            Stopped = true;
            if (chunk.Usage is { } usage)
            {
                update.Contents.Add(new UsageContent(usage));
            }
        }

        return update.Contents.Count > 0 || update.FinishReason is not null ? update : null;
    }
}
