using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Failover;

/// <summary>
/// A read-only view of a response body that fails with <see cref="EventTooLargeException"/> once one server-sent event
/// (the bytes since the last blank line) grows past a limit. <c>SseParser</c> buffers a whole line and a whole event's
/// data before it hands them over, and sets no bound of its own: this is the bound, checked on the bytes as they arrive.
/// </summary>
internal sealed class BoundedEventStream : Stream
{
    private readonly Stream _inner;
    private readonly int _limit;
    private long _eventBytes;
    private bool _atLineStart = true;
    private bool _afterCarriageReturn;

    public BoundedEventStream(Stream inner, int limit)
    {
        _inner = inner;
        _limit = limit;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Count(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => _inner.DisposeAsync();

    /// <summary>
    /// Counts the bytes of the current event; an empty line (LF, CR or CRLF right after a line end) starts a new one.
    /// Line ends are found with a vectorised search, so the cost per chunk is a few comparisons, not one per byte.
    /// </summary>
    private void Count(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_afterCarriageReturn && bytes[0] == (byte)'\n')
            {
                // The LF of a CRLF: the line end was counted at the CR.
                _afterCarriageReturn = false;
                bytes = bytes[1..];
                continue;
            }

            _afterCarriageReturn = false;
            var end = bytes.IndexOfAny((byte)'\n', (byte)'\r');
            if (end < 0)
            {
                Add(bytes.Length);
                _atLineStart = false;
                return;
            }

            if (end == 0 && _atLineStart)
            {
                _eventBytes = 0; // a blank line: the event is dispatched
            }
            else
            {
                Add(end + 1);
            }

            _atLineStart = true;
            _afterCarriageReturn = bytes[end] == (byte)'\r';
            bytes = bytes[(end + 1)..];
        }
    }

    private void Add(int count)
    {
        _eventBytes += count;
        if (_eventBytes > _limit)
        {
            throw new EventTooLargeException(_limit);
        }
    }
}
