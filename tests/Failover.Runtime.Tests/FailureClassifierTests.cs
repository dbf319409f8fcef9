using System.Net;
using Xunit;

namespace Failover.Runtime.Tests;

public sealed class FailureClassifierTests
{
    [Theory]
    [InlineData(429, null, null, null, FailureKind.RateLimited)]
    [InlineData(429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota", FailureKind.QuotaExhausted)]
    [InlineData(529, "overloaded_error", null, "Overloaded", FailureKind.Overloaded)]
    [InlineData(503, null, null, null, FailureKind.Overloaded)]
    [InlineData(500, "api_error", null, null, FailureKind.ServerError)]
    [InlineData(504, null, null, null, FailureKind.Timeout)]
    [InlineData(404, "invalid_request_error", "model_not_found", "The model `gpt-9` does not exist", FailureKind.ModelUnavailable)]
    [InlineData(404, "not_found_error", null, "model: claude-3-opus", FailureKind.ModelUnavailable)]
    [InlineData(404, null, "NOT_FOUND", "models/gemini-1.0 is not found", FailureKind.ModelUnavailable)]
    [InlineData(410, null, null, null, FailureKind.ModelUnavailable)]
    [InlineData(410, null, "FAILED_PRECONDITION", "Precondition check failed.", FailureKind.ModelUnavailable)]
    [InlineData(413, null, "FAILED_PRECONDITION", null, FailureKind.ContextLengthExceeded)]
    [InlineData(400, null, "FAILED_PRECONDITION", "User location is not supported", FailureKind.MalformedRequest)]
    [InlineData(400, "invalid_request_error", null, "The model `gpt-4-turbo` has been deprecated", FailureKind.ModelUnavailable)]
    [InlineData(401, "authentication_error", null, "invalid x-api-key", FailureKind.Auth)]
    [InlineData(403, null, "PERMISSION_DENIED", null, FailureKind.Auth)]
    [InlineData(400, "invalid_request_error", "context_length_exceeded", null, FailureKind.ContextLengthExceeded)]
    [InlineData(400, "invalid_request_error", null, "prompt is too long: 210000 tokens > 200000 maximum", FailureKind.ContextLengthExceeded)]
    [InlineData(400, null, "INVALID_ARGUMENT", "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).", FailureKind.ContextLengthExceeded)]
    [InlineData(413, "request_too_large", null, null, FailureKind.ContextLengthExceeded)]
    [InlineData(400, "invalid_request_error", "content_policy_violation", null, FailureKind.ContentPolicy)]
    [InlineData(400, null, "content_filter", null, FailureKind.ContentPolicy)]
    [InlineData(400, "invalid_request_error", null, "temperature must be between 0 and 2", FailureKind.MalformedRequest)]
    [InlineData(422, null, null, null, FailureKind.MalformedRequest)]
    [InlineData(429, null, "RESOURCE_EXHAUSTED", null, FailureKind.RateLimited)]
    [InlineData(503, null, "UNAVAILABLE", null, FailureKind.Overloaded)]
    public void Http_answers_map_to_one_kind(int status, string? type, string? code, string? message, FailureKind expected)
    {
        Assert.Equal(expected, FailureClassifier.FromHttp(status, type, code, message, null).Kind);
    }

    [Fact]
    public void Exceptions_map_to_kinds()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Equal(FailureKind.Cancelled, FailureClassifier.Classify(new OperationCanceledException(cancelled.Token), cancelled.Token).Kind);
        Assert.Equal(FailureKind.Timeout, FailureClassifier.Classify(new OperationCanceledException(), CancellationToken.None).Kind);
        Assert.Equal(FailureKind.Timeout, FailureClassifier.Classify(new TimeoutException(), CancellationToken.None).Kind);
        Assert.Equal(FailureKind.RateLimited, FailureClassifier.Classify(new HttpRequestException("x", null, HttpStatusCode.TooManyRequests), CancellationToken.None).Kind);
        Assert.Equal(FailureKind.Connection, FailureClassifier.Classify(new HttpRequestException("x", new IOException("reset")), CancellationToken.None).Kind);
        Assert.Equal(FailureKind.InvalidResponse, FailureClassifier.Classify(new System.Text.Json.JsonException("bad"), CancellationToken.None).Kind);
        Assert.Equal(FailureKind.Unknown, FailureClassifier.Classify(new InvalidOperationException("bug"), CancellationToken.None).Kind);
        Assert.Equal(FailureKind.Auth, FailureClassifier.Classify(new SdkError(401), CancellationToken.None).Kind);
    }

    [Fact]
    public void Sdk_exceptions_are_classified_by_their_status_property_and_by_what_they_wrap()
    {
        // Like Anthropic's AnthropicApiException (StatusCode) and Azure's RequestFailedException (Status).
        Assert.Equal(FailureKind.Overloaded, FailureClassifier.Classify(new StatusCodeSdkError((HttpStatusCode)529), CancellationToken.None).Kind);
        Assert.Equal(FailureKind.RateLimited, FailureClassifier.Classify(new StatusSdkError(429), CancellationToken.None).Kind);
        Assert.Equal(FailureKind.Unknown, FailureClassifier.Classify(new StatusSdkError(0), CancellationToken.None).Kind);
        Assert.Equal(FailureKind.Connection, FailureClassifier.Classify(new InvalidOperationException("sdk io", new HttpRequestException("refused", new System.Net.Sockets.SocketException())), CancellationToken.None).Kind);
    }

    [Fact]
    public void Every_kind_has_a_decision_matching_the_design_table()
    {
        Assert.True(FailurePolicy.Decide(FailureKind.RateLimited).RetrySameModel);
        Assert.True(FailurePolicy.Decide(FailureKind.Overloaded).CountsTowardBreaker);
        Assert.True(FailurePolicy.Decide(FailureKind.ModelUnavailable).ModelIsGone);
        Assert.Equal(FallbackRule.OtherProvider, FailurePolicy.Decide(FailureKind.Auth).Fallback);
        Assert.Equal(FallbackRule.LargerContextOnly, FailurePolicy.Decide(FailureKind.ContextLengthExceeded).Fallback);
        Assert.Equal(FallbackRule.Stop, FailurePolicy.Decide(FailureKind.ContentPolicy).Fallback);
        Assert.Equal(FallbackRule.AnyModel, FailurePolicy.Decide(FailureKind.ContentPolicy, fallbackOnContentPolicy: true).Fallback);
        Assert.Equal(FallbackRule.Stop, FailurePolicy.Decide(FailureKind.MalformedRequest).Fallback);
        Assert.Equal(FallbackRule.Stop, FailurePolicy.Decide(FailureKind.Cancelled).Fallback);
        Assert.False(FailurePolicy.Decide(FailureKind.InvalidResponse).RetrySameModel);
        foreach (var kind in Enum.GetValues<FailureKind>())
        {
            Assert.Equal(FailurePolicy.IsTransient(kind), FailurePolicy.Decide(kind).RetrySameModel);
        }
    }

    private sealed class StatusCodeSdkError(HttpStatusCode status) : Exception("sdk failure")
    {
        public HttpStatusCode StatusCode { get; } = status;
    }

    private sealed class StatusSdkError(int status) : Exception("sdk failure")
    {
        public int Status { get; } = status;
    }

    private sealed class SdkError(int status) : Exception("sdk failure"), IStatusCodeCarrier
    {
        public int StatusCode { get; } = status;
    }
}
