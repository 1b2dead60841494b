using Microsoft.Extensions.Logging;
using Npgsql;

namespace Serverless.Storage.Postgres.Queues;

/// <summary>
/// One dedicated connection that LISTENs on every queue channel asked for so far and wakes the waiters of a
/// channel when a notification arrives. Started on the first wait; reconnects with back-off when the
/// connection fails. Waiting never fails: without a connection a wait simply lasts its timeout.
/// </summary>
/// <remarks>
/// A wait returns early ("a message may have arrived") when the channel gets a notification, when the channel
/// starts being listened to (messages sent before the LISTEN were not announced) and after a reconnect
/// (notifications sent meanwhile are lost). A notification that finds no waiter is remembered and ends the
/// next wait at once, so that a message sent between a receive and the following wait is not overslept.
/// The connection is never interrupted by cancelling <see cref="NpgsqlConnection.WaitAsync(TimeSpan, CancellationToken)"/>
/// (unreliable in Npgsql); it is woken by a notification on a private control channel instead.
/// </remarks>
internal sealed partial class QueueNotificationListener : IAsyncDisposable
{
    /// <summary>How long the connection idles before a round trip proves it is still alive.</summary>
    private static readonly TimeSpan IdleCheckInterval = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly string _controlChannel = "serverless_listener_" + Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChannelState> _channels = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public QueueNotificationListener(NpgsqlDataSource dataSource, ILogger logger)
    {
        _dataSource = dataSource;
        _logger = logger;
    }

    public async Task WaitAsync(string channel, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (timeout == TimeSpan.Zero)
        {
            return;
        }

        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ChannelState? state;
        bool isNewChannel;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            isNewChannel = !_channels.TryGetValue(channel, out state);
            if (state is null)
            {
                state = new ChannelState();
                _channels.Add(channel, state);
            }

            if (state.Pending)
            {
                state.Pending = false;
                return;
            }

            state.Waiters.Add(signal);
            _loop ??= Task.Run(RunAsync);
        }

        try
        {
            if (isNewChannel)
            {
                await WakeLoopAsync(cancellationToken).ConfigureAwait(false);
            }

            await signal.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing arrived: the caller polls again.
        }
        finally
        {
            lock (_gate)
            {
                state.Waiters.Remove(signal);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            loop = _loop;
            foreach (var state in _channels.Values)
            {
                state.Signal();
            }
        }

        if (loop is not null)
        {
            await WakeLoopAsync(CancellationToken.None).ConfigureAwait(false);
            // The loop ends at its next wake-up; if the control notification could not be sent that is at most
            // IdleCheckInterval away, and it then only closes its connection.
            await loop.WaitAsync(StopTimeout).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>Interrupts the loop's wait so that it LISTENs on new channels or sees that it must stop.</summary>
    private async Task WakeLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT pg_notify($1, '')");
            command.Parameters.Add(new NpgsqlParameter<string>{ TypedValue = _controlChannel });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.IsStoreFailure(e, cancellationToken))
        {
            // The loop is reconnecting or will check at its next idle round; the wait still ends by its timeout.
            LogWakeFailed(e);
        }
    }

    private async Task RunAsync()
    {
        var reconnectDelay = FirstReconnectDelay;
        while (!_stopping.IsCancellationRequested)
        {
            NpgsqlConnection? connection = null;
            try
            {
                connection = await _dataSource.OpenConnectionAsync(_stopping.Token).ConfigureAwait(false);
                connection.Notification += OnNotification;
                await ExecuteAsync(connection, $"LISTEN \"{_controlChannel}\"").ConfigureAwait(false);
                reconnectDelay = FirstReconnectDelay;

                while (!_stopping.IsCancellationRequested)
                {
                    await ListenToNewChannelsAsync(connection).ConfigureAwait(false);
                    if (!await connection.WaitAsync(IdleCheckInterval).ConfigureAwait(false))
                    {
                        await ExecuteAsync(connection, "SELECT 1").ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e) when (!_stopping.IsCancellationRequested)
            {
                LogConnectionLost(e, reconnectDelay.TotalSeconds);
                lock (_gate)
                {
                    foreach (var state in _channels.Values)
                    {
                        state.Listening = false;
                    }
                }

                await Task.Delay(reconnectDelay, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                reconnectDelay = TimeSpan.FromTicks(Math.Min(reconnectDelay.Ticks * 2, MaxReconnectDelay.Ticks));
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                // Stopping: whatever failed no longer matters.
            }
            finally
            {
                if (connection is not null)
                {
                    connection.Notification -= OnNotification;
                    await DisposeQuietlyAsync(connection).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task ListenToNewChannelsAsync(NpgsqlConnection connection)
    {
        List<string> channels;
        lock (_gate)
        {
            channels = _channels.Where(c => !c.Value.Listening).Select(c => c.Key).ToList();
        }

        if (channels.Count == 0)
        {
            return;
        }

        // Channel names are "queue_" + hex digits (QueueChannel), safe to quote as identifiers.
        await ExecuteAsync(connection, string.Join(";", channels.Select(c => $"LISTEN \"{c}\""))).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var channel in channels)
            {
                var state = _channels[channel];
                state.Listening = true;
                state.Signal();
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        lock (_gate)
        {
            if (_channels.TryGetValue(e.Channel, out var state))
            {
                state.Signal();
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task DisposeQuietlyAsync(NpgsqlConnection connection)
    {
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            LogDisposeFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue notification connection failed; reconnecting in {DelaySeconds} s (waits fall back to their timeouts meanwhile)")]
    private partial void LogConnectionLost(Exception exception, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not wake the queue notification connection")]
    private partial void LogWakeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the queue notification connection failed")]
    private partial void LogDisposeFailed(Exception exception);

    /// <summary>What is known of one channel; guarded by <see cref="_gate"/>.</summary>
    private sealed class ChannelState
    {
        public List<TaskCompletionSource> Waiters { get; } = [];

        /// <summary>A notification arrived while nobody waited.</summary>
        public bool Pending { get; set; }

        /// <summary>LISTEN is in force on the current connection.</summary>
        public bool Listening { get; set; }

        public void Signal()
        {
            if (Waiters.Count == 0)
            {
                Pending = true;
                return;
            }

            foreach (var waiter in Waiters)
            {
                waiter.TrySetResult();
            }

            Waiters.Clear();
        }
    }
}
