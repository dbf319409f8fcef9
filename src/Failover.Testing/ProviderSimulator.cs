using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Failover.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Failover.Testing;

/// <summary>
/// A local stand-in for OpenAI, Anthropic and Gemini: a real Kestrel server bound to 127.0.0.1 on a
/// free port, speaking each provider's wire format (JSON and SSE, real error bodies and headers),
/// with a fault script per model name (<see cref="Model(string)"/>). Point an official SDK or any
/// HTTP client at <see cref="OpenAIBaseUrl"/>, <see cref="AnthropicBaseUrl"/> or <see cref="GeminiBaseUrl"/>.
/// Any non-empty API key is accepted; keys are never recorded, logged or echoed.
/// </summary>
public sealed class ProviderSimulator : IAsyncDisposable
{
    /// <summary>How many requests <see cref="Requests"/> keeps (the oldest are dropped first; counts are never dropped).</summary>
    public const int RequestLogCapacity = 1000;

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, ModelScript> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _modelCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SimulatorEndpoint, int> _endpointCounts = new();
    private readonly ConcurrentQueue<SimulatedRequest> _log = new();
    private readonly ConcurrentDictionary<SimulatedProvider, SimulatedModelList> _lists = new();
    private readonly Dialect _openAI = new OpenAIDialect();
    private readonly Dialect _anthropic = new AnthropicDialect();
    private readonly Dialect _gemini = new GeminiDialect();
    private TaskCompletionSource _latencyChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waitingOnLatency;
    private int _total;
    private int _disposed;

