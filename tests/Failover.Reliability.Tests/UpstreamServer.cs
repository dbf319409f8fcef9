using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Failover.Reliability.Tests;

/// <summary>
/// A misbehaving upstream on 127.0.0.1 speaking the OpenAI (<c>/openai/v1/</c>), Anthropic (<c>/anthropic/</c>) and
/// Gemini (<c>/gemini/</c>) wire formats. Each request is answered with the <see cref="UpstreamFault"/> that
/// <see cref="Choose"/> picks; every error text, code, type and header echoes the credential the request carried
/// (read back from its <c>Authorization</c>, <c>x-api-key</c>, <c>x-goog-api-key</c> or <c>api-key</c> header), at
/// many offsets so that some copy straddles every place a message may be cut.
/// </summary>
/// <remarks>
/// It lives in this project rather than in <c>Failover.Testing</c> because echoing a secret is a test of the library,
/// not a behaviour a user's simulator should offer. Hangs and stalls wait for the client to give up (the request is
/// aborted), never on a clock.
/// </remarks>
public sealed class UpstreamServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private UpstreamServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public Uri OpenAIBaseUrl => new(BaseAddress, "openai/v1/");

    public Uri AnthropicBaseUrl => new(BaseAddress, "anthropic/");

    public Uri GeminiBaseUrl => new(BaseAddress, "gemini/");

    /// <summary>Picks the answer of a request (its sequence number, 0-based); <see cref="UpstreamFault.None"/> by default.</summary>
    public Func<int, UpstreamFault> Choose { get; set; } = static _ => UpstreamFault.None;

    public int RequestCount => Volatile.Read(ref _requests);

    public static async Task<UpstreamServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        var server = new UpstreamServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri("http://127.0.0.1:" + new Uri(address).Port + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The credential a request carried, without its scheme.</summary>
    private static string CredentialOf(HttpRequest request)
    {
        foreach (var name in new[] { "Authorization", "x-api-key", "x-goog-api-key", "api-key" })
        {
            if (request.Headers.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 } text)
            {
                return text.StartsWith("Bearer ", StringComparison.Ordinal) ? text["Bearer ".Length..] : text;
            }
        }

        return "no-credential";
    }

    /// <summary>A long message with the secret at many offsets (so one copy straddles any cut at 200, 300 or 600).</summary>
    public static string Echo(string secret)
    {
        var text = new StringBuilder("Incorrect API key provided: ");
        for (var i = 0; i < 30; i++)
        {
            text.Append(secret).Append(' ').Append('x', (i * 7 % 13) + 1).Append(' ');
        }

        return text.Append("You can find your API key at https://example.invalid/keys.").ToString();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _requests) - 1;
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var wire = path.StartsWith("/anthropic/", StringComparison.Ordinal) ? Wire.Anthropic
            : path.StartsWith("/gemini/", StringComparison.Ordinal) ? Wire.Gemini
            : Wire.OpenAI;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var stream = wire == Wire.Gemini ? path.Contains("streamGenerateContent", StringComparison.Ordinal) : body.Contains("\"stream\":true", StringComparison.Ordinal);
        var secret = CredentialOf(request);
        var fault = Choose(number);
        var response = context.Response;
        response.Headers["x-request-id"] = secret;
        try
        {
            await AnswerAsync(context, wire, stream, fault, secret);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up on a hang or a stall: that is the point.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private static async Task AnswerAsync(HttpContext context, Wire wire, bool stream, UpstreamFault fault, string secret)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        switch (fault)
        {
            case UpstreamFault.None:
                if (stream)
                {
                    await StreamAsync(context, wire, Events(wire, "Hello", finish: true));
                }
                else
                {
                    await JsonAsync(response, 200, Success(wire, "Hello"));
                }

                return;
            case UpstreamFault.RateLimitedWithRetryAfter:
                // OpenAI's millisecond form, short: the engine honours retry-after by cooling the model down, and a whole
                // second would keep the primary out of a sub-second load run entirely (the primary must stay exercised).
                response.Headers.RetryAfter = "1";
                response.Headers["retry-after-ms"] = "50";
                await JsonAsync(response, 429, Error(wire, 429, "rate_limit_exceeded", secret));
                return;
            case UpstreamFault.RateLimitedWithoutRetryAfter:
                await JsonAsync(response, 429, Error(wire, 429, "rate_limit_exceeded", secret));
                return;
            case UpstreamFault.RateLimitedWithGarbageRetryAfter:
                response.Headers.RetryAfter = secret;
                await JsonAsync(response, 429, Error(wire, 429, secret, secret));
                return;
            case UpstreamFault.BadRequest:
                await JsonAsync(response, 400, Error(wire, 400, secret, secret));
                return;
            case UpstreamFault.ContextLength:
                await JsonAsync(response, 400, Error(wire, 400, "context_length_exceeded", "maximum context length exceeded. " + Echo(secret)));
                return;
            case UpstreamFault.Unauthorized:
                response.Headers.WWWAuthenticate = "Bearer realm=\"" + secret + "\"";
                await JsonAsync(response, 401, Error(wire, 401, secret, secret));
                return;
            case UpstreamFault.Forbidden:
                await JsonAsync(response, 403, Error(wire, 403, secret, secret));
                return;
            case UpstreamFault.ModelNotFound:
                await JsonAsync(response, 404, Error(wire, 404, "model_not_found", secret));
                return;
            case UpstreamFault.ServerError:
                await JsonAsync(response, 500, Error(wire, 500, secret, secret));
                return;
            case UpstreamFault.BadGatewayHtml:
                await TextAsync(response, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1><p>" + Echo(secret) + "</p></body></html>");
                return;
            case UpstreamFault.Unavailable:
                await JsonAsync(response, 503, Error(wire, 503, secret, secret));
                return;
            case UpstreamFault.Overloaded:
                await JsonAsync(response, 529, Error(wire, 529, "overloaded_error", secret));
                return;
            case UpstreamFault.EmptyErrorBody:
                response.StatusCode = 500;
                return;
            case UpstreamFault.UnrecognisedErrorBody:
                await TextAsync(response, 500, "application/json", "{\"detail\":\"" + Echo(secret) + "\"}");
                return;
            case UpstreamFault.ErrorIn200:
                if (stream)
                {
                    await JsonAsync(response, 200, Error(wire, 500, secret, secret));
                }
                else
                {
                    await JsonAsync(response, 200, Error(wire, 500, secret, secret));
                }

                return;
            case UpstreamFault.HtmlIn200:
                await TextAsync(response, 200, "text/html", "<html>" + Echo(secret) + "</html>");
                return;
            case UpstreamFault.MalformedJson:
                await TextAsync(response, 200, "application/json", "{\"choices\":[{\"message\":{\"content\":\"" + Echo(secret));
                return;
            case UpstreamFault.Refusal:
                await JsonAsync(response, 200, Refusal(wire, secret));
                return;
            case UpstreamFault.UnknownFinishReason:
                await JsonAsync(response, 200, Finished(wire, secret));
                return;
            case UpstreamFault.Reset:
                context.Abort();
                return;
            case UpstreamFault.Hang:
                await Task.Delay(Timeout.Infinite, aborted);
                return;
            case UpstreamFault.StreamErrorEvent:
                await StreamAsync(context, wire, [StreamError(wire, secret)]);
                return;
            case UpstreamFault.StreamErrorAfterChunk:
                await StreamAsync(context, wire, [.. Events(wire, "Hel", finish: false), StreamError(wire, secret)]);
                return;
            case UpstreamFault.StreamCut:
                await StreamAsync(context, wire, [.. Events(wire, "Hel", finish: false), ("data: {\"partial\":\"" + Echo(secret), false)]);
                return;
            case UpstreamFault.StreamResetAfterChunk:
                await StreamAsync(context, wire, Events(wire, "Hel", finish: false));
                context.Abort();
                return;
            case UpstreamFault.StreamStall:
                await StreamAsync(context, wire, Events(wire, "Hel", finish: false));
                await Task.Delay(Timeout.Infinite, aborted);
                return;
            case UpstreamFault.StreamMalformedEvent:
                await StreamAsync(context, wire, [.. Events(wire, "Hel", finish: false), ("data: {not json " + Echo(secret) + "\n\n", false)]);
                return;
            case UpstreamFault.StreamWithoutFinish:
                await StreamAsync(context, wire, Events(wire, "Hel", finish: false));
                return;
        }
    }

    private static async Task JsonAsync(HttpResponse response, int status, object body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static async Task TextAsync(HttpResponse response, int status, string mediaType, string text)
    {
        response.StatusCode = status;
        response.ContentType = mediaType;
        await response.WriteAsync(text);
    }

    /// <summary>Writes raw SSE frames (already framed when <c>Raw</c>), flushing each.</summary>
    private static async Task StreamAsync(HttpContext context, Wire wire, IEnumerable<(string Frame, bool Complete)> frames)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        foreach (var (frame, _) in frames)
        {
            await response.WriteAsync(frame, context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static (string, bool) Data(object payload, string? eventName = null) =>
        ((eventName is null ? string.Empty : "event: " + eventName + "\n") + "data: " + JsonSerializer.Serialize(payload) + "\n\n", true);

    private static List<(string, bool)> Events(Wire wire, string text, bool finish)
    {
        var frames = new List<(string, bool)>();
        switch (wire)
        {
            case Wire.OpenAI:
                frames.Add(Data(new { id = "c1", @object = "chat.completion.chunk", model = "m", choices = new[] { new { index = 0, delta = new { role = "assistant", content = text }, finish_reason = (string?)null } } }));
                if (finish)
                {
                    frames.Add(Data(new { id = "c1", @object = "chat.completion.chunk", model = "m", choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } } }));
                    frames.Add(("data: [DONE]\n\n", true));
                }

                break;
            case Wire.Anthropic:
                frames.Add(Data(new { type = "message_start", message = new { id = "m1", type = "message", role = "assistant", model = "m", content = Array.Empty<object>(), usage = new { input_tokens = 1, output_tokens = 0 } } }, "message_start"));
                frames.Add(Data(new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } }, "content_block_start"));
                frames.Add(Data(new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text } }, "content_block_delta"));
                if (finish)
                {
                    frames.Add(Data(new { type = "content_block_stop", index = 0 }, "content_block_stop"));
                    frames.Add(Data(new { type = "message_delta", delta = new { stop_reason = "end_turn" }, usage = new { output_tokens = 1 } }, "message_delta"));
                    frames.Add(Data(new { type = "message_stop" }, "message_stop"));
                }

                break;
            default:
                frames.Add(Data(new { candidates = new[] { new { content = new { parts = new[] { new { text } }, role = "model" }, index = 0 } } }));
                if (finish)
                {
                    frames.Add(Data(new { candidates = new[] { new { content = new { parts = new[] { new { text = "" } }, role = "model" }, finishReason = "STOP", index = 0 } }, usageMetadata = new { promptTokenCount = 1, candidatesTokenCount = 1, totalTokenCount = 2 } }));
                }

                break;
        }

        return frames;
    }

    private static (string, bool) StreamError(Wire wire, string secret) => wire == Wire.Anthropic
        ? Data(Error(wire, 500, secret, secret), "error")
        : Data(Error(wire, 500, secret, secret));

    private static object Success(Wire wire, string text) => wire switch
    {
        Wire.OpenAI => new { id = "r1", @object = "chat.completion", model = "m", choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } }, usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 } },
        Wire.Anthropic => new { id = "m1", type = "message", role = "assistant", model = "m", content = new[] { new { type = "text", text } }, stop_reason = "end_turn", usage = new { input_tokens = 1, output_tokens = 1 } },
        _ => (object)new { candidates = new[] { new { content = new { parts = new[] { new { text } }, role = "model" }, finishReason = "STOP", index = 0 } }, usageMetadata = new { promptTokenCount = 1, candidatesTokenCount = 1, totalTokenCount = 2 } },
    };

    /// <summary>The provider's error body, the secret in message, type and code (Gemini: status and ErrorInfo reason).</summary>
    private static object Error(Wire wire, int status, string code, string secret) => wire switch
    {
        Wire.OpenAI => new { error = new { message = Echo(secret), type = secret, code, param = secret } },
        Wire.Anthropic => new { type = "error", error = new { type = code == secret ? secret : code, message = Echo(secret) } },
        _ => (object)new { error = new { code = status, message = Echo(secret), status = secret, details = new object[] { new Dictionary<string, object> { ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo", ["reason"] = code, ["domain"] = secret } } } },
    };

    private static object Refusal(Wire wire, string secret) => wire switch
    {
        Wire.OpenAI => new { id = "r1", @object = "chat.completion", model = "m", choices = new[] { new { index = 0, message = new { role = "assistant", content = (string?)null, refusal = Echo(secret) }, finish_reason = "stop" } } },
        Wire.Anthropic => new { id = "m1", type = "message", role = "assistant", model = "m", content = new[] { new { type = "text", text = "" } }, stop_reason = "refusal", usage = new { input_tokens = 1, output_tokens = 1 } },
        _ => (object)new { promptFeedback = new { blockReason = "SAFETY", blockReasonMessage = Echo(secret) } },
    };

    /// <summary>A 200 whose finish reason is the secret: an unknown reason the readers must not echo raw.</summary>
    private static object Finished(Wire wire, string secret) => wire switch
    {
        Wire.OpenAI => new { id = "r1", @object = "chat.completion", model = "m", choices = new[] { new { index = 0, message = new { role = "assistant", content = "Hello" }, finish_reason = secret } } },
        Wire.Anthropic => new { id = "m1", type = "message", role = "assistant", model = "m", content = new[] { new { type = "text", text = "Hello" } }, stop_reason = secret, usage = new { input_tokens = 1, output_tokens = 1 } },
        _ => (object)new { candidates = new[] { new { content = new { parts = new[] { new { text = "Hello" } }, role = "model" }, finishReason = secret, index = 0 } } },
    };

    private enum Wire
    {
        OpenAI,
        Anthropic,
        Gemini,
    }
}
