using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Failover.Testing.Tests;

/// <summary>Hand-written requests in each provider's wire format, sent with a plain HttpClient.</summary>
internal static class Raw
{
    public const string Key = "sk-test-secret-key-0123456789";

    public static HttpClient Client() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(30) };

    public static HttpRequestMessage OpenAI(ProviderSimulator sim, string model, string text = "Hello there", bool stream = false, Action<JsonObject>? edit = null)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "Be brief." }, new JsonObject { ["role"] = "user", ["content"] = text }),
        };
        if (stream)
        {
            body["stream"] = true;
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        edit?.Invoke(body);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.OpenAIBaseUrl, "chat/completions")) { Content = Json(body) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
        return request;
    }

    public static HttpRequestMessage Anthropic(ProviderSimulator sim, string model, string text = "Hello there", bool stream = false, Action<JsonObject>? edit = null)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = 1024,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
        };
        if (stream)
        {
            body["stream"] = true;
        }

        edit?.Invoke(body);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.AnthropicBaseUrl, "v1/messages")) { Content = Json(body) };
        request.Headers.TryAddWithoutValidation("x-api-key", Key);
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        return request;
    }

    public static HttpRequestMessage Gemini(ProviderSimulator sim, string model, string text = "Hello there", bool stream = false, Action<JsonObject>? edit = null, bool keyInQuery = false)
    {
        var body = new JsonObject
        {
            ["contents"] = new JsonArray(new JsonObject { ["role"] = "user", ["parts"] = new JsonArray(new JsonObject { ["text"] = text }) }),
        };
        edit?.Invoke(body);
        var path = $"v1beta/models/{model}:" + (stream ? "streamGenerateContent?alt=sse" : "generateContent");
        if (keyInQuery)
        {
            path += (stream ? "&" : "?") + "key=" + Key;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.GeminiBaseUrl, path)) { Content = Json(body) };
        if (!keyInQuery)
        {
            request.Headers.TryAddWithoutValidation("x-goog-api-key", Key);
        }

        return request;
    }

    public static HttpRequestMessage For(SimulatedProvider provider, ProviderSimulator sim, string model, bool stream = false) => provider switch
    {
        SimulatedProvider.OpenAI => OpenAI(sim, model, stream: stream),
        SimulatedProvider.Anthropic => Anthropic(sim, model, stream: stream),
        _ => Gemini(sim, model, stream: stream),
    };

    public static async Task<(HttpResponseMessage Response, JsonNode? Json, string Text)> SendAsync(ProviderSimulator sim, HttpRequestMessage request)
    {
        using var client = Client();
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null;
        }
        catch (JsonException)
        {
        }

        return (response, json, text);
    }

    /// <summary>Reads an SSE body into (event name, data) pairs; a trailing partial event is returned with name "(partial)".</summary>
    public static List<(string? Event, string Data)> Sse(string text)
    {
        var events = new List<(string?, string)>();
        var blocks = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n");
        for (var i = 0; i < blocks.Length; i++)
        {
            var block = blocks[i];
            if (block.Length == 0)
            {
                continue;
            }

            string? name = null;
            var data = new StringBuilder();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line["data: ".Length..]);
                }
            }

            events.Add((i == blocks.Length - 1 ? "(partial)" : name, data.ToString()));
        }

        return events;
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
