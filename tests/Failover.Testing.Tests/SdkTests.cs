using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using OpenAI;
using OpenAI.Chat;

namespace Failover.Testing.Tests;

public sealed class OpenAISdkTests
{
    private static ChatClient Client(ProviderSimulator sim, string model) =>
        new(model, new ApiKeyCredential("test"), new OpenAIClientOptions { Endpoint = sim.OpenAIBaseUrl, RetryPolicy = new ClientRetryPolicy(0) });

    [Fact]
    public async Task CompleteChat_returns_scripted_text_and_usage()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("gpt-5-mini").Reply(q => "You said: " + q);

        ChatCompletion completion = await Client(sim, "gpt-5-mini").CompleteChatAsync([new UserChatMessage("ping pong")]);

        Assert.Equal("You said: ping pong", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal("gpt-5-mini", completion.Model);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal(5, completion.Usage.OutputTokenCount); // 19 chars / 4, rounded up
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        Assert.Equal(1, sim.RequestCount("gpt-5-mini"));
        Assert.Equal(1, sim.RequestCount(SimulatorEndpoint.OpenAIChatCompletions));
        Assert.Contains("ping pong", sim.LastRequestFor("gpt-5-mini")!.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChatStreaming_returns_text_in_pieces_and_usage()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("gpt-5-mini").Reply("one two three four");

        var text = new StringBuilder();
        var updates = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        var options = new ChatCompletionOptions();
        await foreach (var update in Client(sim, "gpt-5-mini").CompleteChatStreamingAsync([new UserChatMessage("count")], options))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal("one two three four", text.ToString());
        Assert.True(updates >= 5);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(5, usage!.OutputTokenCount);
        Assert.True(sim.LastRequest!.IsStreaming);
    }

    [Fact]
    public async Task Scripted_429_surfaces_as_ClientResultException()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("gpt-5-mini").RateLimited(TimeSpan.FromSeconds(2));

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => Client(sim, "gpt-5-mini").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(429, ex.Status);
        var raw = ex.GetRawResponse()!;
        Assert.True(raw.Headers.TryGetValue("retry-after", out var retryAfter));
        Assert.Equal("2", retryAfter);
        Assert.Contains("rate_limit_exceeded", raw.Content.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, sim.RequestCount("gpt-5-mini"));

        // The one-shot fault is used up: the next call succeeds.
        ChatCompletion ok = await Client(sim, "gpt-5-mini").CompleteChatAsync([new UserChatMessage("hi")]);
        Assert.Equal("Simulated reply from gpt-5-mini.", ok.Content[0].Text);
    }

    [Fact]
    public async Task Connection_reset_surfaces_as_a_transport_exception()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("gpt-5-mini").ResetConnection();

        // The SDK wraps transport failures: ClientResultException with Status 0 around the HttpRequestException.
        var ex = await Assert.ThrowsAsync<ClientResultException>(() => Client(sim, "gpt-5-mini").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(0, ex.Status);
        Assert.IsType<System.Net.Http.HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task Stream_reset_after_chunks_fails_the_enumeration_after_some_text()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("gpt-5-mini").Reply("one two three four five").ResetAfterChunks(3);
        var text = new StringBuilder();

        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var update in Client(sim, "gpt-5-mini").CompleteChatStreamingAsync([new UserChatMessage("hi")]))
            {
                foreach (var part in update.ContentUpdate)
                {
                    text.Append(part.Text);
                }
            }
        });

        Assert.Equal("one two ", text.ToString());
        Assert.True(ex is System.IO.IOException || ex.InnerException is System.IO.IOException, ex.ToString());
    }

    [Fact]
    public async Task Switched_off_model_surfaces_as_404()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("gpt-4o").SwitchOff();

        var ex = await Assert.ThrowsAsync<ClientResultException>(() => Client(sim, "gpt-4o").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(404, ex.Status);
        Assert.Contains("model_not_found", ex.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }
}

