using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Failover;

public sealed partial class FailoverEngine
{
    /// <summary>
    /// One enumeration of a route stream: the call's state and the caller's enumerator in one object, written by hand
    /// rather than as an async iterator. Once the stream is open, a chunk the provider already has goes from the
    /// provider's enumerator to the caller in one synchronous call (no state machine, no allocation, no clock read);
    /// only a request that waits, the opening, the end and a break take the asynchronous path, whose state machine
    /// comes from a pool. Yields text chunks (<see cref="IAsyncEnumerator{T}"/> of <see cref="string"/>: updates without
    /// text are skipped) or the updates themselves, as the <see cref="RouteStream{T}"/> asked.
    /// </summary>
    internal sealed class StreamCall : RouteCallState, IAsyncEnumerator<string>, IAsyncEnumerator<ChatResponseUpdate>
    {
        private readonly FailoverEngine _engine;
        private readonly IRouteStreamObserver _observer;
        private readonly bool _text;
        private readonly CancellationTokenSource? _callerLink;
        private readonly StringBuilder? _partial;
        private StreamAttempt? _open;
        private IAsyncEnumerator<ChatResponseUpdate>? _updates; // the open stream's, read once per chunk
        private Stage _stage;
        private bool _finished;
        private int _leading;
        private ChatResponseUpdate? _update;
        private string _chunk = string.Empty;
        private int _chunks;
        private long _characters;
        private long? _inputTokens;
        private long? _outputTokens;
        private UsageDetails? _usage;

        // The served attempt when nobody observed the call: its record is built only if someone reads the attempts.
        private ModelSlot? _unrecorded;
        private TimeSpan _unrecordedLatency;

        private StreamCall(FailoverEngine engine, in StreamRun run, IRouteStreamObserver observer, bool text, CancellationToken token, CancellationTokenSource? callerLink)
            : base(run.Plan, run.Messages, token)
        {
            _engine = engine;
            _observer = observer;
            _text = text;
            _callerLink = callerLink;
            _partial = run.Plan.Recovery == StreamRecovery.Continue ? new StringBuilder() : null;
            CanaryKey = run.CanaryKey;
            ChatOptions = run.ChatOptions;
            IsStream = true;
            WantsResult = false; // the stream's own properties are the result: built from the call's state when read
            FailoverEngine.Order(this); // the canary first when the call is picked for it
        }

        private enum Stage
        {
            NotStarted,
            Leading,
            Streaming,
            Ended,
            Disposed,
        }

        // How the slow path resumes the open stream: ask for the next update, await the request the fast path made, or end.
        private enum Resume
        {
            Ask,
            Await,
            End,
        }

        string IAsyncEnumerator<string>.Current => _chunk;

        ChatResponseUpdate IAsyncEnumerator<ChatResponseUpdate>.Current => _update!;

        /// <summary>Whether the run ended with a complete answer.</summary>
        public bool IsCompleted => ServedBy is not null;

        public ModelTarget? ServedBy { get; private set; }

        public SlotRole ServedRole { get; private set; }

        public int Restarts { get; private set; }

        public int Continuations { get; private set; }

        /// <summary>The serving model's usage as its provider reported it; null until the stream completed.</summary>
        public UsageDetails? Usage => ServedBy is null ? null : _usage ??= new UsageDetails { InputTokenCount = _inputTokens, OutputTokenCount = _outputTokens };

        /// <summary>Every attempt so far; the served one's record is built here when the call itself did not need it.</summary>
        public IReadOnlyList<RouteAttempt> RecordedAttempts
        {
            get
            {
                if (_unrecorded is null)
                {
                    return HasAttempts ? Attempts : Array.Empty<RouteAttempt>();
                }

                var attempts = Attempts;
                lock (attempts)
                {
                    if (_unrecorded is { } slot)
                    {
                        _unrecorded = null;
                        long input = _inputTokens ?? 0, output = _outputTokens ?? 0;
                        attempts.Add(new RouteAttempt
                        {
                            Number = attempts.Count + 1,
                            Model = slot.Target,
                            Role = slot.Role,
                            Latency = _unrecordedLatency,
                            InputTokens = input,
                            OutputTokens = output,
                            Cost = slot.Target.CostOf(input, output),
                        });
                    }
                }

                return attempts;
            }
        }

