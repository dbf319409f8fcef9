using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Failover.Reliability.Tests;

/// <summary>The redaction rule, secret headers, keys in URLs and what options and clients print.</summary>
public sealed class SecretHandlingTests
{
    private const string Key = Secrets.OpenAI;

    [Fact]
    public void A_key_is_redacted_wherever_it_appears_and_so_is_every_piece_of_8_or_more_characters()
    {
        var redactor = new SecretRedactor([Key]);

        Assert.Equal("bad key [redacted], really [redacted].", redactor.Redact($"bad key {Key}, really {Key}."));
        Assert.Equal("cut: [redacted]", redactor.Redact("cut: " + Key[..12]));        // an upstream cut the key short
        Assert.Equal("tail [redacted] end", redactor.Redact("tail " + Key[^9..] + " end")); // or printed only its end
        Assert.Equal("short Fg5sA0e", redactor.Redact("short " + Key[^7..]));        // 7 characters: below the rule, kept
    }

    [Fact]
    public void Redaction_runs_before_the_cut_so_a_key_straddling_it_leaves_no_piece()
    {
        var redactor = new SecretRedactor([Key]);
        var text = new string('x', 590) + Key;

        var redacted = redactor.Redact(text)!;
        var cut = redacted.Length <= 600 ? redacted : redacted[..600] + "...";

        Secrets.AssertNone("the cut text", cut);
        Assert.EndsWith("[redacted]", cut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api-key")]
    [InlineData("Ocp-Apim-Subscription-Key")]
    [InlineData("x-api-key")]
    [InlineData("Authorization")]
    [InlineData("X-Gateway-Token")]
    public void Headers_named_like_credentials_are_secret(string name)
    {
        var options = new HttpProviderOptions();
        options.Headers[name] = "Bearer " + Secrets.Azure;

        var redactor = SecretRedactor.For(apiKey: null, options);

        Assert.True(options.IsSecretHeader(name));
        Assert.Equal("echo [redacted]", redactor.Redact("echo " + Secrets.Azure));
    }

    [Fact]
    public void Other_headers_are_secret_when_listed_and_ordinary_values_are_left_alone()
    {
        var options = new HttpProviderOptions();
        options.Headers["OpenAI-Organization"] = "org-plainvalue";
        options.Headers["X-Tenant"] = Secrets.Azure;
        options.SecretHeaders.Add("X-Tenant");

        var redactor = SecretRedactor.For(apiKey: null, options);

        Assert.False(options.IsSecretHeader("OpenAI-Organization"));
        Assert.Equal("org-plainvalue [redacted]", redactor.Redact("org-plainvalue " + Secrets.Azure));
    }

    [Theory]
    [InlineData("https://acme.openai.azure.com/openai/v1/?api-key=" + Secrets.Azure, "a query string")]
    [InlineData("https://user:" + Secrets.Azure + "@gateway.example/v1/", "user info")]
    public void A_key_in_the_base_url_is_rejected_at_registration_without_printing_it(string url, string part)
    {
        var services = new ServiceCollection();

        var compatible = Assert.Throws<ArgumentException>(() => services.AddFailover(f => f.AddOpenAICompatible("azure", new Uri(url))));
        var openAI = Assert.Throws<ArgumentException>(() => services.AddFailover(f => f.AddOpenAI("sk-x-12345678", o => o.BaseUrl = new Uri(url))));
        var direct = Assert.Throws<ArgumentException>(() => new OpenAIChatClient(new HttpClient(), null, new HttpProviderOptions { BaseUrl = new Uri(url) }));

        foreach (var error in new[] { compatible, openAI, direct })
        {
            Assert.Contains(part, error.Message);
            Assert.Contains("Headers[\"api-key\"]", error.Message);
            Secrets.AssertNone("the registration error", error.ToString());
        }
    }

    [Fact]
    public void Options_clients_and_metadata_print_no_secret()
    {
        var options = new HttpProviderOptions { BaseUrl = new Uri("https://acme.openai.azure.com/openai/v1/") };
        options.Headers["api-key"] = Secrets.Azure;
        using var client = new OpenAIChatClient(new HttpClient(), Secrets.OpenAI, options, "azure");

        var printed = string.Join(" | ", options.ToString(), client.ToString(), TelemetryCapture.Dump(client.GetService<ChatClientMetadata>()));

        Secrets.AssertNone("ToString() and metadata", printed);
        Assert.Contains("api-key", printed); // header names are shown, values never
    }
}