public sealed class AnthropicSdkTests
{
    private static AnthropicClient Client(ProviderSimulator sim) =>
        new() { ApiKey = "test", BaseUrl = sim.AnthropicBaseUrl.ToString(), MaxRetries = 0 };

    private static MessageCreateParams Params(string model, string text) => new()
    {
        Model = model,
        MaxTokens = 256,
        Messages = [new UserMessageParam(text)],
    };

    [Fact]
    public async Task Create_returns_scripted_text_and_usage()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("claude-sonnet-4-5").Reply(q => "Echo: " + q);

        var message = await Client(sim).Messages.Create(Params("claude-sonnet-4-5", "hello claude"));

        Assert.True(message.Content[0].TryPickText(out var block));
        Assert.Equal("Echo: hello claude", block!.Text);
        Assert.StartsWith("msg_", message.ID, StringComparison.Ordinal);
        Assert.Equal(3, message.Usage.InputTokens); // 12 chars
        Assert.Equal(5, message.Usage.OutputTokens); // 18 chars
        Assert.Equal(1, sim.RequestCount(SimulatorEndpoint.AnthropicMessages));
    }

    [Fact]
    public async Task CreateStreaming_returns_text_and_usage()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("claude-haiku-4-5").Reply("streamed words arrive here");

        var text = new StringBuilder();
        var eventTypes = new List<string>();
        long? outputTokens = null;
        await foreach (var ev in Client(sim).Messages.CreateStreaming(Params("claude-haiku-4-5", "go")))
        {
            if (ev.TryPickStart(out var start))
            {
                eventTypes.Add("message_start");
                Assert.Equal("claude-haiku-4-5", (string)start!.Message.Model);
            }
            else if (ev.TryPickContentBlockDelta(out var delta))
            {
                eventTypes.Add("content_block_delta");
                if (delta!.Delta.TryPickText(out var t))
                {
                    text.Append(t!.Text);
                }
            }
            else if (ev.TryPickDelta(out var messageDelta))
            {
                eventTypes.Add("message_delta");
                outputTokens = messageDelta!.Usage.OutputTokens;
            }
            else if (ev.TryPickStop(out _))
            {
                eventTypes.Add("message_stop");
            }
        }

        Assert.Equal("streamed words arrive here", text.ToString());
        Assert.Equal("message_start", eventTypes[0]);
        Assert.Equal("message_stop", eventTypes[^1]);
        Assert.Equal(7, outputTokens);
    }

    [Fact]
    public async Task Scripted_529_surfaces_as_overloaded_error()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("claude-sonnet-4-5").Overloaded();

        var ex = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => Client(sim).Messages.Create(Params("claude-sonnet-4-5", "hi")));

        Assert.IsType<AnthropicOverloadedException>(ex);
        Assert.Contains("overloaded_error", ex.Message, StringComparison.Ordinal);
        Assert.Equal(529, (int)ex.StatusCode);
        Assert.Equal(1, sim.RequestCount("claude-sonnet-4-5"));
    }

    [Fact]
    public async Task Scripted_429_surfaces_as_rate_limit_error()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("claude-sonnet-4-5").RateLimited(TimeSpan.FromSeconds(3));

        var ex = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => Client(sim).Messages.Create(Params("claude-sonnet-4-5", "hi")));

        Assert.IsType<AnthropicRateLimitException>(ex);
        Assert.Equal(429, (int)ex.StatusCode);
    }

    [Fact]
    public async Task Connection_reset_surfaces_as_a_transport_exception()
    {
        await using var sim = await ProviderSimulator.StartAsync();
        sim.Model("claude-sonnet-4-5").ResetConnection();

        var ex = await Assert.ThrowsAsync<AnthropicIOException>(() => Client(sim).Messages.Create(Params("claude-sonnet-4-5", "hi")));

        Assert.IsType<System.Net.Http.HttpRequestException>(ex.InnerException);
    }
}
