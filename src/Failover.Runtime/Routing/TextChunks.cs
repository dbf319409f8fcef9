using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>
/// The text projection of a route's update stream, as a plain enumerator rather than a second async iterator: a chunk
/// that is already there (the usual case) is projected without a state machine, so the projection costs one call per
/// chunk instead of an iterator layer (and no per-stream iterator object).
/// </summary>
internal sealed class TextChunks : IAsyncEnumerator<string>
{
    private readonly IAsyncEnumerator<ChatResponseUpdate> _updates;

    public TextChunks(IAsyncEnumerator<ChatResponseUpdate> updates) => _updates = updates;

    public string Current { get; private set; } = string.Empty;

    public ValueTask<bool> MoveNextAsync()
    {
        while (true)
        {
            var next = _updates.MoveNextAsync();
            if (!next.IsCompletedSuccessfully)
            {
                return AwaitedAsync(next);
            }

            if (!next.Result)
            {
                return new ValueTask<bool>(false);
            }

            if (TryTake())
            {
                return new ValueTask<bool>(true);
            }
        }
    }

    public ValueTask DisposeAsync() => _updates.DisposeAsync();

    // The update has arrived: an update without text (headers, usage, tool calls) is skipped, as before.
    private bool TryTake()
    {
        var text = _updates.Current.Text;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        Current = text;
        return true;
    }

    private async ValueTask<bool> AwaitedAsync(ValueTask<bool> pending)
    {
        while (true)
        {
            if (!await pending.ConfigureAwait(false))
            {
                return false;
            }

            if (TryTake())
            {
                return true;
            }

            pending = _updates.MoveNextAsync();
        }
    }
}
