using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace Failover.Providers.Tests;

/// <summary>Every error row per provider: real error bodies and headers → exact kind, status, code and retry-after.</summary>
public sealed class ErrorMappingTests
{
    public static TheoryData<string, int, string, string[], FailureKind, string?, double?> Rows() => new()
    {
        // ---- OpenAI ----
        { "openai", 429, """{"error":{"message":"Rate limit reached for gpt-5-mini in organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""",
            ["retry-after", "20"], FailureKind.RateLimited, "rate_limit_exceeded", 20 },
        { "openai", 429, """{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""",
            ["retry-after-ms", "1500", "retry-after", "2"], FailureKind.RateLimited, "rate_limit_exceeded", 1.5 },
        { "openai", 429, """{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""",
            ["retry-after", "Sun, 01 Mar 2026 12:00:30 GMT"], FailureKind.RateLimited, "rate_limit_exceeded", 30 },
        { "openai", 429, """{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""",
            ["x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1s", "x-ratelimit-remaining-tokens", "9000", "x-ratelimit-reset-tokens", "6m0s"], FailureKind.RateLimited, "rate_limit_exceeded", 1 },
        { "openai", 429, """{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""",
            ["x-ratelimit-reset-requests", "250ms", "x-ratelimit-reset-tokens", "6m0s"], FailureKind.RateLimited, "rate_limit_exceeded", 360 },
        { "openai", 429, """{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""",
            [], FailureKind.QuotaExhausted, "insufficient_quota", null },
        { "openai", 503, """{"error":{"message":"The engine is currently overloaded, please try again later","type":"server_error","param":null,"code":null}}""",
            [], FailureKind.Overloaded, "server_error", null },
        { "openai", 500, """{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}""",
            [], FailureKind.ServerError, "server_error", null },
        { "openai", 502, """{"error":{"message":"Bad gateway.","type":"cf_bad_gateway","param":null,"code":502}}""",
            [], FailureKind.ServerError, "502", null },
        { "openai", 404, """{"error":{"message":"The model `gpt-5-mini` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}""",
            [], FailureKind.ModelUnavailable, "model_not_found", null },
        { "openai", 401, """{"error":{"message":"Incorrect API key provided: sk-test-***cdef. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""",
            [], FailureKind.Auth, "invalid_api_key", null },
        { "openai", 403, """{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","param":null,"type":"request_forbidden"}}""",
            [], FailureKind.Auth, "unsupported_country_region_territory", null },
        { "openai", 400, """{"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130251 tokens. Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""",
            [], FailureKind.ContextLengthExceeded, "context_length_exceeded", null },
        { "openai", 400, """{"error":{"message":"Your request was rejected as a result of our safety system.","type":"invalid_request_error","param":null,"code":"content_policy_violation"}}""",
            [], FailureKind.ContentPolicy, "content_policy_violation", null },
        { "openai", 400, """{"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.","type":null,"param":"prompt","code":"content_filter","status":400}}""",
            [], FailureKind.ContentPolicy, "content_filter", null },
        { "openai", 400, """{"error":{"message":"Invalid value for 'temperature': expected a number between 0 and 2.","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}""",
            [], FailureKind.MalformedRequest, "invalid_value", null },
        // ---- Anthropic ----
        { "anthropic", 429, """{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 50,000 input tokens per minute."},"request_id":"req_011"}""",
            ["retry-after", "17"], FailureKind.RateLimited, "rate_limit_error", 17 },
        { "anthropic", 429, """{"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your per-minute rate limit"}}""",
            ["anthropic-ratelimit-requests-remaining", "0", "anthropic-ratelimit-requests-reset", "2026-03-01T12:00:05Z", "anthropic-ratelimit-tokens-remaining", "5000", "anthropic-ratelimit-tokens-reset", "2026-03-01T12:00:40Z"],
            FailureKind.RateLimited, "rate_limit_error", 5 },
        { "anthropic", 429, """{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}}""",
            ["anthropic-ratelimit-tokens-reset", "2026-03-01T12:00:12.5Z"], FailureKind.RateLimited, "rate_limit_error", 12.5 },
        { "anthropic", 529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":null}""",
            [], FailureKind.Overloaded, "overloaded_error", null },
        { "anthropic", 500, """{"type":"error","error":{"type":"api_error","message":"Internal server error"}}""",
            [], FailureKind.ServerError, "api_error", null },
        { "anthropic", 404, """{"type":"error","error":{"type":"not_found_error","message":"model: claude-3-sonnet-20240229"},"request_id":"req_1"}""",
            [], FailureKind.ModelUnavailable, "not_found_error", null },
        { "anthropic", 401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""",
            [], FailureKind.Auth, "authentication_error", null },
        { "anthropic", 403, """{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}""",
            [], FailureKind.Auth, "permission_error", null },
        { "anthropic", 400, """{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 208310 tokens > 200000 maximum"}}""",
            [], FailureKind.ContextLengthExceeded, "invalid_request_error", null },
        { "anthropic", 413, """{"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}""",
            [], FailureKind.ContextLengthExceeded, "request_too_large", null },
        { "anthropic", 400, """{"type":"error","error":{"type":"invalid_request_error","message":"Output blocked by content filtering policy"}}""",
            [], FailureKind.ContentPolicy, "invalid_request_error", null },
        { "anthropic", 400, """{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."}}""",
            [], FailureKind.QuotaExhausted, "invalid_request_error", null },
        { "anthropic", 400, """{"type":"error","error":{"type":"invalid_request_error","message":"messages: roles must alternate between \"user\" and \"assistant\""}}""",
            [], FailureKind.MalformedRequest, "invalid_request_error", null },
        // ---- Gemini ----
        { "google", 429, """{"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"26s"}]}}""",
            [], FailureKind.RateLimited, "RESOURCE_EXHAUSTED", 26 },
        { "google", 429, """{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}""",
            ["retry-after", "4"], FailureKind.RateLimited, "RESOURCE_EXHAUSTED", 4 },
        { "google", 503, """{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}""",
            [], FailureKind.Overloaded, "UNAVAILABLE", null },
        { "google", 500, """{"error":{"code":500,"message":"An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting","status":"INTERNAL"}}""",
            [], FailureKind.ServerError, "INTERNAL", null },
        { "google", 504, """{"error":{"code":504,"message":"Deadline expired before operation could complete.","status":"DEADLINE_EXCEEDED"}}""",
            [], FailureKind.Timeout, "DEADLINE_EXCEEDED", null },
        { "google", 404, """{"error":{"code":404,"message":"models/gemini-1.0-pro is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.","status":"NOT_FOUND"}}""",
            [], FailureKind.ModelUnavailable, "NOT_FOUND", null },
        { "google", 400, """{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}""",
            [], FailureKind.Auth, "API_KEY_INVALID", null },
        { "google", 403, """{"error":{"code":403,"message":"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.","status":"PERMISSION_DENIED"}}""",
            [], FailureKind.Auth, "PERMISSION_DENIED", null },
        { "google", 400, """{"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}""",
            [], FailureKind.ContextLengthExceeded, "INVALID_ARGUMENT", null },
        { "google", 400, """{"error":{"code":400,"message":"* GenerateContentRequest.contents: contents is not specified\n","status":"INVALID_ARGUMENT"}}""",
            [], FailureKind.MalformedRequest, "INVALID_ARGUMENT", null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Error_row_maps_to_kind_status_code_and_retry_after(
        string provider, int status, string body, string[] headers, FailureKind kind, string? code, double? retryAfterSeconds)
    {
        var pairs = Enumerable.Range(0, headers.Length / 2).Select(i => (headers[2 * i], headers[(2 * i) + 1])).ToArray();
        var handler = new FakeHandler().Json(status, body, pairs);
        var client = Clients.ByName(provider, handler);
        var model = Clients.ModelFor(provider);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync(Clients.Hello(), Clients.For(model)));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.ProviderErrorCode);
        Assert.Equal(retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, error.RetryAfter);
        Assert.Contains($"{provider}/{model}", error.Message);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        AssertNoSecrets(error);

        // The engine's classifier takes the provider's verdict as is.
        var classified = FailureClassifier.Classify(error, default);
        Assert.Equal(kind, classified.Kind);
    }

    [Fact]
    public async Task Provider_message_is_included_but_truncated()
    {
        var longMessage = new string('x', 5000);
        var handler = new FakeHandler().Json(400, "{\"error\":{\"message\":\"" + longMessage + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.OpenAI(handler).GetResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini")));
        Assert.Contains("xxxx", error.Message);
        Assert.True(error.Message.Length < 1000, error.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_key_echoed_by_a_server_is_redacted()
    {
        var handler = new FakeHandler().Json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + Clients.OpenAIKey + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.OpenAI(handler).GetResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini")));
        AssertNoSecrets(error);
        Assert.Contains("[redacted]", error.Message);
    }

    [Fact]
    public async Task A_transport_failure_whose_message_holds_the_key_is_not_chained_where_no_redaction_runs()
    {
        var handler = new FakeHandler().Throw(new HttpRequestException("proxy rejected key " + Clients.OpenAIKey, new IOException("reset")));
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.OpenAI(handler).GetResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini")));

        AssertNoSecrets(error);
        Assert.DoesNotContain(Clients.OpenAIKey, error.ToString());
        Assert.Null(error.InnerException);
        Assert.Equal(FailureKind.Connection, error.Kind);
    }

    [Fact]
    public async Task A_transport_failure_without_the_key_keeps_its_inner_exception_for_diagnosis()
    {
        var handler = new FakeHandler().Throw(new HttpRequestException("connection reset", new IOException("reset")));
        var error = await Assert.ThrowsAsync<ProviderException>(() => Clients.OpenAI(handler).GetResponseAsync(Clients.Hello(), Clients.For("gpt-5-mini")));

        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    internal static void AssertNoSecrets(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            Assert.DoesNotContain(Clients.OpenAIKey, current.Message);
            Assert.DoesNotContain(Clients.AnthropicKey, current.Message);
            Assert.DoesNotContain(Clients.GeminiKey, current.Message);
            Assert.DoesNotContain("Authorization", current.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Bearer", current.Message, StringComparison.OrdinalIgnoreCase);
        }
    }
}
