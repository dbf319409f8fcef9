using System;
using System.Net.Http;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Providers.Tests;

public sealed class RetryAfterParserTests
{
    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("6m0s", 360_000)]
    [InlineData("250ms", 250)]
    [InlineData("1h2m3.5s", 3_723_500)]
    [InlineData("0.5s", 500)]
    [InlineData("26s", 26_000)]
    public void Go_durations(string text, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RetryAfterParser.ParseDuration(text));

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5 parsecs")]
    public void Not_durations(string text) => Assert.Null(RetryAfterParser.ParseDuration(text));

    [Fact]
    public void Http_date_in_the_past_is_zero()
    {
        var time = new FakeTimeProvider(Clients.Now);
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("retry-after", "Sun, 01 Mar 2026 11:59:00 GMT");
        Assert.Equal(TimeSpan.Zero, RetryAfterParser.FromHeaders(response.Headers, time));
    }

    [Fact]
    public void Instants_are_measured_against_the_injected_clock()
    {
        var time = new FakeTimeProvider(Clients.Now);
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-requests-reset", "2026-03-01T12:01:00Z");
        Assert.Equal(TimeSpan.FromMinutes(1), RetryAfterParser.FromHeaders(response.Headers, time));
        time.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(TimeSpan.FromSeconds(15), RetryAfterParser.FromHeaders(response.Headers, time));
    }

    [Fact]
    public void No_headers_no_wait()
    {
        using var response = new HttpResponseMessage();
        Assert.Null(RetryAfterParser.FromHeaders(response.Headers, new FakeTimeProvider(Clients.Now)));
    }
}
