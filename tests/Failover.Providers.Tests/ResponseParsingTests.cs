using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Failover.Providers.Tests;

public sealed class ResponseParsingTests
{
    [Fact]
    public async Task OpenAI_text_and_usage()
    {
        var response = await Clients.OpenAI(new FakeHandler().Json(200, Recorded.OpenAIText)).GetResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini"));
        Assert.Equal("billing", response.Text);
        Assert.Equal("gpt-5-mini-2025-08-07", response.ModelId);
        Assert.Equal("chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", response.ResponseId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(19, response.Usage!.InputTokenCount);
        Assert.Equal(10, response.Usage.OutputTokenCount);
        Assert.Equal(29, response.Usage.TotalTokenCount);
        Assert.Equal(4, response.Usage.CachedInputTokenCount);
        Assert.Equal(6, response.Usage.ReasoningTokenCount);
    }

    [Fact]
    public async Task OpenAI_tool_calls_become_function_call_contents()
    {
        var response = await Clients.OpenAI(new FakeHandler().Json(200, Recorded.OpenAIToolCall)).GetResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini"));
        var call = Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>());
        Assert.Equal("call_abc123", call.CallId);
        Assert.Equal("get_current_weather", call.Name);
        Assert.Equal("Boston, MA", ((JsonElement)call.Arguments!["location"]!).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task Anthropic_text_and_usage()
    {
        var response = await Clients.Anthropic(new FakeHandler().Json(200, Recorded.AnthropicText)).GetResponseAsync(Clients.Hello(), Clients.For("claude-haiku-4-5"));
        Assert.Equal("billing", response.Text);
        Assert.Equal("claude-haiku-4-5-20251001", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(12, response.Usage!.InputTokenCount);
        Assert.Equal(6, response.Usage.OutputTokenCount);
        Assert.Equal(18, response.Usage.TotalTokenCount);
        Assert.Equal(3, response.Usage.CachedInputTokenCount);
    }

    [Fact]
    public async Task Anthropic_tool_use_blocks_become_function_call_contents()
    {
        var response = await Clients.Anthropic(new FakeHandler().Json(200, Recorded.AnthropicToolUse)).GetResponseAsync(Clients.Hello(), Clients.For("claude-sonnet-4-5"));
        Assert.Equal("I'll check the weather.", response.Text);
        var call = Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>());
        Assert.Equal("toolu_01A09q90qw90lq917835lq9", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("celsius", ((JsonElement)call.Arguments!["unit"]!).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task Gemini_text_and_usage_with_thoughts_counted_as_output()
    {
        var response = await Clients.Gemini(new FakeHandler().Json(200, Recorded.GeminiText)).GetResponseAsync(Clients.Hello(), Clients.For("gemini-2.5-flash"));
        Assert.Equal("billing", response.Text);
        Assert.Equal("gemini-2.5-flash", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(8, response.Usage!.InputTokenCount);
        Assert.Equal(22, response.Usage.OutputTokenCount);
        Assert.Equal(21, response.Usage.ReasoningTokenCount);
        Assert.Equal(30, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Gemini_function_calls_become_function_call_contents()
    {
        var response = await Clients.Gemini(new FakeHandler().Json(200, Recorded.GeminiFunctionCall)).GetResponseAsync(Clients.Hello(), Clients.For("gemini-2.5-flash"));
        var call = Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", ((JsonElement)call.Arguments!["location"]!).GetString());
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("google")]
    public void Metadata_names_provider_and_base_url(string provider)
    {
        var client = Clients.ByName(provider, new FakeHandler());
        var metadata = client.GetService<ChatClientMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal(provider, metadata!.ProviderName);
        Assert.Equal("http://127.0.0.1:5999/base/", metadata.ProviderUri!.ToString());
        Assert.Same(client, client.GetService(client.GetType()));
        Assert.Null(client.GetService<ChatClientMetadata>("some-key"));
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("google")]
    public void ToString_never_shows_the_key(string provider)
    {
        var client = Clients.ByName(provider, new FakeHandler());
        var text = client.ToString()!;
        Assert.DoesNotContain("test-", text);
        var options = new HttpProviderOptions { BaseUrl = new System.Uri("http://x/") };
        options.Headers["x-secret"] = "hunter2";
        Assert.DoesNotContain("hunter2", options.ToString());
        Assert.Contains("x-secret", options.ToString());
    }
}
