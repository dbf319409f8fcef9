using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Failover.Providers.Tests;

public sealed class BoundedEventStreamTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public async Task The_count_restarts_at_every_blank_line_whatever_the_line_ending_and_read_size(string eol)
    {
        var oneEvent = "data: " + new string('x', 900) + eol + eol; // under the limit alone, far over it in total
        var body = Encoding.UTF8.GetBytes(string.Concat(System.Linq.Enumerable.Repeat(oneEvent, 50)));
        foreach (var readSize in new[] { 1, 7, 4096 })
        {
            await using var stream = new BoundedEventStream(new MemoryStream(body), 1024);
            var buffer = new byte[readSize];
            long total = 0;
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0)
            {
                total += n;
            }

            Assert.Equal(body.Length, total);
        }
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Many_lines_without_a_blank_line_are_one_event_and_hit_the_limit(string eol)
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(System.Linq.Enumerable.Repeat("data: " + new string('x', 100) + eol, 20)));
        await using var stream = new BoundedEventStream(new MemoryStream(body), 1024);
        var error = await Assert.ThrowsAsync<EventTooLargeException>(async () =>
        {
            var buffer = new byte[64];
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        });
        Assert.Equal(1024, error.Limit);
    }
}
