using Xunit;

namespace Failover.Runtime.Tests;

public sealed class RouteInventoryTests
{
    // Deliberately out of order: the inventory sorts by route name.
    private static readonly RouteDescriptor[] Routes =
    [
        new()
        {
            Name = "SupportAi.DraftReply",
            Interface = "Support.ISupportAi",
            Method = "DraftReplyAsync",
            Primary = new ModelTarget("anthropic/claude-sonnet-4-5", 200_000, 3m, 15m),
            Fallbacks = [new ModelTarget("openai/gpt-5", 400_000, 1.25m, 10m)],
            Retry = new RetryRule { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(5), Jitter = true },
            Tier = RouteTier.Generation,
            Criticality = Criticality.Critical,
        },
        new()
        {
            Name = "SupportAi.Classify",
            Interface = "Support.ISupportAi",
            Method = "ClassifyAsync",
            Primary = new ModelTarget("openai/gpt-5-mini", 400_000, 0.25m, 2m),
            Fallbacks = [new ModelTarget("anthropic/claude-haiku-4-5", 200_000, 1m, 5m), new ModelTarget("openai/gpt-5-nano")],
            Retry = new RetryRule { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2), Jitter = false, Source = RetryRuleSource.Interface },
            Tier = RouteTier.Classification,
            Owner = "support|triage",
        },
    ];

    [Fact]
    public void Markdown_is_one_table_row_per_route_ordered_by_name()
    {
        Assert.Equal(
            """
            | Route | Owner | Tier | Criticality | Primary | Fallbacks | Providers | Retry | Prices (USD per 1M tokens, in/out) | First-try share |
            |---|---|---|---|---|---|---|---|---|---|
            | SupportAi.Classify | support\|triage | Classification | Normal | openai/gpt-5-mini | anthropic/claude-haiku-4-5, openai/gpt-5-nano | openai, anthropic | 3 attempts, backoff 100-2000 ms | openai/gpt-5-mini 0.25/2; anthropic/claude-haiku-4-5 1/5; openai/gpt-5-nano ?/? | openai/gpt-5-mini 100% |
            | SupportAi.DraftReply | - | Generation | Critical | anthropic/claude-sonnet-4-5 | openai/gpt-5 | anthropic, openai | 2 attempts, backoff 200-5000 ms with jitter | anthropic/claude-sonnet-4-5 3/15; openai/gpt-5 1.25/10 | anthropic/claude-sonnet-4-5 100% |

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            RouteInventory.ToMarkdown(Routes));
    }

    [Fact]
    public void Json_lists_every_route_with_chain_providers_retry_and_prices()
    {
        Assert.Equal(
            """
            {
              "routes": [
                {
                  "name": "SupportAi.Classify",
                  "interface": "Support.ISupportAi",
                  "method": "ClassifyAsync",
                  "owner": "support|triage",
                  "tier": "Classification",
                  "criticality": "Normal",
                  "primary": "openai/gpt-5-mini",
                  "fallbacks": [
                    "anthropic/claude-haiku-4-5",
                    "openai/gpt-5-nano"
                  ],
                  "providers": [
                    "openai",
                    "anthropic"
                  ],
                  "retry": {
                    "maxAttempts": 3,
                    "baseDelayMs": 100,
                    "maxDelayMs": 2000,
                    "jitter": false,
                    "source": "Interface",
                    "description": "3 attempts, backoff 100-2000 ms"
                  },
                  "models": [
                    {
                      "id": "openai/gpt-5-mini",
                      "provider": "openai",
                      "contextWindow": 400000,
                      "inputPricePerMillion": 0.25,
                      "outputPricePerMillion": 2,
                      "share": 100
                    },
                    {
                      "id": "anthropic/claude-haiku-4-5",
                      "provider": "anthropic",
                      "contextWindow": 200000,
                      "inputPricePerMillion": 1,
                      "outputPricePerMillion": 5,
                      "share": 0
                    },
                    {
                      "id": "openai/gpt-5-nano",
                      "provider": "openai",
                      "contextWindow": 0,
                      "inputPricePerMillion": null,
                      "outputPricePerMillion": null,
                      "share": 0
                    }
                  ]
                },
                {
                  "name": "SupportAi.DraftReply",
                  "interface": "Support.ISupportAi",
                  "method": "DraftReplyAsync",
                  "owner": null,
                  "tier": "Generation",
                  "criticality": "Critical",
                  "primary": "anthropic/claude-sonnet-4-5",
                  "fallbacks": [
                    "openai/gpt-5"
                  ],
                  "providers": [
                    "anthropic",
                    "openai"
                  ],
                  "retry": {
                    "maxAttempts": 2,
                    "baseDelayMs": 200,
                    "maxDelayMs": 5000,
                    "jitter": true,
                    "source": "Method",
                    "description": "2 attempts, backoff 200-5000 ms with jitter"
                  },
                  "models": [
                    {
                      "id": "anthropic/claude-sonnet-4-5",
                      "provider": "anthropic",
                      "contextWindow": 200000,
                      "inputPricePerMillion": 3,
                      "outputPricePerMillion": 15,
                      "share": 100
                    },
                    {
                      "id": "openai/gpt-5",
                      "provider": "openai",
                      "contextWindow": 400000,
                      "inputPricePerMillion": 1.25,
                      "outputPricePerMillion": 10,
                      "share": 0
                    }
                  ]
                }
              ]
            }
            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            RouteInventory.ToJson(Routes));
    }

    [Fact]
    public async Task WriteAsync_renders_the_requested_format_and_defaults_to_every_registered_route()
    {
        using var json = new StringWriter();
        await RouteInventory.WriteAsync(json, RouteInventoryFormat.Json, Routes);
        Assert.Equal(RouteInventory.ToJson(Routes) + "\n", json.ToString());

        using var markdown = new StringWriter();
        await RouteInventory.WriteAsync(markdown);
        Assert.Contains("| TicketAi.Label | support | Classification | Normal | openai/gpt-5-mini | anthropic/claude-haiku-4-5, google/gemini-2.5-flash | openai, anthropic, google |", markdown.ToString());
    }

    [Fact]
    public void Output_does_not_depend_on_input_order()
    {
        Assert.Equal(RouteInventory.ToJson(Routes), RouteInventory.ToJson(Routes.Reverse()));
        Assert.Equal(RouteInventory.ToMarkdown(Routes), RouteInventory.ToMarkdown(Routes.Reverse()));
    }
}

