using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Failover.Providers.Tests;

public sealed class RequestShapeTests
{
    private static readonly JsonElement s_schema = JsonDocument.Parse("""
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
         "properties":{"category":{"type":"string","enum":["billing","bug","other"]},"note":{"type":["string","null"]}},
         "required":["category","note"],"additionalProperties":false}
        """).RootElement;

    private static AIFunction Weather() => AIFunctionFactory.Create(
        (string location) => "sunny", "get_weather", "Gets the weather for a location.");

    private static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.System, "You are terse."),
        new(ChatRole.User, "Classify: my card was charged twice"),
    ];

    [Fact]
    public async Task OpenAI_sends_model_messages_options_schema_and_tools_with_bearer_key()
    {
        var handler = new FakeHandler().Json(200, Recorded.OpenAIText);
        var client = Clients.OpenAI(handler);
        var options = new ChatOptions
        {
            ModelId = "gpt-5-mini",
            Temperature = 0.2f,
            MaxOutputTokens = 300,
            StopSequences = ["END"],
            ResponseFormat = ChatResponseFormat.ForJsonSchema(s_schema, "ticket", "A ticket category"),
            Tools = [Weather()],
        };

        await client.GetResponseAsync(Conversation(), options);

        var request = handler.Last;
        Assert.Equal("http://127.0.0.1:5999/base/chat/completions", request.Uri.ToString());
        Assert.Equal("Bearer " + Clients.OpenAIKey, request.Header("Authorization"));
        var body = request.Json;
        Assert.Equal("gpt-5-mini", body.GetProperty("model").GetString());
        var messages = body.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("You are terse.", messages[0].GetProperty("content").GetString());
        Assert.Equal("user", messages[1].GetProperty("role").GetString());
        Assert.Equal(0.2, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(300, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("END", body.GetProperty("stop")[0].GetString());
        var format = body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("ticket", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
        Assert.Equal("object", format.GetProperty("json_schema").GetProperty("schema").GetProperty("type").GetString());
        var tool = body.GetProperty("tools")[0];
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("get_weather", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Gets the weather for a location.", tool.GetProperty("function").GetProperty("description").GetString());
        Assert.True(tool.GetProperty("function").GetProperty("parameters").GetProperty("properties").TryGetProperty("location", out _));
        Assert.False(body.TryGetProperty("stream", out _));
    }

    [Fact]
    public async Task OpenAI_json_mode_without_schema_is_json_object()
    {
        var handler = new FakeHandler().Json(200, Recorded.OpenAIText);
        await Clients.OpenAI(handler).GetResponseAsync(Clients.Hello(), new ChatOptions { ModelId = "gpt-5-mini", ResponseFormat = ChatResponseFormat.Json });
        Assert.Equal("json_object", handler.Last.Json.GetProperty("response_format").GetProperty("type").GetString());
    }

    [Fact]
    public async Task OpenAI_sends_tool_history_as_tool_calls_and_tool_messages()
    {
        var handler = new FakeHandler().Json(200, Recorded.OpenAIText);
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "Weather in Boston?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["location"] = "Boston" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "sunny")]),
        ];
        await Clients.OpenAI(handler).GetResponseAsync(messages, Clients.For("gpt-5-mini"));

        var sent = handler.Last.Json.GetProperty("messages");
        var call = sent[1].GetProperty("tool_calls")[0];
        Assert.Equal("call_1", call.GetProperty("id").GetString());
        Assert.Equal("""{"location":"Boston"}""", call.GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("tool", sent[2].GetProperty("role").GetString());
        Assert.Equal("call_1", sent[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("sunny", sent[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task OpenAI_streaming_asks_for_usage()
    {
        var handler = new FakeHandler().Sse(Wire.Sse("""data: {"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""", "data: [DONE]"));
        await Clients.Drain(Clients.OpenAI(handler).GetStreamingResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini")));
        var body = handler.Last.Json;
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public async Task Anthropic_sends_system_top_level_max_tokens_version_and_key_header()
    {
        var handler = new FakeHandler().Json(200, Recorded.AnthropicText);
        var options = new ChatOptions { ModelId = "claude-haiku-4-5", Tools = [Weather()], Temperature = 0.5f };

        await Clients.Anthropic(handler).GetResponseAsync(Conversation(), options);

        var request = handler.Last;
        Assert.Equal("http://127.0.0.1:5999/base/v1/messages", request.Uri.ToString());
        Assert.Equal(Clients.AnthropicKey, request.Header("x-api-key"));
        Assert.Equal("2023-06-01", request.Header("anthropic-version"));
        Assert.Null(request.Header("Authorization"));
        var body = request.Json;
        Assert.Equal("claude-haiku-4-5", body.GetProperty("model").GetString());
        Assert.Equal(4096, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal("You are terse.", body.GetProperty("system").GetString());
        var messages = body.GetProperty("messages");
        Assert.Equal(1, messages.GetArrayLength());
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
        var tool = body.GetProperty("tools")[0];
        Assert.Equal("get_weather", tool.GetProperty("name").GetString());
        Assert.Equal("object", tool.GetProperty("input_schema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Anthropic_max_tokens_comes_from_options_then_provider_default()
    {
        var handler = new FakeHandler().Json(200, Recorded.AnthropicText).Json(200, Recorded.AnthropicText);
        var client = Clients.Anthropic(handler, o => o.DefaultMaxOutputTokens = 1000);
        await client.GetResponseAsync(Clients.Hello(), Clients.For("claude-haiku-4-5"));
        Assert.Equal(1000, handler.Last.Json.GetProperty("max_tokens").GetInt32());
        await client.GetResponseAsync(Clients.Hello(), new ChatOptions { ModelId = "claude-haiku-4-5", MaxOutputTokens = 77 });
        Assert.Equal(77, handler.Last.Json.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task Anthropic_json_output_is_asked_for_in_the_system_prompt_with_the_schema()
    {
        var handler = new FakeHandler().Json(200, Recorded.AnthropicText.Replace("\"billing\"", "\"```json\\n{\\\"category\\\":\\\"billing\\\"}\\n```\""));
        var response = await Clients.Anthropic(handler).GetResponseAsync(Conversation(),
            new ChatOptions { ModelId = "claude-haiku-4-5", ResponseFormat = ChatResponseFormat.ForJsonSchema(s_schema, "ticket") });

        var system = handler.Last.Json.GetProperty("system").GetString()!;
        Assert.StartsWith("You are terse.", system);
        Assert.Contains("JSON", system);
        Assert.Contains("\"category\"", system);
        Assert.Equal("""{"category":"billing"}""", response.Text);
    }

    [Fact]
    public async Task Gemini_sends_model_in_path_key_header_system_instruction_and_generation_config()
    {
        var handler = new FakeHandler().Json(200, Recorded.GeminiText);
        List<ChatMessage> messages = [.. Conversation(), new(ChatRole.Assistant, "billing?"), new(ChatRole.User, "Yes")];
        var options = new ChatOptions
        {
            ModelId = "gemini-2.5-flash",
            Temperature = 0.1f,
            MaxOutputTokens = 256,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(s_schema, "ticket"),
            Tools = [Weather()],
        };

        await Clients.Gemini(handler).GetResponseAsync(messages, options);

        var request = handler.Last;
        Assert.Equal("http://127.0.0.1:5999/base/v1beta/models/gemini-2.5-flash:generateContent", request.Uri.ToString());
        Assert.Equal(Clients.GeminiKey, request.Header("x-goog-api-key"));
        Assert.DoesNotContain("key=", request.Uri.Query);
        var body = request.Json;
        Assert.Equal("You are terse.", body.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
        var contents = body.GetProperty("contents");
        Assert.Equal(["user", "model", "user"], contents.EnumerateArray().Select(c => c.GetProperty("role").GetString()!).ToArray());
        var config = body.GetProperty("generationConfig");
        Assert.Equal(256, config.GetProperty("maxOutputTokens").GetInt32());
        Assert.Equal("application/json", config.GetProperty("responseMimeType").GetString());
        var schema = config.GetProperty("responseSchema");
        Assert.False(schema.TryGetProperty("$schema", out _));
        Assert.False(schema.TryGetProperty("additionalProperties", out _));
        Assert.Equal("string", schema.GetProperty("properties").GetProperty("note").GetProperty("type").GetString());
        Assert.True(schema.GetProperty("properties").GetProperty("note").GetProperty("nullable").GetBoolean());
        var declaration = body.GetProperty("tools")[0].GetProperty("functionDeclarations")[0];
        Assert.Equal("get_weather", declaration.GetProperty("name").GetString());
        Assert.Equal("object", declaration.GetProperty("parameters").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Gemini_streams_from_streamGenerateContent_with_alt_sse()
    {
        var handler = new FakeHandler().Sse(Wire.Sse("data: " + Recorded.GeminiText.ReplaceLineEndings(" ")));
        await Clients.Drain(Clients.Gemini(handler).GetStreamingResponseAsync(Clients.Hello(), Clients.For("gemini-2.5-flash")));
        Assert.Equal("http://127.0.0.1:5999/base/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", handler.Last.Uri.ToString());
    }

    [Fact]
    public async Task Extra_headers_are_sent()
    {
        var handler = new FakeHandler().Json(200, Recorded.OpenAIText);
        await Clients.OpenAI(handler, o => o.Headers["OpenAI-Project"] = "proj_1").GetResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini"));
        Assert.Equal("proj_1", handler.Last.Header("OpenAI-Project"));
    }
}
