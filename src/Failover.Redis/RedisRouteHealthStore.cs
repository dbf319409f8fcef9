using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Failover.Redis;

/// <summary>
/// An <see cref="IRouteHealthStore"/> shared by every instance of an app through Redis: cooldowns, breakers and rate
/// budgets of models and providers. Requests read local state only: this instance's own
/// <see cref="InMemoryRouteHealthStore"/> plus what Redis last announced. Changes are written in the background through a
/// bounded queue (atomic Lua scripts) and announced on a pub/sub channel; a periodic refresh catches a missed
/// announcement. Only a model with a rate budget waits on Redis, for at most <see cref="RedisHealthStoreOptions.BudgetTimeout"/>,
/// to count its request. When Redis is unreachable the store logs it once and routes on local state; when Redis is back
/// sharing resumes by itself. Every change, local or merged from Redis, is announced (<see cref="IRouteHealthChanges"/>):
/// a model another instance closed or reopened is asked about again on the next request.
/// </summary>
public sealed class RedisRouteHealthStore : IRouteHealthStore, IRouteHealthChanges, IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly bool _ownsConnection;
    private readonly InMemoryRouteHealthStore _local;
    private readonly RedisHealthStoreOptions _settings;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Subject> _subjects = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<ModelTarget, Pair> _byTarget = new();
    private readonly ConcurrentDictionary<string, byte> _warned = new(StringComparer.Ordinal);
    private readonly Channel<Func<IDatabase, Task>> _writes;
    private readonly Task _writer;
    private readonly ITimer _refreshTimer;
    private readonly CancellationTokenSource _stopping = new();

    // Counts local changes (the in-memory store counts into it too) and every state merged from Redis.
    private readonly HealthChangeCounter _changes = new();
    // Read on every request, so cached: a configuration reload replaces it for the next one.
    private volatile FailoverHealthOptions _health;
    private int _degraded;
    private int _subscribed;
    private volatile Task? _initialLoad;

    /// <summary>Creates a store over a connection the caller owns (it is not disposed with the store).</summary>
    public RedisRouteHealthStore(IConnectionMultiplexer redis, IOptionsMonitor<FailoverOptions> options, RedisHealthStoreOptions settings, TimeProvider time, ILogger<RedisRouteHealthStore>? logger = null)
        : this(redis, ownsConnection: false, options, settings, time, logger, authenticationFailed: false)
    {
    }

    internal RedisRouteHealthStore(IConnectionMultiplexer redis, bool ownsConnection, IOptionsMonitor<FailoverOptions> options, RedisHealthStoreOptions settings, TimeProvider time, ILogger? logger, bool authenticationFailed)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        settings.Validate();
        _redis = redis;
        _ownsConnection = ownsConnection;
        _settings = settings;
        _keys = new RedisKeys(settings.KeyPrefix);
        _time = time;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _changes.Sender = this;
        _local = new InMemoryRouteHealthStore(options, time, _changes);
        _health = options.CurrentValue.Health;
        options.OnChange(changed =>
        {
            _health = changed.Health;
            _changes.Note();
        });
        _writes = Channel.CreateBounded<Func<IDatabase, Task>>(new BoundedChannelOptions(settings.WriteQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });

        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        if (redis.IsConnected)
        {
            Subscribe();
            _initialLoad = RefreshAsync();
        }
        else
        {
            if (authenticationFailed)
            {
                WarnOnce("auth", () => RedisHealthLog.AuthenticationFailed(_logger, Endpoints()));
            }

            MarkDegraded(authenticationFailed ? $"authentication refused by {Endpoints()}" : $"not connected to {Endpoints()}");
        }

        _writer = Task.Run(WriteLoopAsync);
        _refreshTimer = time.CreateTimer(static state => ((RedisRouteHealthStore)state!).OnRefreshTimer(), this, settings.RefreshInterval, settings.RefreshInterval);
    }

    /// <summary>Whether Redis is reachable now; when not, the store routes on this instance's own state.</summary>
    public bool IsSharing => Volatile.Read(ref _degraded) == 0 && _redis.IsConnected;

    /// <inheritdoc/>
    public TimeProvider TimeProvider => _time;

    /// <inheritdoc/>
    public long Version => _changes.Version;

    /// <summary>
    /// Raised after any change: this instance's own, a state merged from Redis (an announcement, a refresh, a script's
    /// reply), sharing lost or resumed. See <see cref="IRouteHealthChanges.Changed"/>.
    /// </summary>
    public event EventHandler? Changed
    {
        add => _changes.Changed += value;
        remove => _changes.Changed -= value;
    }

    /// <inheritdoc/>
    public HealthVerdict TryEnter(ModelTarget model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_initialLoad is { } load)
        {
            WaitForInitialLoad(load);
        }

        var pair = PairOf(model);
        if (_health.Enabled)
        {
            var provider = pair.Provider.State;
            var state = pair.Model.State;
            if (!ReferenceEquals(provider, SharedHealth.Empty) || !ReferenceEquals(state, SharedHealth.Empty))
            {
                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                if (provider.BlockedUntil(now, out var providerReason) is var providerUntil and > 0)
                {
                    return Blocked("provider", model.Provider, providerUntil, providerReason);
                }

                if (state.BlockedUntil(now, out var modelReason) is var modelUntil and > 0)
                {
                    return Blocked("model", model.Id, modelUntil, modelReason);
                }
            }
        }

        var verdict = _local.TryEnter(model);
        if (!verdict.IsAvailable)
        {
            return verdict;
        }

        var budget = pair.Budget.Of(model, _local.Budgets);
        if (budget.IsLimited && IsSharing)
        {
            var shared = ReserveShared(model, pair, budget);
            if (!shared.IsAvailable)
            {
                _local.Release(model);
                return shared;
            }
        }

        return verdict;
    }

    /// <inheritdoc/>
    public void OnSuccess(ModelTarget model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _local.OnSuccess(model);

        // The success path writes nothing unless Redis counts failures or an open breaker for the model or provider.
        var pair = PairOf(model);
        ShareSuccess(pair.Model);
        ShareSuccess(pair.Provider);
    }

    /// <inheritdoc/>
    public void OnFailure(ModelTarget model, ClassifiedFailure failure)
    {
        ArgumentNullException.ThrowIfNull(model);
        _local.OnFailure(model, failure);
        var health = _health;
        if (!health.Enabled)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var change = HealthChange.Of(failure, health, now);
        var pair = PairOf(model);
        var failureLifetime = FailureLifetime(health);
        if (change.ModelCooldownUntil is { } modelUntil)
        {
            ShareCooldown(pair.Model, now, modelUntil, change.Reason!, failureLifetime);
        }
        else if (change.ProviderCooldownUntil is { } providerUntil)
        {
            ShareCooldown(pair.Provider, now, providerUntil, change.Reason!, failureLifetime);
        }
        else if (change.CountsTowardBreaker)
        {
            ShareFailure(pair.Model, now, health.FailureThreshold, health.BreakDuration, failureLifetime);
            ShareFailure(pair.Provider, now, health.ProviderFailureThreshold, health.BreakDuration, failureLifetime);
        }
    }

    /// <inheritdoc/>
    public void Release(ModelTarget model) => _local.Release(model);

    /// <inheritdoc/>
    public void OnUsage(ModelTarget model, long inputTokens, long outputTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        _local.OnUsage(model, inputTokens, outputTokens);
        var tokens = inputTokens + outputTokens;
        var pair = PairOf(model);
        var budget = pair.Budget.Of(model, _local.Budgets);
        if (!budget.CountsTokens || tokens <= 0)
        {
            return;
        }

        EnqueueTokens(pair, budget, tokens);
    }

    /// <summary>Stops the background work; closes the connection when the store opened it.</summary>
    public void Dispose()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        _refreshTimer.Dispose();
        _writes.Writer.TryComplete();
        _redis.ConnectionFailed -= OnConnectionFailed;
        _redis.ConnectionRestored -= OnConnectionRestored;
        try
        {
            _writer.Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            // The writer only ends by completion or cancellation; nothing to report at shutdown.
        }

        if (_ownsConnection)
        {
            _redis.Dispose();
        }

        _stopping.Dispose();
    }

    /// <summary>Re-reads the shared health of every subject Redis lists, and of every subject this instance knows.</summary>
    internal async Task RefreshAsync()
    {
        if (!_redis.IsConnected)
        {
            return;
        }

        try
        {
            var db = _redis.GetDatabase();
            var listed = await db.SetMembersAsync(_keys.Index).ConfigureAwait(false);
            foreach (var member in listed)
            {
                var name = (string?)member;
                if (name is { Length: > 2 } && (name.StartsWith("m:", StringComparison.Ordinal) || name.StartsWith("p:", StringComparison.Ordinal)))
                {
                    SubjectOf(name);
                }
            }

            foreach (var subject in _subjects.Values)
            {
                var key = _keys.Health(subject.Name);
                HashEntry[] fields;
                try
                {
                    fields = await db.HashGetAllAsync(key).ConfigureAwait(false);
                }
                catch (RedisServerException error) when (error.Message.Contains("WRONGTYPE", StringComparison.Ordinal))
                {
                    WarnOnce("foreign:" + key, () => RedisHealthLog.ForeignKey(_logger, key));
                    continue;
                }

                Apply(key, subject, fields);
            }
        }
        catch (Exception error) when (error is RedisException or TimeoutException or ObjectDisposedException)
        {
            Failed(error);
        }
    }

    /// <summary>The shared state this instance holds for a model (for tests and diagnostics).</summary>
    internal SharedHealth SharedStateOfModel(string id) => SubjectOf(RedisKeys.ModelSubject(id)).State;

    /// <summary>Completes when every write queued so far has been sent (for tests).</summary>
    internal async Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writes.Writer.TryWrite(_ => { done.TrySetResult(); return Task.CompletedTask; }))
        {
            return;
        }

        await done.Task.ConfigureAwait(false);
    }

    private static long BudgetLifetime => 2 * RateWindow.LengthMilliseconds;

    private static long FailureLifetime(FailoverHealthOptions health) =>
        (long)Math.Max(TimeSpan.FromMinutes(1).TotalMilliseconds, 2 * health.BreakDuration.TotalMilliseconds);

    private static HealthVerdict Blocked(string kind, string name, long until, string reason)
    {
        var end = DateTimeOffset.FromUnixTimeMilliseconds(until);
        return HealthVerdict.Unavailable(end, $"{kind} '{name}' {reason} until {end:O} (shared through Redis)");
    }

    private void WaitForInitialLoad(Task load)
    {
        // Once per instance: the first request waits (bounded) for the health other instances already shared.
        try
        {
            load.Wait(_settings.InitialLoadTimeout);
        }
        catch (AggregateException)
        {
            // RefreshAsync reports its own failures.
        }

        _initialLoad = null;
    }

    private HealthVerdict ReserveShared(ModelTarget model, Pair pair, ResolvedBudget budget)
    {
        var window = RateWindow.IndexOf(_time.GetUtcNow());
        RedisKey[] keys =
        [
            _keys.Budget(pair.Model.Name, window, 'r'), _keys.Budget(pair.Model.Name, window, 't'),
            _keys.Budget(pair.Provider.Name, window, 'r'), _keys.Budget(pair.Provider.Name, window, 't'),
        ];
        RedisValue[] values =
        [
            budget.Model?.RequestsPerMinute ?? 0, budget.Model?.TokensPerMinute ?? 0,
            budget.Provider?.RequestsPerMinute ?? 0, budget.Provider?.TokensPerMinute ?? 0,
            BudgetLifetime,
        ];
        int answer;
        try
        {
            var reply = _redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.Reserve, keys, values);
            if (!reply.Wait(_settings.BudgetTimeout))
            {
                WarnOnce("budget-timeout", () => RedisHealthLog.CallFailed(_logger, $"counting a rate budget took longer than {_settings.BudgetTimeout.TotalMilliseconds} ms; requests past it are counted by this instance alone"));
                return HealthVerdict.Available;
            }

            answer = (int)reply.Result;
        }
        catch (Exception error)
        {
            var inner = error is AggregateException { InnerException: { } first } ? first : error;
            if (inner.Message.Contains("FAILOVER_CORRUPT", StringComparison.Ordinal) || inner.Message.Contains("WRONGTYPE", StringComparison.Ordinal))
            {
                WarnOnce("budget-corrupt:" + pair.Model.Name, () => RedisHealthLog.Corrupt(_logger, _keys.Budget(pair.Model.Name, window, 'r') + " (or its provider's)", "not a counter"));
            }
            else
            {
                Failed(inner);
            }

            return HealthVerdict.Available;
        }

        if (answer == 0)
        {
            return HealthVerdict.Available;
        }

        var until = RateWindow.EndOf(window);
        return answer switch
        {
            1 => HealthVerdict.BudgetSpent(until, RateWindow.Reason("provider", model.Provider, "requests", budget.Provider!.RequestsPerMinute!.Value, until) + " across instances"),
            2 => HealthVerdict.BudgetSpent(until, RateWindow.Reason("provider", model.Provider, "tokens", budget.Provider!.TokensPerMinute!.Value, until) + " across instances"),
            3 => HealthVerdict.BudgetSpent(until, RateWindow.Reason("model", model.Id, "requests", budget.Model!.RequestsPerMinute!.Value, until) + " across instances"),
            _ => HealthVerdict.BudgetSpent(until, RateWindow.Reason("model", model.Id, "tokens", budget.Model!.TokensPerMinute!.Value, until) + " across instances"),
        };
    }

    private void ShareSuccess(Subject subject)
    {
        var state = subject.State;
        if (!state.HasBreakerState)
        {
            return;
        }

        // Cleared here at once, so the requests that follow neither skip on a stale breaker nor queue more successes.
        subject.State = state.WithoutBreaker();
        EnqueueSuccess(subject);
    }

    // Apart from OnUsage: the lambda's captured locals would allocate their closure on every call, budget or not.
    private void EnqueueTokens(Pair pair, ResolvedBudget budget, long tokens)
    {
        var window = RateWindow.IndexOf(_time.GetUtcNow());
        RedisKey[] keys = [_keys.Budget(pair.Model.Name, window, 't'), _keys.Budget(pair.Provider.Name, window, 't')];
        RedisValue[] values = [tokens, budget.Model?.TokensPerMinute > 0 ? "1" : "0", budget.Provider?.TokensPerMinute > 0 ? "1" : "0", BudgetLifetime];
        Enqueue(db => db.ScriptEvaluateAsync(RedisScripts.AddTokens, keys, values));
    }

    // Apart from ShareSuccess: a lambda's captured parameter would allocate its closure on entry, before the early return.
    private void EnqueueSuccess(Subject subject)
    {
        var key = _keys.Health(subject.Name);
        RedisValue[] values = [_time.GetUtcNow().ToUnixTimeMilliseconds(), FailureLifetime(_health), _keys.Changes.ToString(), subject.Name];
        Enqueue(db => RunHealthScriptAsync(db, RedisScripts.Succeed, key, subject, values));
    }

    private void ShareCooldown(Subject subject, DateTimeOffset now, DateTimeOffset until, string reason, long failureLifetime)
    {
        var key = _keys.Health(subject.Name);
        RedisValue[] values = [now.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds(), reason, failureLifetime, _keys.Changes.ToString(), subject.Name];
        Enqueue(db => RunHealthScriptAsync(db, RedisScripts.CoolDown, key, subject, values));
    }

    private void ShareFailure(Subject subject, DateTimeOffset now, int threshold, TimeSpan breakDuration, long failureLifetime)
    {
        var key = _keys.Health(subject.Name);
        RedisValue[] values = [now.ToUnixTimeMilliseconds(), Math.Max(1, threshold), (long)breakDuration.TotalMilliseconds, failureLifetime, _keys.Changes.ToString(), subject.Name];
        Enqueue(db => RunHealthScriptAsync(db, RedisScripts.CountFailure, key, subject, values));
    }

    private async Task RunHealthScriptAsync(IDatabase db, string script, string key, Subject subject, RedisValue[] values)
    {
        RedisResult reply;
        try
        {
            reply = await db.ScriptEvaluateAsync(script, [key, _keys.Index], values).ConfigureAwait(false);
        }
        catch (RedisServerException error) when (error.Message.Contains("FAILOVER_FOREIGN", StringComparison.Ordinal) || error.Message.Contains("WRONGTYPE", StringComparison.Ordinal))
        {
            WarnOnce("foreign:" + key, () => RedisHealthLog.ForeignKey(_logger, key));
            return;
        }

        if (!reply.IsNull && SharedHealth.TryParse((string?)reply, out _, out var state))
        {
            subject.State = subject.State.Merge(state);
        }
    }

    private void Enqueue(Func<IDatabase, Task> write)
    {
        if (!IsSharing)
        {
            // Nothing queues while Redis is away: this instance's own state holds what it learned.
            return;
        }

        if (!_writes.Writer.TryWrite(write))
        {
            WarnOnce("queue-full", () => RedisHealthLog.QueueFull(_logger, _settings.WriteQueueCapacity));
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _writes.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var write))
                {
                    try
                    {
                        await write(_redis.GetDatabase()).ConfigureAwait(false);
                        _warned.TryRemove("queue-full", out _);
                    }
                    catch (Exception error) when (error is RedisException or TimeoutException)
                    {
                        Failed(error);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void Subscribe()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 1)
        {
            return;
        }

        _redis.GetSubscriber().SubscribeAsync(_keys.Changes, (_, message) => OnAnnouncement(message)).ContinueWith(
            static (task, state) =>
            {
                var store = (RedisRouteHealthStore)state!;
                Interlocked.Exchange(ref store._subscribed, 0);
                store.Failed(task.Exception!.GetBaseException());
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnAnnouncement(RedisValue message)
    {
        var text = (string?)message;
        if (!SharedHealth.TryParse(text, out var name, out var state))
        {
            WarnOnce("announcement", () => RedisHealthLog.Corrupt(_logger, _keys.Changes.ToString(), "an announcement on the channel is not a health state"));
            return;
        }

        var subject = SubjectOf(name);
        subject.State = subject.State.Merge(state);
    }

    private void Apply(string key, Subject subject, HashEntry[] fields)
    {
        if (fields.Length == 0)
        {
            // Expired or deleted in Redis: nothing shared any more (cooldowns this instance learned itself stay local).
            subject.State = SharedHealth.Empty;
            return;
        }

        string? v = null, cu = null, cr = null, bu = null, br = null, f = null;
        foreach (var field in fields)
        {
            switch ((string?)field.Name)
            {
                case "v": v = field.Value; break;
                case "cu": cu = field.Value; break;
                case "cr": cr = field.Value; break;
                case "bu": bu = field.Value; break;
                case "br": br = field.Value; break;
                case "f": f = field.Value; break;
            }
        }

        if (v != "1")
        {
            WarnOnce("foreign:" + key, () => RedisHealthLog.ForeignKey(_logger, key));
            return;
        }

        if (!SharedHealth.TryRead(cu, cr, bu, br, f, out var state))
        {
            WarnOnce("corrupt:" + key, () => RedisHealthLog.Corrupt(_logger, key, "a deadline or failure count is not a number"));
            return;
        }

        // The hash is the whole truth: the breaker as read, the cooldown the later of what was known and what was read.
        subject.State = subject.State.Merge(state);
    }

    private void OnRefreshTimer()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _ = RefreshAsync();
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs args)
    {
        if (args.FailureType == ConnectionFailureType.AuthenticationFailure)
        {
            WarnOnce("auth", () => RedisHealthLog.AuthenticationFailed(_logger, args.EndPoint?.ToString() ?? Endpoints()));
        }

        MarkDegraded($"{args.FailureType} on {args.EndPoint}");
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs args)
    {
        if (!_redis.IsConnected)
        {
            return;
        }

        Subscribe();
        if (Interlocked.Exchange(ref _degraded, 0) == 1)
        {
            _warned.TryRemove("auth", out _);
            RedisHealthLog.Resumed(_logger);
            _changes.Note();
            _ = RefreshAsync();
        }
    }

    private void Failed(Exception error)
    {
        if (error is RedisConnectionException or RedisTimeoutException or TimeoutException)
        {
            MarkDegraded(error.GetType().Name + ": " + FirstLine(error.Message));
        }
        else if (error is not ObjectDisposedException)
        {
            WarnOnce("call:" + error.GetType().Name, () => RedisHealthLog.CallFailed(_logger, error.GetType().Name + ": " + FirstLine(error.Message)));
        }
    }

    private void MarkDegraded(string reason)
    {
        if (Interlocked.Exchange(ref _degraded, 1) == 0)
        {
            RedisHealthLog.Degraded(_logger, reason);
            _changes.Note();
        }
    }

    private void WarnOnce(string key, Action log)
    {
        if (_warned.TryAdd(key, 0))
        {
            log();
        }
    }

    private string Endpoints() => string.Join(", ", Array.ConvertAll(_redis.GetEndPoints(), static e => e.ToString()));

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n');
        return end < 0 ? message : message[..end].TrimEnd('\r');
    }

    private Subject SubjectOf(string name) => _subjects.GetOrAdd(name, static (n, changes) => new Subject(n, changes), _changes);

    private Pair PairOf(ModelTarget model) =>
        _byTarget.TryGetValue(model, out var pair) ? pair : _byTarget.GetValue(model, NewPair);

    // A method group, not a capturing lambda: it would allocate a closure on every call.
    private Pair NewPair(ModelTarget model) =>
        new(SubjectOf(RedisKeys.ModelSubject(model.Id)), SubjectOf(RedisKeys.ProviderSubject(model.Provider)));

    /// <summary>One model or provider and what Redis last said about it; a new state that says something else is announced.</summary>
    internal sealed class Subject(string name, HealthChangeCounter changes)
    {
        private volatile SharedHealth _state = SharedHealth.Empty;

        public string Name { get; } = name;

        public SharedHealth State
        {
            get => _state;
            set
            {
                if (!value.SameAs(_state))
                {
                    _state = value;
                    changes.Note();
                }
            }
        }
    }

    /// <summary>The two subjects of a target and its budgets, found by reference on the request path.</summary>
    private sealed class Pair(Subject model, Subject provider)
    {
        public Subject Model { get; } = model;

        public Subject Provider { get; } = provider;

        /// <summary>The target's budgets, looked up once per budget settings.</summary>
        public BudgetCache Budget { get; } = new();
    }
}
