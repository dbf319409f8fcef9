using Failover.CodeAnalysis.Analyzers;

namespace Failover.Analyzers.Tests;

/// <summary>FO118: model calls that bypass routes are reported in application code and not inside chat clients or middleware.</summary>
public sealed class UnroutedModelCallTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    [Fact]
    public Task Direct_IChatClient_calls_and_the_ChatClientExtensions_overloads_are_reported_in_application_code() =>
        AnalyzerTest<UnroutedModelCallAnalyzer>.Run(Usings + """
            public sealed class TicketService
            {
                private readonly IChatClient _client;

                public TicketService(IChatClient client) => _client = client;

                public async Task<string> ClassifyAsync(string ticket, CancellationToken ct)
                {
                    var response = await {|FO118:_client.GetResponseAsync(new List<ChatMessage> { new(ChatRole.User, ticket) }, null, ct)|};
                    var viaExtension = await {|FO118:_client.GetResponseAsync("Classify: " + ticket, cancellationToken: ct)|};
                    await foreach (var update in {|FO118:_client.GetStreamingResponseAsync("Stream it")|})
                    {
                    }

                    return response.Text + viaExtension.Text;
                }
            }
            """);

    [Fact]
    public Task A_concrete_chat_client_called_through_its_own_type_is_reported() =>
        AnalyzerTest<UnroutedModelCallAnalyzer>.Run(Usings + """
            public sealed class EchoClient : IChatClient
            {
                public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                    Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "echo")));

                public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                    throw new System.NotSupportedException();

                public object? GetService(System.Type serviceType, object? serviceKey = null) => null;

                public void Dispose()
                {
                }
            }

            public static class Program
            {
                public static Task<ChatResponse> Run(EchoClient client) => {|FO118:client.GetResponseAsync(new List<ChatMessage>())|};
            }
            """);

    [Fact]
    public Task Calls_inside_chat_client_implementations_and_DelegatingChatClient_middleware_are_not_reported() =>
        AnalyzerTest<UnroutedModelCallAnalyzer>.Run(Usings + """
            public sealed class LoggingMiddleware : DelegatingChatClient
            {
                public LoggingMiddleware(IChatClient inner) : base(inner) { }

                public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                {
                    var response = await InnerClient.GetResponseAsync(messages, options, cancellationToken);
                    return response;
                }

                public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                    base.GetStreamingResponseAsync(messages, options, cancellationToken);

                private sealed class Helper
                {
                    public Task<ChatResponse> Ask(IChatClient client) => client.GetResponseAsync("nested in a chat client");
                }
            }

            public sealed class RoutedOnly
            {
                // Not a model call: a method that happens to share the name.
                public Task<string> GetResponseAsync(string text) => Task.FromResult(text);

                public Task<string> Use() => GetResponseAsync("fine");
            }
            """);

    [Fact]
    public Task Official_OpenAI_and_Anthropic_SDK_chat_calls_are_reported() =>
        AnalyzerTest<UnroutedModelCallAnalyzer>.Run(Usings + """
            using OpenAI.Chat;
            using Anthropic;
            using Anthropic.Models.Messages;
            using OpenAIMessage = OpenAI.Chat.ChatMessage;

            public sealed class DirectSdkCalls
            {
                public async Task Run(OpenAI.Chat.ChatClient openai, AnthropicClient anthropic, MessageCreateParams request)
                {
                    {|FO118:openai.CompleteChat(new OpenAIMessage[] { new UserChatMessage("hi") })|};
                    await {|FO118:openai.CompleteChatAsync(new OpenAIMessage[] { new UserChatMessage("hi") })|};
                    foreach (var update in {|FO118:openai.CompleteChatStreaming(new OpenAIMessage[] { new UserChatMessage("hi") })|})
                    {
                    }

                    await {|FO118:anthropic.Messages.Create(request)|};
                    await foreach (var e in {|FO118:anthropic.Messages.CreateStreaming(request)|})
                    {
                    }
                }
            }
            """);

    [Fact]
    public Task Generated_code_is_not_reported() =>
        AnalyzerTest<UnroutedModelCallAnalyzer>.Run("""
            // <auto-generated/>
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public static class Generated
            {
                public static Task<ChatResponse> Run(IChatClient client) => client.GetResponseAsync("generated");
            }
            """);
}