public sealed class CombinedInventoryTests
{
    private static readonly RouteDescriptor Classify = new()
    {
        Name = "ticket.classify",
        Interface = "Support.ISupportAi",
        Method = "ClassifyAsync",
        Primary = new ModelTarget("openai/gpt-5-mini", 400_000, 0.25m, 2m),
        Fallbacks = [new ModelTarget("anthropic/claude-haiku-4-5", 200_000, 1m, 5m)],
        Tier = RouteTier.Classification,
        Owner = "support-triage",
    };

    private static readonly UnroutedModelCall[] Calls =
    [
        new("IChatClient.GetResponseAsync", "Services/Summaries.cs", 42, "Summaries.RunAsync(string)", "Shop"),
        new("OpenAI ChatClient.CompleteChatAsync", "Jobs/Nightly.cs", 7, "Nightly.Execute()", "Shop.Jobs"),
    ];

    private static DrillReport Drill() => new(
        [
            new DrillResult { Route = "ticket.classify", Interface = "Support.ISupportAi", Model = "openai/gpt-5-mini", Role = "primary", Reachable = true, Answered = true },
            new DrillResult { Route = "ticket.classify", Interface = "Support.ISupportAi", Model = "anthropic/claude-haiku-4-5", Role = "fallback 1", Reachable = true, Failure = "ModelUnavailable (HTTP 404): gone" },
        ],
        new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
        TimeSpan.FromSeconds(1));

