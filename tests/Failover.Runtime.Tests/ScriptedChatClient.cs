using System.Net;
using Microsoft.Extensions.AI;

namespace Failover.Runtime.Tests;

/// <summary>An IChatClient whose answers per model are scripted: each call takes the next step, the last step repeats.</summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly Dictionary<string, Queue<Func<IEnumerable<ChatMessage>, CancellationToken, Task<ChatResponse>>>> _scripts = new();

    private TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<(string Model, int MessageCount)> Calls { get; } = [];

    /// <summary>
    /// Completes once the client has been called <paramref name="count"/> times (plain or streaming). The engine reaches
    /// the provider on thread-pool threads that a loaded machine schedules late, so tests wait on this signal, never on
    /// time; the real-time guard makes a broken test fail instead of hanging.
    /// </summary>
    public async Task WaitForCallsAsync(int count)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task called;
            lock (Calls)
            {
                if (Calls.Count >= count)
                {
                    return;
                }

                called = _called.Task;
            }

            try
            {
                await called.WaitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                Xunit.Assert.Fail($"expected {count} provider calls within 30 s, saw {Calls.Count}");
            }
        }
    }

    /// <summary>Wakes the waiters after a call was recorded (outside the lock: continuations run elsewhere).</summary>
    private void Signal()
    {
        TaskCompletionSource called;
        lock (Calls)
        {
            called = _called;
            _called = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        called.TrySetResult();
    }

    public ScriptedChatClient Then(string model, Func<IEnumerable<ChatMessage>, CancellationToken, Task<ChatResponse>> step)
    {
        if (!_scripts.TryGetValue(model, out var queue))
        {
            _scripts[model] = queue = new();
        }

        queue.Enqueue(step);
        return this;
    }

    /// <summary>Forgets the model's remaining script, so that the next step added is the one that runs.</summary>
    public ScriptedChatClient Reset(string model)
    {
        _scripts.Remove(model);
        return this;
    }

    public ScriptedChatClient Reply(string model, string text, long inputTokens = 10, long outputTokens = 5) =>
        Then(model, (_, _) => Task.FromResult(Answer(text, inputTokens, outputTokens)));

    public ScriptedChatClient Fail(string model, Exception error) => Then(model, (_, _) => Task.FromException<ChatResponse>(error));

    public ScriptedChatClient FailHttp(string model, FailureKind kind, int status, string? code = null, TimeSpan? retryAfter = null) =>
        Fail(model, new ProviderException(kind, $"HTTP {status}", status, code, retryAfter));

    public ScriptedChatClient Hang(string model) =>
        Then(model, static async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });

    public static ChatResponse Answer(string text, long inputTokens = 10, long outputTokens = 5) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens } };

    public int CallsTo(string model) => Calls.Count(c => c.Model == model);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? throw new InvalidOperationException("The engine must set ChatOptions.ModelId.");
        Task<ChatResponse> answer;
        lock (Calls)
        {
            // The step starts before the call is counted, so a test that waits for the call and then advances the fake
            // clock never advances it before the step's own timers exist.
            answer = _scripts.TryGetValue(model, out var queue) && queue.Count > 0
                ? (queue.Count > 1 ? queue.Dequeue() : queue.Peek())(messages, cancellationToken)
                : Task.FromException<ChatResponse>(new HttpRequestException("no script for " + model, null, HttpStatusCode.NotFound));
            Calls.Add((model, messages.Count()));
            Options.Add(options);
        }

        Signal();
        return answer;
    }

    private readonly Dictionary<string, Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>> _streams = new();

    public List<ChatOptions> Options { get; } = [];

    /// <summary>The messages of every streaming request, in order.</summary>
    public List<(string Model, List<ChatMessage> Messages)> StreamRequests { get; } = [];

    /// <summary>Scripts the model's stream; every streaming call runs the same script.</summary>
    public ScriptedChatClient Stream(string model, Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> stream)
    {
        _streams[model] = stream;
        return this;
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? throw new InvalidOperationException("The engine must set ChatOptions.ModelId.");
        lock (Calls)
        {
            Calls.Add((model, messages.Count()));
            StreamRequests.Add((model, messages.ToList()));
        }

        Signal();

        return _streams.TryGetValue(model, out var stream)
            ? stream(cancellationToken)
            : throw new HttpRequestException("no stream for " + model, null, HttpStatusCode.NotFound);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