        /// <summary>A caller cancels through the method's token or through WithCancellation: both are the caller's, and neither may count against a model.</summary>
        public static StreamCall Start(FailoverEngine engine, in StreamRun run, IRouteStreamObserver observer, bool text, CancellationToken enumeratorToken)
        {
            var callerToken = run.CallerToken;
            var link = callerToken.CanBeCanceled && enumeratorToken.CanBeCanceled && callerToken != enumeratorToken
                ? CancellationTokenSource.CreateLinkedTokenSource(callerToken, enumeratorToken)
                : null;
            var token = link?.Token ?? (callerToken.CanBeCanceled ? callerToken : enumeratorToken);
            return new StreamCall(engine, run, observer, text, token, link);
        }

        public ValueTask<bool> MoveNextAsync()
        {
            if (_stage != Stage.Streaming)
            {
                return MoveSlowAsync(default, Resume.Ask);
            }

            // The open stream, a chunk at a time while the provider has them at once.
            var open = _open!;
            var updates = _updates!;
            while (true)
            {
                open.Requests++;
                ValueTask<bool> next;
                try
                {
                    next = updates.MoveNextAsync();
                }
                catch (Exception error)
                {
                    return MoveSlowAsync(ValueTask.FromException<bool>(error), Resume.Await);
                }

                if (!next.IsCompletedSuccessfully)
                {
                    if (!next.IsCompleted)
                    {
                        open.Waiting();
                    }

                    return MoveSlowAsync(next, Resume.Await);
                }

                if (!next.Result)
                {
                    return MoveSlowAsync(default, Resume.End);
                }

                if (Take(updates.Current, open))
                {
                    return new ValueTask<bool>(true);
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            if (_stage == Stage.Disposed)
            {
                return default;
            }

            _stage = Stage.Disposed;
            var open = _open;
            _open = null;
            if (open is null)
            {
                Finish();
                return default;
            }

            return CloseAsync(open);
        }

        private async ValueTask CloseAsync(StreamAttempt open)
        {
            await open.CloseAsync().ConfigureAwait(false);
            Finish();
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<bool> MoveSlowAsync(ValueTask<bool> pending, Resume resume)
        {
            try
            {
                while (true)
                {
                    switch (_stage)
                    {
                        case Stage.NotStarted:
                            await OpenFirstAsync().ConfigureAwait(false);
                            break;

                        case Stage.Leading:
                            if (TakeLeading())
                            {
                                return true;
                            }

                            break;

                        case Stage.Streaming:
                            var open = _open!;
                            bool more;
                            Exception? broke = null;
                            try
                            {
                                if (resume == Resume.Ask)
                                {
                                    open.Requests++;
                                    pending = open.Updates!.MoveNextAsync();
                                    if (!pending.IsCompleted)
                                    {
                                        open.Waiting();
                                    }
                                }

                                more = resume != Resume.End && await pending.ConfigureAwait(false);
                            }
                            catch (Exception error)
                            {
                                broke = error;
                                more = false;
                            }

                            resume = Resume.Ask;
                            if (broke is not null)
                            {
                                if (await RecoverAsync(open, broke).ConfigureAwait(false))
                                {
                                    return true; // the reset marker of an update stream
                                }
                            }
                            else if (!more)
                            {
                                await EndAsync(open).ConfigureAwait(false);
                                return false;
                            }
                            else if (Take(open.Updates!.Current, open))
                            {
                                return true;
                            }

                            break;

                        default:
                            return false;
                    }
                }
            }
            catch (Exception)
            {
                // Whatever ended the run (the route's failure, the caller's cancel, the interruption): nothing stays open.
                var open = _open;
                _open = null;
                _stage = _stage == Stage.Disposed ? Stage.Disposed : Stage.Ended;
                if (open is not null)
                {
                    await open.CloseAsync().ConfigureAwait(false);
                }

                Finish();
                throw;
            }
        }

        /// <summary>Walks the chain until a stream delivers its first content; throws a <see cref="FailoverException"/> when none does.</summary>
        private async ValueTask OpenFirstAsync()
        {
            var engine = _engine;
            _stage = Stage.Ended; // until a stream is open: a failure leaves nothing to resume
            Started = engine._time.GetTimestamp();
            Observed = engine.IsObserved;
            Activity = engine._telemetry.StartCall(this);

            // The total timeout is a deadline on the engine's clock: each attempt's timer is armed for it once it is
            // nearer than the attempt's own limit, so a stream needs no timer or token source of its own for it.
            if (Plan.TotalTimeout is { } total)
            {
                Deadline = Started + (long)(total.TotalSeconds * engine._time.TimestampFrequency);
            }

            var (winner, outcome) = await engine.WalkAsync(this).ConfigureAwait(false);
            if (winner is null)
            {
                if (CallerCancelled)
                {
                    engine.Complete<ChatResponseUpdate?>(this, null, null, RouteOutcome.Cancelled);
                    Finish();
                    CallerToken.ThrowIfCancellationRequested();
                }

                engine.Complete<ChatResponseUpdate?>(this, null, null, RouteOutcome.Failed);
                Finish();
                throw new FailoverException(Plan.Route, Attempts, Reason, LastError);
            }

            _open = (StreamAttempt)outcome.Value!;
            _leading = 0;
            _stage = Stage.Leading;
        }

        // What the opening read: the updates before the first content (headers, usage), if any, then that content.
        private bool TakeLeading()
        {
            var open = _open!;
            var preamble = open.Preamble;
            var count = preamble?.Count ?? 0;
            while (_leading <= count)
            {
                var update = _leading < count ? preamble![_leading] : open.FirstContent!;
                _leading++;
                if (Take(update, null))
                {
                    return true;
                }
            }

            _updates = open.Updates;
            _stage = Stage.Streaming;
            return false;
        }

        /// <summary>Counts an update (chunks, characters, usage, the partial answer) and makes it current; false when a text stream skips it.</summary>
        private bool Take(ChatResponseUpdate update, StreamAttempt? streaming)
        {
            if (streaming is not null && update.AdditionalProperties is { Count: > 0 })
            {
                streaming.SkippedEvents = Math.Max(streaming.SkippedEvents, SkippedEvents(update));
            }

            var contents = update.Contents;
            var count = contents.Count;
            string text;
            if (count == 0)
            {
                text = string.Empty; // the providers' headers update carries no content: not a chunk
            }
            else
            {
                _chunks++;
                if (count == 1 && contents[0] is TextContent single)
                {
                    text = single.Text; // what update.Text computes, without walking the contents twice
                }
                else
                {
                    CountUsage(contents);
                    text = update.Text;
                }
            }

            if (text.Length != 0)
            {
                _characters += text.Length;
                _partial?.Append(text);
            }

            if (_text)
            {
                if (text.Length == 0)
                {
                    return false;
                }

                _chunk = text;
                return true;
            }

            _update = update;
            return true;
        }

        // Indexed, not foreach: Contents is an IList, whose enumerator would be boxed, an allocation per chunk.
        private void CountUsage(IList<AIContent> contents)
        {
            for (var i = 0; i < contents.Count; i++)
            {
                if (contents[i] is UsageContent { Details: { } details })
                {
                    _inputTokens = (_inputTokens ?? 0) + (details.InputTokenCount ?? 0);
                    _outputTokens = (_outputTokens ?? 0) + (details.OutputTokenCount ?? 0);
                }
            }
        }

        private ChatResponse UsageResponse() => new() { Usage = new UsageDetails { InputTokenCount = _inputTokens, OutputTokenCount = _outputTokens } };

        /// <summary>The provider's stream ended: the answer is complete.</summary>
        private async ValueTask EndAsync(StreamAttempt open)
        {
            var engine = _engine;
            var slot = open.Slot;
            _open = null;
            _stage = Stage.Ended;
            if (open.Activity is null && !Observed)
            {
                // Nobody listens: the attempt's record is built only if the caller reads the stream's attempts.
                long input = _inputTokens ?? 0, output = _outputTokens ?? 0;
                if (input + output > 0)
                {
                    engine._health.OnUsage(slot.Target, input, output);
                }

                _unrecordedLatency = engine._time.GetElapsedTime(open.Started);
                _unrecorded = slot;
            }
            else
            {
                engine.Record(this, slot, open.Started, UsageResponse(), default, open.Activity, open.TimeToFirstToken, open.SkippedEvents);
            }

            engine._health.OnSuccess(slot.Target);
            engine.Complete<ChatResponseUpdate?>(this, null, slot, RouteOutcome.Served);
            ServedRole = slot.Role;
            ServedBy = slot.Target;
            await open.CloseAsync().ConfigureAwait(false);
            Finish();
        }

        /// <summary>
        /// The stream broke after content reached the caller: the route's recovery decides. True when the caller gets a
        /// reset marker next; false when the next model's stream is open (its leading updates come next). Throws when
        /// the stream cannot go on.
        /// </summary>
        private async ValueTask<bool> RecoverAsync(StreamAttempt broken, Exception broke)
        {
            var engine = _engine;
            _open = null;
            _stage = Stage.Ended;
            var failure = engine.StreamFailure(this, broken, broke);
            engine.Record(this, broken.Slot, broken.Started, UsageResponse(), failure, broken.Activity, broken.TimeToFirstToken, broken.SkippedEvents);
            engine.ReportHealth(broken.Slot.Target, failure);
            await broken.CloseAsync().ConfigureAwait(false);
            if (failure.Kind == FailureKind.Cancelled && CallerToken.IsCancellationRequested)
            {
                engine.Complete<ChatResponseUpdate?>(this, null, null, RouteOutcome.Cancelled);
                Finish();
                CallerToken.ThrowIfCancellationRequested();
            }

            var recover = Plan.Recovery != StreamRecovery.None && engine.Decide(this, broken.Slot, AttemptOutcome.Failed(failure, broke));
            StreamAttempt? next = null;
            if (recover)
            {
                PrefillMessages = _partial is { Length: > 0 } ? WithPrefill(Messages, _partial.ToString()) : null;
                var (winner, outcome) = await engine.WalkAsync(this).ConfigureAwait(false);
                next = winner is null ? null : (StreamAttempt)outcome.Value!;
            }

            if (next is null)
            {
                engine.Complete<ChatResponseUpdate?>(this, null, null, RouteOutcome.Failed);
                Finish();
                throw new StreamInterruptedException(Plan.Route, broken.Slot.Target, _chunks, _characters, failure.Kind, Attempts, broke, recover ? Reason : null);
            }

            _open = next;
            _leading = 0;
            _stage = Stage.Leading;
            if (next.Continued)
            {
                Continuations++;
                return false;
            }

            // Everything delivered so far is void: the new model answers from the start.
            var restart = new StreamRestart(broken.Slot.Target, next.Slot.Target, failure.Kind, _chunks, _characters, Attempts.Count);
            Restarts++;
            _observer.Restarted(restart);
            _chunks = 0;
            _characters = 0;
            _partial?.Clear();
            _inputTokens = _outputTokens = null;
            if (_text)
            {
                return false;
            }

            _update = new StreamRestartUpdate(restart);
            return true;
        }

        private void Finish()
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            _updates = null;
            Activity?.Dispose();
            _callerLink?.Dispose();
        }

        public override object? ReadValue(ChatResponse response) => throw new InvalidOperationException("Streams are not read whole.");
    }
}
