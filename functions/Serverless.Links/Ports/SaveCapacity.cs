namespace Serverless.Links.Ports;

/// <summary>The Save Page Now account's capacity, as <c>/save/status/user</c> reports it.</summary>
/// <param name="Available">Capture sessions that may start now (the account's concurrency left).</param>
/// <param name="Processing">Capture sessions running now.</param>
/// <param name="DailyCaptures">Captures made today.</param>
/// <param name="DailyCapturesLimit">Captures allowed per day.</param>
public sealed record SaveCapacity(int Available, int Processing, int DailyCaptures, int DailyCapturesLimit);