    [Fact]
    public void Markdown_lists_routes_with_their_last_drill_and_the_unrouted_calls_side_by_side()
    {
        var markdown = RouteInventory.ToMarkdown([Classify], Calls, Drill());

        Assert.Contains("| Prices (USD per 1M tokens, in/out) | First-try share | Last drill |", markdown);
        Assert.Contains("| FAILED anthropic/claude-haiku-4-5 (1/2 answered) |", markdown);
        Assert.Contains("## Unrouted model calls", markdown);
        Assert.Contains("2 model call(s) bypass routes (FO118)", markdown);
        Assert.Contains("| IChatClient.GetResponseAsync | Services/Summaries.cs:42 | Summaries.RunAsync(string) | Shop | - | - | - | - |", markdown);
        Assert.Contains("| OpenAI ChatClient.CompleteChatAsync | Jobs/Nightly.cs:7 | Nightly.Execute() | Shop.Jobs |", markdown);

        // Without a drill report and with no unrouted call the inventory says so, and the route table keeps its columns.
        var clean = RouteInventory.ToMarkdown([Classify], []);
        Assert.DoesNotContain("Last drill", clean);
        Assert.Contains("None: every model call goes through a route.", clean);
        Assert.StartsWith(RouteInventory.ToMarkdown([Classify]), clean, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_carries_unrouted_calls_and_each_routes_last_drill_and_a_drill_report_round_trips()
    {
        var report = DrillReport.FromJson(Drill().ToJson());
        using var json = System.Text.Json.JsonDocument.Parse(RouteInventory.ToJson([Classify], Calls, report));
        var root = json.RootElement;

        var route = root.GetProperty("routes")[0];
        Assert.Equal("support-triage", route.GetProperty("owner").GetString());
        var lastDrill = route.GetProperty("lastDrill");
        Assert.Equal(2, lastDrill.GetProperty("models").GetInt32());
        Assert.Equal(1, lastDrill.GetProperty("passed").GetInt32());
        Assert.Equal("anthropic/claude-haiku-4-5", lastDrill.GetProperty("failed")[0].GetProperty("model").GetString());
        var calls = root.GetProperty("unroutedCalls");
        Assert.Equal(2, calls.GetArrayLength());
        Assert.Equal("Services/Summaries.cs", calls[0].GetProperty("file").GetString());
        Assert.Equal(42, calls[0].GetProperty("line").GetInt32());

        Assert.False(RouteInventory.ToJson([Classify]).Contains("unroutedCalls", StringComparison.Ordinal));
        var garbage = Assert.Throws<FormatException>(() => DrillReport.FromJson("{\"passed\": true}"));
        Assert.Contains("\"results\" array", garbage.Message);
    }
}

public sealed class CanaryShareInventoryTests
{
    private static readonly RouteDescriptor Promote = new()
    {
        Name = "ticket.promote",
        Interface = "Support.ISupportAi",
        Method = "PromoteAsync",
        Primary = new ModelTarget("openai/gpt-5-mini"),
        Fallbacks = [new ModelTarget("anthropic/claude-haiku-4-5")],
        Canary = new CanaryRule(new ModelTarget("google/gemini-2.5-flash"), 5),
    };

    [Fact]
    public void The_inventory_shows_the_compiled_canary_share_without_configuration_and_the_configured_one_with_it()
    {
        Assert.Contains("| openai/gpt-5-mini 95%; canary google/gemini-2.5-flash 5% (compiled) |", RouteInventory.ToMarkdown([Promote]));

        var configured = new FailoverOptions();
        configured.Routes["ticket.promote"] = new RouteOverrideOptions { CanaryPercent = 25 };
        Assert.Contains("| openai/gpt-5-mini 75%; canary google/gemini-2.5-flash 25% (configured, compiled 5%) |", RouteInventory.ToMarkdown([Promote], [], null, configured));

        using var json = System.Text.Json.JsonDocument.Parse(RouteInventory.ToJson([Promote], [], null, configured));
        var route = json.RootElement.GetProperty("routes")[0];
        Assert.Equal(75, route.GetProperty("models")[0].GetProperty("share").GetDouble());
        Assert.Equal(0, route.GetProperty("models")[1].GetProperty("share").GetDouble());
        var canary = route.GetProperty("canary");
        Assert.Equal("google/gemini-2.5-flash", canary.GetProperty("id").GetString());
        Assert.Equal(25, canary.GetProperty("share").GetDouble());
        Assert.Equal(5, canary.GetProperty("compiledShare").GetDouble());
        Assert.Equal("configuration", canary.GetProperty("shareSource").GetString());

        using var compiled = System.Text.Json.JsonDocument.Parse(RouteInventory.ToJson([Promote]));
        Assert.Equal("compiled", compiled.RootElement.GetProperty("routes")[0].GetProperty("canary").GetProperty("shareSource").GetString());
        Assert.Equal(95, compiled.RootElement.GetProperty("routes")[0].GetProperty("models")[0].GetProperty("share").GetDouble());
    }
}
