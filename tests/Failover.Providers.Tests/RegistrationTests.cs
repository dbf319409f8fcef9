using System;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Failover.Providers.Tests;

public sealed class RegistrationTests
{
    private static RouteDescriptor Route(string primary) => new()
    {
        Name = "ISupportAi.ClassifyAsync",
        Interface = "ISupportAi",
        Method = "ClassifyAsync",
        Primary = new ModelTarget(primary),
    };

    [Fact]
    public void Missing_key_is_fine_until_a_route_uses_the_provider()
    {
        var services = new ServiceCollection();
        services.AddFailover(o => o.AddOpenAI("", o => o.BaseUrl = new Uri("http://127.0.0.1:1/v1/")).AddAnthropic(Clients.AnthropicKey));
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<FailoverEngine>();

        engine.Validate(Route("anthropic/claude-haiku-4-5"));
        var error = Assert.Throws<FailoverConfigurationException>(() => engine.Validate(Route("openai/gpt-5-mini")));
        Assert.Contains("ISupportAi.ClassifyAsync", error.Message);
        Assert.Contains("'openai'", error.Message);
        Assert.Contains("no API key: pass one to AddOpenAI(...) or set OPENAI_API_KEY", error.Message);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("google")]
    public void Missing_key_for_other_hosted_providers_names_them(string name)
    {
        if (Environment.GetEnvironmentVariable(name == "google" ? "GEMINI_API_KEY" : "ANTHROPIC_API_KEY") is { Length: > 0 })
        {
            return; // a developer machine with real keys
        }

        var services = new ServiceCollection();
        services.AddFailover(o => _ = name == "google" ? o.AddGemini(null) : o.AddAnthropic(null));
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<FailoverConfigurationException>(() => provider.GetRequiredService<FailoverEngine>().Validate(Route(name + "/some-model")));
        Assert.Contains($"'{name}'", error.Message);
        Assert.Contains("no API key", error.Message);
    }

    [Fact]
    public async Task Registered_providers_use_named_clients_with_infinite_timeout_and_the_configured_base_url()
    {
        var handler = new FakeHandler().Json(200, Recorded.GeminiText);
        var services = new ServiceCollection();
        services.AddFailover(o => o.AddGemini(Clients.GeminiKey, o => o.BaseUrl = new Uri("http://127.0.0.1:7000/")));
        services.AddHttpClient("failover-google").ConfigurePrimaryHttpMessageHandler(() => handler);
        using var provider = services.BuildServiceProvider();

        var factory = provider.GetRequiredService<IHttpClientFactory>();
        Assert.Equal(System.Threading.Timeout.InfiniteTimeSpan, factory.CreateClient("failover-google").Timeout);

        var directory = provider.GetRequiredService<ProviderDirectory>();
        var client = directory.Get("google");
        Assert.Equal("google", client.GetService<ChatClientMetadata>()!.ProviderName);
        var response = await client.GetResponseAsync(Clients.Hello(), Clients.For("gemini-2.5-flash"));
        Assert.Equal("billing", response.Text);
        Assert.Equal("http://127.0.0.1:7000/v1beta/models/gemini-2.5-flash:generateContent", handler.Last.Uri.ToString());
    }

    [Fact]
    public async Task OpenAI_compatible_needs_no_key_and_sends_max_tokens()
    {
        var handler = new FakeHandler().Json(200, Recorded.OpenAIText);
        var services = new ServiceCollection();
        services.AddFailover(o => o.AddOpenAICompatible("ollama", new Uri("http://localhost:11434/v1/")));
        services.AddHttpClient("failover-ollama").ConfigurePrimaryHttpMessageHandler(() => handler);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ProviderDirectory>().Get("ollama");
        await client.GetResponseAsync(Clients.Hello(), new ChatOptions { ModelId = "llama3.2", MaxOutputTokens = 50 });

        Assert.Equal("http://localhost:11434/v1/chat/completions", handler.Last.Uri.ToString());
        Assert.Null(handler.Last.Header("Authorization"));
        Assert.Equal(50, handler.Last.Json.GetProperty("max_tokens").GetInt32());
        Assert.Equal("ollama", client.GetService<ChatClientMetadata>()!.ProviderName);
    }
}
