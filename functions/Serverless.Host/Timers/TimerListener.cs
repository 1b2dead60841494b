using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Host.Discovery;
using Serverless.Host.Invocation;

namespace Serverless.Host.Timers;

/// <summary>
/// Fires a timer-triggered function on its NCRONTAB schedule (UTC, or the zone named by <c>WEBSITE_TIME_ZONE</c>),
/// with <c>RunOnStartup</c>, and with a schedule monitor when one is registered: one instance fires each
/// occurrence, and an occurrence missed while no instance ran fires once at start-up with <c>IsPastDue</c>.
/// </summary>
internal sealed class TimerListener(
    HostFunction function,
    FunctionDispatcher dispatcher,
    InvocationLifetime lifetime,
    IServiceProvider services,
    Microsoft.Extensions.Configuration.IConfiguration configuration,
    ILogger<TimerListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var info = function.Timer!;
        NCrontabSchedule.TryParse(info.Schedule, out var schedule, out _);
        var zone = configuration["WEBSITE_TIME_ZONE"] is { Length: > 0 } name ? TimeZoneInfo.FindSystemTimeZoneById(name) : TimeZoneInfo.Utc;
        var monitor = info.UseMonitor ? services.GetService<ITimerScheduleMonitor>() : null;
        var now = DateTimeOffset.UtcNow;

        try
        {
            var last = monitor is null ? null : await monitor.GetLastAsync(function.Name, stoppingToken).ConfigureAwait(false);
            var missed = last is { } l && schedule!.NextAfter(l, zone) is { } due && due < now;
            if (info.RunOnStartup || missed)
            {
                await FireAsync(schedule!, zone, now, isPastDue: missed, monitor: null, stoppingToken).ConfigureAwait(false);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var next = schedule!.NextAfter(DateTimeOffset.UtcNow, zone);
                if (next is null)
                {
                    return;
                }

                var wait = next.Value - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
                }

                await FireAsync(schedule, zone, next.Value, isPastDue: false, monitor, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FireAsync(NCrontabSchedule schedule, TimeZoneInfo zone, DateTimeOffset occurrence, bool isPastDue, ITimerScheduleMonitor? monitor, CancellationToken stoppingToken)
    {
        if (monitor is not null && !await monitor.TryClaimAsync(function.Name, occurrence, stoppingToken).ConfigureAwait(false))
        {
            logger.LogDebug("Timer '{Function}': occurrence {Occurrence} fired on another instance", function.Name, occurrence);
            return;
        }

        var timerInfo = new TimerInfo
        {
            IsPastDue = isPastDue,
            ScheduleStatus = new ScheduleStatus
            {
                Last = occurrence.UtcDateTime,
                Next = schedule.NextAfter(occurrence, zone)?.UtcDateTime ?? DateTime.MaxValue,
                LastUpdated = DateTime.UtcNow,
            },
        };
        await dispatcher.InvokeAsync(
            function,
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["TimerTrigger"] = occurrence.ToString("O") },
            _ => new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { [function.TriggerParameter] = timerInfo },
            null,
            lifetime.InvocationsCancelled).ConfigureAwait(false);
    }
}
