using System;

namespace Failover.Testing;

/// <summary>The wire format a simulated request arrived in.</summary>
public enum SimulatedProvider
{
    /// <summary>OpenAI Chat Completions (and the models list).</summary>
    OpenAI,

    /// <summary>Anthropic Messages.</summary>
    Anthropic,

    /// <summary>Google Gemini generateContent.</summary>
    Gemini,
}

/// <summary>An endpoint of the simulator, for per-endpoint request counts.</summary>
public enum SimulatorEndpoint
{
    /// <summary><c>POST /openai/v1/chat/completions</c>.</summary>
    OpenAIChatCompletions,

    /// <summary><c>GET /openai/v1/models</c>.</summary>
    OpenAIModels,

    /// <summary><c>POST /anthropic/v1/messages</c>.</summary>
    AnthropicMessages,

    /// <summary><c>POST /gemini/v1beta/models/{model}:generateContent</c>.</summary>
    GeminiGenerateContent,

    /// <summary><c>POST /gemini/v1beta/models/{model}:streamGenerateContent</c>.</summary>
    GeminiStreamGenerateContent,

    /// <summary><c>GET /anthropic/v1/models</c>.</summary>
    AnthropicModels,

    /// <summary><c>GET /gemini/v1beta/models</c>.</summary>
    GeminiModels,
}

/// <summary>
/// A request the simulator received. Headers are deliberately not recorded, so an API key
/// can never leak through a test's assertion message or log.
/// </summary>
public sealed class SimulatedRequest
{
    internal SimulatedRequest(SimulatorEndpoint endpoint, string? model, string body, bool isStreaming, DateTimeOffset receivedAt)
    {
        Endpoint = endpoint;
        Model = model;
        Body = body;
        IsStreaming = isStreaming;
        ReceivedAt = receivedAt;
    }

    /// <summary>The endpoint that received the request.</summary>
    public SimulatorEndpoint Endpoint { get; }

    /// <summary>The wire format of the endpoint.</summary>
    public SimulatedProvider Provider => Endpoint switch
    {
        SimulatorEndpoint.AnthropicMessages => SimulatedProvider.Anthropic,
        SimulatorEndpoint.GeminiGenerateContent or SimulatorEndpoint.GeminiStreamGenerateContent => SimulatedProvider.Gemini,
        _ => SimulatedProvider.OpenAI,
    };

    /// <summary>The model name the request named (body <c>model</c>, or the Gemini URL segment); null when absent or unreadable.</summary>
    public string? Model { get; }

    /// <summary>The raw request body as received (empty for GET requests).</summary>
    public string Body { get; }

    /// <summary>Whether the request asked for a streamed (SSE) answer.</summary>
    public bool IsStreaming { get; }

    /// <summary>When the request arrived, read from the simulator's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Endpoint} {Model ?? "(no model)"}{(IsStreaming ? " stream" : string.Empty)}";
}
