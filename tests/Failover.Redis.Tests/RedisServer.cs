using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Failover.Redis.Tests;

/// <summary>
/// A real redis-server on 127.0.0.1 and a free port, started for one test class and stopped after it: no persistence,
/// nothing outside the process. Tests fail (they do not skip) when redis-server is not installed.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private Process? _process;

    public RedisServer()
        : this(password: null)
    {
    }

    internal RedisServer(string? password)
    {
        Password = password;
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    public string? Password { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>A connection that reconnects by itself, quickly, as tests of outages need.</summary>
    public ConnectionMultiplexer Connect(string? password = null) => ConnectionMultiplexer.Connect(new ConfigurationOptions
    {
        EndPoints = { Endpoint },
        Password = password ?? Password,
        AbortOnConnectFail = false,
        ConnectTimeout = 2000,
        SyncTimeout = 2000,
        AsyncTimeout = 2000,
        ReconnectRetryPolicy = new LinearRetry(100),
    });

    public void Start()
    {
        var path = FindRedisServer() ?? throw new InvalidOperationException(
            "redis-server is not installed, so the Redis health store cannot be tested. Install it with " +
            "'apt-get update && apt-get install -y redis-server' (.ci/run does this) and run the tests again.");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"])
        {
            start.ArgumentList.Add(argument);
        }

        if (Password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(Password);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        // Ready when redis-server says so on its log (it prints the line once it listens): a signal, not a poll.
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server exited before accepting connections on {Endpoint}."));
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(30))) // a broken start fails instead of hanging
        {
            throw new InvalidOperationException($"redis-server did not accept connections on {Endpoint} within 30 s.");
        }
    }

    /// <summary>Kills the server at once, as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();

    private static string? FindRedisServer()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(directory, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