    private ProviderSimulator(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    /// <summary>The server root, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The OpenAI base URL, <c>{BaseAddress}openai/v1/</c> (use as <c>OpenAIClientOptions.Endpoint</c>).</summary>
    public Uri OpenAIBaseUrl => new(BaseAddress, "openai/v1/");

    /// <summary>The Anthropic base URL, <c>{BaseAddress}anthropic/</c> (use as the Anthropic client's <c>BaseUrl</c>; it appends <c>v1/messages</c>).</summary>
    public Uri AnthropicBaseUrl => new(BaseAddress, "anthropic/");

    /// <summary>The Gemini base URL, <c>{BaseAddress}gemini/</c>; requests go to <c>v1beta/models/{model}:generateContent</c> below it.</summary>
    public Uri GeminiBaseUrl => new(BaseAddress, "gemini/");

    /// <summary>The clock used for latency, switch-off moments, timestamps and rate-limit reset headers.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>Requests received so far, across all endpoints.</summary>
    public int TotalRequestCount => Volatile.Read(ref _total);

    /// <summary>The most recent requests, oldest first (at most <see cref="RequestLogCapacity"/>).</summary>
    public IReadOnlyList<SimulatedRequest> Requests => _log.ToArray();

    /// <summary>The most recent request, or null before the first one.</summary>
    public SimulatedRequest? LastRequest => _log.LastOrDefault();

    /// <summary>Requests currently waiting on scripted latency (their timers are already registered with the <see cref="TimeProvider"/>).</summary>
    public int RequestsWaitingOnLatency => Volatile.Read(ref _waitingOnLatency);

    /// <summary>
    /// Completes when at least <paramref name="count"/> requests are waiting on scripted latency. Their delays are
    /// registered with the <see cref="TimeProvider"/> by then, so a test can safely advance a fake clock next.
    /// </summary>
    /// <param name="count">How many waiting requests to wait for.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the requests are waiting.</returns>
    public async Task WaitForLatencyAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _latencyChanged).Task;
            if (Volatile.Read(ref _waitingOnLatency) >= count)
            {
                return;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts a simulator on 127.0.0.1 with a port chosen by the operating system.
    /// </summary>
    /// <param name="timeProvider">The clock for latency and switch-off moments; <see cref="TimeProvider.System"/> when null. Pass a <c>FakeTimeProvider</c> to drive latency from a test.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running simulator; dispose it to stop the server.</returns>
    public static async Task<ProviderSimulator> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        // The empty builder reads no configuration, environment or appsettings (so ASPNETCORE_URLS cannot
        // add a binding) and registers no logging provider (so nothing about a request is ever logged).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        var simulator = new ProviderSimulator(app, timeProvider ?? TimeProvider.System);
        app.Run(simulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var port = new Uri(address).Port;
        simulator.BaseAddress = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/");
        return simulator;
    }

    /// <summary>
    /// The script of a model, created on first use. The key is the model name exactly as the request
    /// names it (OpenAI and Anthropic: the body's <c>model</c>; Gemini: the URL segment before <c>:generateContent</c>), compared ordinally.
    /// </summary>
    /// <param name="model">The model name, e.g. <c>gpt-5-mini</c>.</param>
    public ModelScript Model(string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        return _scripts.GetOrAdd(model, static m => new ModelScript(m));
    }

    /// <summary>
    /// The scripted model list of a provider, served by <c>GET /openai/v1/models</c>, <c>GET /anthropic/v1/models</c>
    /// (paged with <c>limit</c> / <c>after_id</c>) and <c>GET /gemini/v1beta/models</c> (paged with <c>pageSize</c> / <c>pageToken</c>).
    /// </summary>
    /// <param name="provider">The provider.</param>
    public SimulatedModelList ModelList(SimulatedProvider provider) =>
        _lists.GetOrAdd(provider, static p => new SimulatedModelList(p, 1000));

    /// <summary>Requests received that named <paramref name="model"/>.</summary>
    /// <param name="model">The model name.</param>
    public int RequestCount(string model) => _modelCounts.TryGetValue(model, out var n) ? n : 0;

    /// <summary>Requests received by <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The endpoint.</param>
    public int RequestCount(SimulatorEndpoint endpoint) => _endpointCounts.TryGetValue(endpoint, out var n) ? n : 0;

    /// <summary>The most recent request that named <paramref name="model"/>, or null.</summary>
    /// <param name="model">The model name.</param>
    public SimulatedRequest? LastRequestFor(string model) => _log.LastOrDefault(r => r.Model == model);

    /// <summary>Forgets every model script, count and recorded request. <see cref="ModelScript"/> instances obtained earlier are detached: call <see cref="Model(string)"/> again.</summary>
    public void Reset()
    {
        _scripts.Clear();
        _lists.Clear();
        _modelCounts.Clear();
        _endpointCounts.Clear();
        _log.Clear();
        Interlocked.Exchange(ref _total, 0);
    }

    /// <summary>Stops the server; requests still waiting on scripted latency are abandoned.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A connection that did not close in time is dropped.
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var ct = linked.Token;
        try
        {
            var path = context.Request.Path.Value ?? "/";
            while (path.Contains("//", StringComparison.Ordinal))
            {
                path = path.Replace("//", "/", StringComparison.Ordinal);
            }

            path = path.TrimEnd('/');
            var method = context.Request.Method;
            if (HttpMethods.IsGet(method) && path == "/openai/v1/models")
            {
                await ListModelsAsync(context, ct).ConfigureAwait(false);
            }
            else if (HttpMethods.IsGet(method) && path is "/anthropic/v1/models" or "/gemini/v1beta/models")
            {
                await ListModelsAsync(context, path.StartsWith("/anthropic/", StringComparison.Ordinal) ? SimulatedProvider.Anthropic : SimulatedProvider.Gemini, ct).ConfigureAwait(false);
            }
            else if (HttpMethods.IsPost(method) && path == "/openai/v1/chat/completions")
            {
                await HandleGenerationAsync(context, _openAI, SimulatorEndpoint.OpenAIChatCompletions, null, ct).ConfigureAwait(false);
            }
            else if (HttpMethods.IsPost(method) && path == "/anthropic/v1/messages")
            {
                await HandleGenerationAsync(context, _anthropic, SimulatorEndpoint.AnthropicMessages, null, ct).ConfigureAwait(false);
            }
            else if (HttpMethods.IsPost(method) && path.StartsWith("/gemini/v1beta/models/", StringComparison.Ordinal)
                && path["/gemini/v1beta/models/".Length..] is var rest && rest.LastIndexOf(':') is var colon and > 0
                && rest[(colon + 1)..] is "generateContent" or "streamGenerateContent")
            {
                var endpoint = rest[(colon + 1)..] == "generateContent" ? SimulatorEndpoint.GeminiGenerateContent : SimulatorEndpoint.GeminiStreamGenerateContent;
                await HandleGenerationAsync(context, _gemini, endpoint, Uri.UnescapeDataString(rest[..colon]), ct).ConfigureAwait(false);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"error\":{\"message\":\"Unknown simulator route.\",\"type\":\"invalid_request_error\",\"code\":\"unknown_url\"}}", ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away, or the simulator is stopping: never let an abandoned request look answered.
            context.Abort();
        }
        catch (IOException)
        {
            // The client closed the connection mid-answer.
        }
    }

    private async Task ListModelsAsync(HttpContext context, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        Record(new SimulatedRequest(SimulatorEndpoint.OpenAIModels, null, string.Empty, false, now));
        if (_openAI.CheckAuth(context.Request, new ParsedRequest(), now) is { } denied)
        {
            await WriteAsync(context, _openAI, denied.Status, "application/json", denied.Body, denied.Headers, ct).ConfigureAwait(false);
            return;
        }

        var list = ModelList(SimulatedProvider.OpenAI);
        var (models, fault, _) = list.Snapshot();
        if (!list.IsScripted)
        {
            models = _scripts.Values.Where(s => !s.IsSwitchedOff(now)).OrderBy(s => s.ModelId, StringComparer.Ordinal).Select(s => new SimulatedListedModel(s.ModelId)).ToArray();
        }

        var body = ModelListBodies.OpenAI(models, now);
        await WriteAsync(context, _openAI, 200, "application/json", ModelListBodies.Faulty(fault, body) ?? body, [], ct).ConfigureAwait(false);
    }

    private async Task ListModelsAsync(HttpContext context, SimulatedProvider provider, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var dialect = provider == SimulatedProvider.Anthropic ? _anthropic : _gemini;
        Record(new SimulatedRequest(provider == SimulatedProvider.Anthropic ? SimulatorEndpoint.AnthropicModels : SimulatorEndpoint.GeminiModels, null, string.Empty, false, now));
        if (dialect.CheckAuth(context.Request, new ParsedRequest(), now) is { } denied)
        {
            await WriteAsync(context, dialect, denied.Status, "application/json", denied.Body, denied.Headers, ct).ConfigureAwait(false);
            return;
        }

        var (models, fault, pageSize) = ModelList(provider).Snapshot();
        var query = context.Request.Query;
        string body;
        if (provider == SimulatedProvider.Anthropic)
        {
            var limit = Math.Min(pageSize, int.TryParse(query["limit"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l is >= 1 and <= 1000 ? l : 20);
            body = ModelListBodies.Anthropic(models, SimulatedModelList.IndexAfter(models, query["after_id"].ToString()), limit, now);
        }
        else
        {
            var size = Math.Min(pageSize, int.TryParse(query["pageSize"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? Math.Min(p, 1000) : 50);
            var start = int.TryParse(query["pageToken"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 0;
            body = ModelListBodies.Gemini(models, start, size);
        }

        await WriteAsync(context, dialect, 200, "application/json", ModelListBodies.Faulty(fault, body) ?? body, [], ct).ConfigureAwait(false);
    }

    private async Task HandleGenerationAsync(HttpContext context, Dialect dialect, SimulatorEndpoint endpoint, string? pathModel, CancellationToken ct)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        var request = dialect.Parse(body, pathModel, context.Request);
        if (endpoint == SimulatorEndpoint.GeminiStreamGenerateContent)
        {
            request.Stream = true;
        }

        Record(new SimulatedRequest(endpoint, request.Model, body, request.Stream, now));

        if (dialect.CheckAuth(context.Request, request, now) is { } denied)
        {
            await WriteErrorAsync(context, dialect, request, denied, ct).ConfigureAwait(false);
            return;
        }

        if (request.Invalid is not null || request.Model is null)
        {
            var invalid = dialect.Error(SimulatedBehavior.MalformedRequest(request.Invalid ?? "model is required"), request, ModelScript.DefaultContextWindow, now);
            await WriteErrorAsync(context, dialect, request, invalid, ct).ConfigureAwait(false);
            return;
        }

        var decision = Model(request.Model).Next(now, request.LastUserMessage, request.WantsJson, request.PromptTokens, request.EndsWithAssistant, request.OffersTools, request.AnswersTool);
        var behavior = decision.Behavior;
        if (behavior.Latency > TimeSpan.Zero)
        {
            await WaitOnClockAsync(behavior.Latency, ct).ConfigureAwait(false);
            now = _time.GetUtcNow();
        }

        await ExecuteAsync(context, dialect, request, decision, now, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits on the simulator's clock, counted in <see cref="RequestsWaitingOnLatency"/> so a test can advance a fake
    /// clock once the timer is registered. Used for latency before the headers and for every wait inside a stream.
    /// </summary>
    private async Task WaitOnClockAsync(TimeSpan delay, CancellationToken ct)
    {
        var wait = Task.Delay(delay, _time, ct);
        LatencyWaiters(+1);
        try
        {
            await wait.ConfigureAwait(false);
        }
        finally
        {
            LatencyWaiters(-1);
        }
    }

    private async Task ExecuteAsync(HttpContext context, Dialect dialect, ParsedRequest request, ModelScript.Decision decision, DateTimeOffset now, CancellationToken ct)
    {
        var behavior = decision.Behavior;
        var reply = Reply.Create(request, decision.Text, now) with { ToolCall = decision.ToolCall };
        switch (behavior.Kind)
        {
            case SimulatedBehaviorKind.Success:
                if (request.Stream)
                {
                    await WriteEventsAsync(context, dialect, request, dialect.StreamEvents(request, reply), int.MaxValue, ct).ConfigureAwait(false);
                }
                else
                {
                    await WriteAsync(context, dialect, 200, "application/json", dialect.JsonBody(request, reply), [], ct).ConfigureAwait(false);
                }

                break;

            case SimulatedBehaviorKind.ResetConnection:
                context.Abort();
                break;

            case SimulatedBehaviorKind.ResetAfterChunks:
            {
                // Announce the full length, send only part of it, and end: Kestrel then closes the connection
                // (FIN, not RST), so the client reads the partial body and then fails with an IOException.
                // An RST would make the client's kernel discard data it has not read yet.
                string partial;
                int total;
                if (request.Stream)
                {
                    var events = dialect.StreamEvents(request, reply);
                    total = Encoding.UTF8.GetByteCount(string.Concat(events));
                    partial = string.Concat(events.Take(behavior.ChunkCount));
                }
                else
                {
                    var json = dialect.JsonBody(request, reply);
                    total = Encoding.UTF8.GetByteCount(json);
                    partial = json[..(json.Length / 2)];
                }

                Prepare(context, dialect, 200, request.Stream ? dialect.StreamContentType(request) : "application/json");
                context.Response.Headers.Connection = "close";
                context.Response.ContentLength = Math.Max(total, Encoding.UTF8.GetByteCount(partial) + 1);
                await context.Response.StartAsync(ct).ConfigureAwait(false);
                await context.Response.WriteAsync(partial, ct).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                break;
            }

            case SimulatedBehaviorKind.MalformedJson:
                if (request.Stream)
                {
                    await WriteEventsAsync(context, dialect, request, dialect.MalformedStreamEvents(request), int.MaxValue, ct).ConfigureAwait(false);
                }
                else
                {
                    var id = Wire.RandomId("sim-", 12);
                    await WriteAsync(context, dialect, 200, "application/json", "{\"id\": \"" + id + "\", \"choices\": [{\"message\": {\"content\": " + decision.Text.Length.ToString(CultureInfo.InvariantCulture) + " oops}}],, }", [], ct).ConfigureAwait(false);
                }

                break;

            case SimulatedBehaviorKind.HtmlErrorPage:
                await WriteAsync(context, dialect, 502, "text/html", "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", [], ct).ConfigureAwait(false);
                break;

            case SimulatedBehaviorKind.EmptyBody:
                await WriteAsync(context, dialect, 200, request.Stream ? dialect.StreamContentType(request) : "application/json", string.Empty, [], ct).ConfigureAwait(false);
                break;

            case SimulatedBehaviorKind.StreamCutMidEvent:
                if (request.Stream)
                {
                    var events = dialect.StreamEvents(request, reply);
                    var keep = Math.Max(1, events.Count / 2);
                    var cut = events[keep];
                    events = [.. events.Take(keep), cut[..(cut.Length / 2)]];
                    await WriteEventsAsync(context, dialect, request, events, int.MaxValue, ct).ConfigureAwait(false);
                }
                else
                {
                    var json = dialect.JsonBody(request, reply);
                    await WriteAsync(context, dialect, 200, "application/json", json[..(json.Length / 2)], [], ct).ConfigureAwait(false);
                }

                break;

            case SimulatedBehaviorKind.LateFirstToken or SimulatedBehaviorKind.StreamStall when !request.Stream:
                await WaitOnClockAsync(behavior.Delay, ct).ConfigureAwait(false);
                await WriteAsync(context, dialect, 200, "application/json", dialect.JsonBody(request, reply with { Now = _time.GetUtcNow() }), [], ct).ConfigureAwait(false);
                break;

            case SimulatedBehaviorKind.LateFirstToken:
            {
                var events = dialect.StreamEvents(request, reply);
                await WriteEventsAsync(context, dialect, request, events, dialect.LeadingEvents, ct).ConfigureAwait(false);
                await WaitOnClockAsync(behavior.Delay, ct).ConfigureAwait(false);
                await WriteMoreEventsAsync(context, events.Skip(dialect.LeadingEvents), ct).ConfigureAwait(false);
                break;
            }

            case SimulatedBehaviorKind.StreamStall:
            {
                var events = dialect.StreamEvents(request, reply);
                await WriteEventsAsync(context, dialect, request, events, behavior.ChunkCount, ct).ConfigureAwait(false);
                await WaitOnClockAsync(behavior.Delay, ct).ConfigureAwait(false);
                await WriteMoreEventsAsync(context, events.Skip(behavior.ChunkCount), ct).ConfigureAwait(false);
                break;
            }

            case SimulatedBehaviorKind.MalformedEventMidStream when request.Stream:
            {
                var events = dialect.StreamEvents(request, reply);
                var at = Math.Max(dialect.LeadingEvents + 1, (events.Count - dialect.TrailingEvents(request)) / 2);
                events.Insert(Math.Min(at, events.Count - dialect.TrailingEvents(request)), dialect.MalformedEvent(request));
                await WriteEventsAsync(context, dialect, request, events, int.MaxValue, ct).ConfigureAwait(false);
                break;
            }

            case SimulatedBehaviorKind.MissingEndMarker when request.Stream:
            {
                var events = dialect.StreamEvents(request, reply);
                await WriteEventsAsync(context, dialect, request, events, events.Count - dialect.EndMarkerEvents, ct).ConfigureAwait(false);
                break;
            }

            case SimulatedBehaviorKind.CutAfterChunks when request.Stream:
            {
                var events = dialect.StreamEvents(request, reply);
                await WriteEventsAsync(context, dialect, request, events, Math.Min(behavior.ChunkCount, events.Count - dialect.TrailingEvents(request)), ct).ConfigureAwait(false);
                break;
            }

            case SimulatedBehaviorKind.CutAfterChunks:
            {
                var json = dialect.JsonBody(request, reply);
                await WriteAsync(context, dialect, 200, "application/json", json[..(json.Length / 2)], [], ct).ConfigureAwait(false);
                break;
            }

            case SimulatedBehaviorKind.OversizedEvent when request.Stream:
            {
                var events = dialect.StreamEvents(request, reply);
                events.Insert(dialect.LeadingEvents, dialect.ContentEvent(request, new string('x', behavior.Size), first: dialect.LeadingEvents == 0));
                if (dialect.LeadingEvents == 0 && !request.GeminiSse && dialect.Provider == SimulatedProvider.Gemini)
                {
                    // The JSON-array framing opens with '[' on the first element only: the original first one now follows.
                    events[1] = "," + dialect.Eol + events[1][1..];
                }

                await WriteEventsAsync(context, dialect, request, events, int.MaxValue, ct).ConfigureAwait(false);
                break;
            }

            case SimulatedBehaviorKind.EndlessStream when request.Stream:
            {
                var events = dialect.StreamEvents(request, reply);
                await WriteEventsAsync(context, dialect, request, events, dialect.LeadingEvents, ct).ConfigureAwait(false);
                for (var i = 0; ; i++)
                {
                    if (behavior.Delay > TimeSpan.Zero)
                    {
                        await WaitOnClockAsync(behavior.Delay, ct).ConfigureAwait(false);
                    }

                    ct.ThrowIfCancellationRequested();
                    await WriteMoreEventsAsync(context, [dialect.ContentEvent(request, "more ", first: i == 0 && dialect.LeadingEvents == 0)], ct).ConfigureAwait(false);
                }
            }

            case SimulatedBehaviorKind.HeadersThenNothing or SimulatedBehaviorKind.EndlessStream:
                Prepare(context, dialect, 200, request.Stream ? dialect.StreamContentType(request) : "application/json");
                await context.Response.StartAsync(ct).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                break;

            case SimulatedBehaviorKind.MalformedEventMidStream or SimulatedBehaviorKind.MissingEndMarker or SimulatedBehaviorKind.OversizedEvent:
                // Stream-only faults: a request that is not streamed gets a normal answer.
                await WriteAsync(context, dialect, 200, "application/json", dialect.JsonBody(request, reply), [], ct).ConfigureAwait(false);
                break;

            default:
                await WriteErrorAsync(context, dialect, request, dialect.Error(behavior, request, decision.ContextWindow, now), ct).ConfigureAwait(false);
                break;
        }
    }

    private static async Task WriteMoreEventsAsync(HttpContext context, IEnumerable<string> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            await context.Response.WriteAsync(e, ct).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    private static Task WriteErrorAsync(HttpContext context, Dialect dialect, ParsedRequest request, ErrorAnswer error, CancellationToken ct)
    {
        // A 200 "error" (Gemini's blocked prompt) arrives in the requested shape: one stream chunk when streaming.
        if (error.Status == 200 && request.Stream)
        {
            var framed = request.GeminiSse || dialect.Provider != SimulatedProvider.Gemini
                ? "data: " + error.Body + dialect.Eol + dialect.Eol
                : "[" + error.Body + "]";
            return WriteEventsAsync(context, dialect, request, [framed], int.MaxValue, ct);
        }

        return WriteAsync(context, dialect, error.Status, "application/json", error.Body, error.Headers, ct);
    }

    private static void Prepare(HttpContext context, Dialect dialect, int status, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        foreach (var header in dialect.CommonHeaders())
        {
            context.Response.Headers[header.Key] = header.Value;
        }
    }

    private static async Task WriteAsync(HttpContext context, Dialect dialect, int status, string contentType, string body, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken ct)
    {
        Prepare(context, dialect, status, contentType);
        foreach (var header in headers)
        {
            context.Response.Headers[header.Key] = header.Value;
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, ct).ConfigureAwait(false);
    }

    private static async Task WriteEventsAsync(HttpContext context, Dialect dialect, ParsedRequest request, IReadOnlyList<string> events, int limit, CancellationToken ct)
    {
        Prepare(context, dialect, 200, dialect.StreamContentType(request));
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync(ct).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(ct).ConfigureAwait(false); // the headers go out now, even before any event
        for (var i = 0; i < events.Count && i < limit; i++)
        {
            await context.Response.WriteAsync(events[i], ct).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    private void LatencyWaiters(int change)
    {
        Interlocked.Add(ref _waitingOnLatency, change);
        Interlocked.Exchange(ref _latencyChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private void Record(SimulatedRequest request)
    {
        Interlocked.Increment(ref _total);
        _endpointCounts.AddOrUpdate(request.Endpoint, 1, static (_, n) => n + 1);
        if (request.Model is not null)
        {
            _modelCounts.AddOrUpdate(request.Model, 1, static (_, n) => n + 1);
        }

        _log.Enqueue(request);
        while (_log.Count > RequestLogCapacity && _log.TryDequeue(out _))
        {
        }
    }
}
