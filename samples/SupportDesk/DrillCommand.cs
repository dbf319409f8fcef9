using Failover;
using Failover.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SupportDesk;

/// <summary>
/// <c>dotnet run --project samples/SupportDesk -- drill [--switch-off MODEL] [drill options]</c>: proves that every model of
/// every SupportDesk route answers. Against the provider simulator by default (every model healthy, or the model named by
/// <c>--switch-off</c> switched off: 404 model_not_found, as on directive day), against the real providers with
/// <c>--live</c> and the three API keys set. The app's own wiring is the one line <c>FailoverDrill.RunAsync(services, args)</c>.
/// </summary>
public static class DrillCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var live = args.Contains("--live");
        var switchedOff = new List<string>();
        var drillArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--switch-off" && i + 1 < args.Length)
            {
                switchedOff.Add(args[++i]);
            }
            else if (args[i] != "--live")
            {
                drillArgs.Add(args[i]);
            }
        }

        await using var simulator = live ? null : await ProviderSimulator.StartAsync(cancellationToken: cancellationToken);
        var services = new ServiceCollection();
        if (simulator is null)
        {
            services.AddFailover(static failover => failover.AddOpenAI(null).AddAnthropic(null).AddGemini(null)).AddFailoverClient<ISupportDesk>();
        }
        else
        {
            foreach (var model in new[] { "gpt-5-mini", "gpt-5", "claude-haiku-4-5", "claude-sonnet-4-5", "gemini-2.5-flash" })
            {
                simulator.Model(model).Reply(Tickets.Answer);
            }

            foreach (var model in switchedOff)
            {
                // The simulator knows models by their wire name: "anthropic/claude-haiku-4-5" and "claude-haiku-4-5" both work.
                simulator.Model(model[(model.IndexOf('/') + 1)..]).SwitchOff();
            }

            services.AddFailover(failover => failover
                    .AddOpenAI("sk-simulated", o => o.BaseUrl = simulator.OpenAIBaseUrl)
                    .AddAnthropic("sk-ant-simulated", o => o.BaseUrl = simulator.AnthropicBaseUrl)
                    .AddGemini("simulated-key", o => o.BaseUrl = simulator.GeminiBaseUrl))
                .AddFailoverClient<ISupportDesk>();
            await output.WriteLineAsync($"Drill against the provider simulator on {simulator.BaseAddress}" +
                (switchedOff.Count > 0 ? $" with {string.Join(", ", switchedOff)} switched off." : ", every model healthy."));
        }

        await using var provider = services.BuildServiceProvider();
        return await FailoverDrill.RunAsync(provider, [.. drillArgs], output, cancellationToken);
    }
}
