using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Providers.Tests;

public static class Clients
{
    public const string OpenAIKey = "sk-test-OPENAI-0123456789abcdef";
    public const string AnthropicKey = "sk-ant-test-0123456789abcdef";
    public const string GeminiKey = "AIzaSy-test-0123456789abcdef";

    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Time() => new(Now);

    public static OpenAIChatClient OpenAI(FakeHandler handler, Action<HttpProviderOptions>? configure = null) =>
        new(new HttpClient(handler), OpenAIKey, Options(configure), timeProvider: Time());

    public static AnthropicChatClient Anthropic(FakeHandler handler, Action<HttpProviderOptions>? configure = null) =>
        new(new HttpClient(handler), AnthropicKey, Options(configure), timeProvider: Time());

    public static GeminiChatClient Gemini(FakeHandler handler, Action<HttpProviderOptions>? configure = null) =>
        new(new HttpClient(handler), GeminiKey, Options(configure), timeProvider: Time());

    public static IChatClient ByName(string provider, FakeHandler handler) => provider switch
    {
        "openai" => OpenAI(handler),
        "anthropic" => Anthropic(handler),
        "google" => Gemini(handler),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public static string ModelFor(string provider) => provider switch
    {
        "openai" => "gpt-5-mini",
        "anthropic" => "claude-haiku-4-5",
        _ => "gemini-2.5-flash",
    };

    public static ChatOptions For(string model) => new() { ModelId = model };

    public static List<ChatMessage> Hello() => [new(ChatRole.User, "Hello")];

    public static async Task<List<ChatResponseUpdate>> Drain(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }

    private static HttpProviderOptions Options(Action<HttpProviderOptions>? configure)
    {
        var options = new HttpProviderOptions { BaseUrl = new Uri("http://127.0.0.1:5999/base/") };
        configure?.Invoke(options);
        return options;
    }
}
